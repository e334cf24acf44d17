import { Injectable } from '@nestjs/common';
import {
  UserRepository,
  generatePassword,
  hashPassword,
  isUuid,
  type AppUserEntity,
} from '@onetrip/backend';
import {
  CreateUserRequestSchema,
  ResetPasswordRequestSchema,
  UpdateUserRequestSchema,
  type UserAdminDto,
  type UserWithPasswordDto,
} from '@onetrip/contracts';
import { ProblemException } from '../problem/problem';
import { validate } from '../problem/validate';

const userNotFound = (id: string): ProblemException =>
  new ProblemException(404, 'user.not-found', `No user with id ${id}.`);

function toDto(user: AppUserEntity, activeSessions: number): UserAdminDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    departments: user.departments,
    disabled: user.disabled,
    activeSessions,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** User management for admins (the routes are @MinRole('admin'); see docs/security.md). */
@Injectable()
export class UsersService {
  constructor(private readonly users: UserRepository) {}

  async list(): Promise<UserAdminDto[]> {
    const rows = await this.users.listWithSessionCounts();
    return rows.map(({ user, activeSessions }) => toDto(user, activeSessions));
  }

  async create(body: unknown): Promise<UserWithPasswordDto> {
    const request = validate(CreateUserRequestSchema, body);
    if (await this.users.findByUsername(request.username)) {
      throw new ProblemException(
        409,
        'user.exists',
        `A user named "${request.username}" exists already.`,
      );
    }
    const password = request.password ?? generatePassword();
    const user = await this.users.create({
      username: request.username,
      passwordHash: await hashPassword(password),
      role: request.role,
      departments: request.departments,
    });
    return { user: toDto(user, 0), ...(request.password ? {} : { password }) };
  }

  async update(id: string, body: unknown): Promise<UserAdminDto> {
    const patch = validate(UpdateUserRequestSchema, body);
    if (!isUuid(id)) throw userNotFound(id);
    const updated = await this.users.updateUser(id, patch);
    if (updated === null) throw userNotFound(id);
    if (updated === 'last-admin') {
      throw new ProblemException(
        409,
        'user.last-admin',
        'This is the last enabled admin: make another user admin before disabling or demoting this one.',
      );
    }
    return toDto(updated, await this.users.countActiveSessions(id));
  }

  /** A new password (given or generated); every session of the user ends. */
  async resetPassword(id: string, body: unknown): Promise<UserWithPasswordDto> {
    const request = validate(ResetPasswordRequestSchema, body);
    if (!isUuid(id)) throw userNotFound(id);
    const user = await this.users.findById(id);
    if (!user) throw userNotFound(id);
    const password = request.password ?? generatePassword();
    await this.users.setPassword(id, await hashPassword(password));
    await this.users.deleteOtherSessions(id, null);
    const fresh = (await this.users.findById(id)) ?? user;
    return { user: toDto(fresh, 0), ...(request.password ? {} : { password }) };
  }
}
