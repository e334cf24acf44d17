import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { UserAdminDto, UserWithPasswordDto } from '@onetrip/contracts';
import { MinRole } from '../auth/auth.decorators';
import { arrayOf, problem, ref } from '../openapi/openapi';
import { UsersService } from './users.service';

/** Users, their roles and departments: admins only. */
@ApiTags('users')
@Controller('api/v1/users')
@MinRole('admin')
@ApiForbiddenResponse(problem('Not an admin (auth.forbidden)'))
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ schema: arrayOf('UserAdminDto'), description: 'By user name' })
  list(): Promise<UserAdminDto[]> {
    return this.users.list();
  }

  @Post()
  @ApiBody({ schema: ref('CreateUserRequest') })
  @ApiCreatedResponse({
    schema: ref('UserWithPasswordDto'),
    description: 'The user, and the generated password when none was given (shown only now)',
  })
  @ApiBadRequestResponse(problem('The body fails validation (request.invalid)'))
  @ApiConflictResponse(problem('The user name is taken (user.exists)'))
  create(@Body() body: unknown): Promise<UserWithPasswordDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ApiBody({ schema: ref('UpdateUserRequest') })
  @ApiOkResponse({
    schema: ref('UserAdminDto'),
    description: "Changed; disabling ends the user's sessions at once",
  })
  @ApiBadRequestResponse(problem('The body fails validation (request.invalid)'))
  @ApiNotFoundResponse(problem('No such user (user.not-found)'))
  @ApiConflictResponse(problem('It would leave no enabled admin (user.last-admin)'))
  update(@Param('id') id: string, @Body() body: unknown): Promise<UserAdminDto> {
    return this.users.update(id, body);
  }

  @Post(':id/password')
  @HttpCode(200)
  @ApiBody({ schema: ref('ResetPasswordRequest') })
  @ApiOkResponse({
    schema: ref('UserWithPasswordDto'),
    description:
      'Set; every session of the user ends. The generated password when none was given (shown only now)',
  })
  @ApiBadRequestResponse(problem('The body fails validation (request.invalid)'))
  @ApiNotFoundResponse(problem('No such user (user.not-found)'))
  resetPassword(@Param('id') id: string, @Body() body: unknown): Promise<UserWithPasswordDto> {
    return this.users.resetPassword(id, body);
  }
}
