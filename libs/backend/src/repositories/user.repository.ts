import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, Repository } from 'typeorm';
import { AppUserEntity, type UserRole } from '../entities/app-user.entity';
import { UserSessionEntity } from '../entities/user-session.entity';

export interface NewUser {
  username: string;
  passwordHash: string;
  role: UserRole;
  departments?: string[];
}

export interface NewSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** Users and their login sessions: the only code that touches app_user and user_session. */
@Injectable()
export class UserRepository {
  private readonly users: Repository<AppUserEntity>;
  private readonly sessions: Repository<UserSessionEntity>;

  constructor(dataSource: DataSource) {
    this.users = dataSource.getRepository(AppUserEntity);
    this.sessions = dataSource.getRepository(UserSessionEntity);
  }

  create(user: NewUser): Promise<AppUserEntity> {
    return this.users.save(this.users.create({ departments: [], ...user }));
  }

  list(): Promise<AppUserEntity[]> {
    return this.users.find({ order: { username: 'ASC' } });
  }

  findByUsername(username: string): Promise<AppUserEntity | null> {
    return this.users.findOneBy({ username });
  }

  findById(id: string): Promise<AppUserEntity | null> {
    return this.users.findOneBy({ id });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  /** The role and departments a single sign-on login brought (decision 0022). */
  async setRoleAndDepartments(id: string, role: UserRole, departments: string[]): Promise<void> {
    await this.users.update({ id }, { role, departments });
  }

  async createSession(session: NewSession): Promise<UserSessionEntity> {
    const now = new Date();
    return this.sessions.save(this.sessions.create({ ...session, lastSeenAt: now }));
  }

  /** The live session with this id and its (enabled) user; expired sessions are removed. */
  async findSession(
    id: string,
  ): Promise<{ session: UserSessionEntity; user: AppUserEntity } | null> {
    const session = await this.sessions.findOne({ where: { id }, relations: { user: true } });
    if (!session?.user) return null;
    if (session.expiresAt.getTime() <= Date.now()) {
      await this.sessions.delete({ id });
      return null;
    }
    if (session.user.disabled) return null;
    return { session, user: session.user };
  }

  async touchSession(id: string, expiresAt: Date): Promise<void> {
    await this.sessions.update({ id }, { lastSeenAt: new Date(), expiresAt });
  }

  async deleteSession(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  /** Every session of a user but one (after a password change). */
  async deleteOtherSessions(userId: string, keepId: string | null): Promise<void> {
    const qb = this.sessions.createQueryBuilder().delete().where('user_id = :userId', { userId });
    if (keepId) qb.andWhere('id <> :keepId', { keepId });
    await qb.execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
  }
}
