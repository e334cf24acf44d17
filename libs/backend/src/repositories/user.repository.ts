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

  /** Removes sessions (and one-time login links) past their expiry; answers how many. */
  async deleteExpiredSessions(now = new Date()): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }

  /** Every user with the number of their unexpired sessions, by user name. */
  async listWithSessionCounts(): Promise<{ user: AppUserEntity; activeSessions: number }[]> {
    const users = await this.list();
    const counts = await this.sessions
      .createQueryBuilder('s')
      .select('s.user_id', 'userId')
      .addSelect('count(*)::int', 'n')
      .where('s.expires_at > now()')
      .groupBy('s.user_id')
      .getRawMany<{ userId: string; n: number }>();
    const byUser = new Map(counts.map((c) => [c.userId, Number(c.n)]));
    return users.map((user) => ({ user, activeSessions: byUser.get(user.id) ?? 0 }));
  }

  async countActiveSessions(userId: string): Promise<number> {
    return this.sessions
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.expires_at > now()', { userId })
      .getCount();
  }

  /**
   * Changes a user's role, departments or disabled flag in one transaction that first locks the
   * enabled admins, so two admins demoting each other at once cannot leave none: answers
   * 'last-admin' (and changes nothing) when the change would leave no enabled admin, null when
   * there is no such user. Disabling deletes the user's sessions in the same transaction.
   */
  async updateUser(
    id: string,
    patch: { role?: UserRole; departments?: string[]; disabled?: boolean },
  ): Promise<AppUserEntity | 'last-admin' | null> {
    return this.users.manager.transaction(async (tx) => {
      const admins = await tx
        .getRepository(AppUserEntity)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where("u.role = 'admin' AND NOT u.disabled")
        .getMany();
      const user = await tx.getRepository(AppUserEntity).findOneBy({ id });
      if (!user) return null;
      const next = { ...user, ...patch };
      const adminsAfter =
        admins.filter((a) => a.id !== id).length +
        (next.role === 'admin' && !next.disabled ? 1 : 0);
      if (adminsAfter === 0) return 'last-admin';
      await tx.getRepository(AppUserEntity).update({ id }, patch);
      if (patch.disabled) await tx.getRepository(UserSessionEntity).delete({ userId: id });
      return tx.getRepository(AppUserEntity).findOneByOrFail({ id });
    });
  }
}
