import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Admin user management (`/api/v1/users`). */
@Module({ controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
