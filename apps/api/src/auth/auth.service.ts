import { Inject, Injectable } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  UserRepository,
  hashPassword,
  newCsrfToken,
  newSessionToken,
  sessionIdOf,
  SESSION_TOKEN_PREFIX,
  LINK_TOKEN_PREFIX,
  verifyPassword,
  needsRehash,
  type AppUserEntity,
} from '@onetrip/backend';
import {
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  type LoginDto,
  type SessionDto,
} from '@onetrip/contracts';
import { ProblemException } from '../problem/problem';
import { validate } from '../problem/validate';
import type { AuthUser, HttpRequest, HttpResponse } from './auth-user';
import { LoginThrottle } from './login-throttle';

export const SESSION_COOKIE = 'onetrip_session';

function cookieToken(req: HttpRequest): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

function bearerToken(req: HttpRequest): string | null {
  const match = /^Bearer\s+(ots_\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? match[1] : null;
}

const badLogin = (): ProblemException =>
  new ProblemException(401, 'auth.invalid-credentials', 'Unknown user or wrong password.');

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly users: UserRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new LoginThrottle(config.loginMaxFailures, config.loginFailureWindowMs);
  }

  /** The caller's session from its bearer token or cookie, or null; slides the expiry. */
  async authenticate(req: HttpRequest): Promise<AuthUser | null> {
    const bearer = bearerToken(req);
    const token = bearer ?? cookieToken(req);
    if (!token?.startsWith(SESSION_TOKEN_PREFIX)) return null;
    const found = await this.users.findSession(sessionIdOf(token));
    if (!found) return null;
    const { session, user } = found;
    // Write the sliding expiry at most once a minute, not on every request.
    if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
      await this.users.touchSession(session.id, new Date(Date.now() + this.config.sessionTtlMs));
    }
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      departments: user.departments,
      sessionId: session.id,
      csrfToken: session.csrfToken,
      via: bearer ? 'bearer' : 'cookie',
    };
  }

  async login(body: unknown, req: HttpRequest, res: HttpResponse): Promise<LoginDto> {
    const { username, password } = validate(LoginRequestSchema, body);
    const throttleKey = `${username}\u0000${req.ip ?? ''}`;
    const retryAfter = this.throttle.blockedFor(throttleKey);
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(Math.ceil(retryAfter / 1000)));
      throw new ProblemException(
        429,
        'auth.throttled',
        `Too many failed logins for ${username} from this address; try again in ${Math.ceil(retryAfter / 60_000)} min.`,
      );
    }
    const user = await this.users.findByUsername(username);
    const ok = user && !user.disabled && (await verifyPassword(password, user.passwordHash));
    if (!user || !ok) {
      this.throttle.fail(throttleKey);
      throw badLogin();
    }
    this.throttle.clear(throttleKey);
    // An scrypt hash from before decision 0020 (or a bcrypt hash of a lower cost) is replaced now
    // that the password is known.
    if (needsRehash(user.passwordHash)) {
      await this.users.setPassword(user.id, await hashPassword(password));
    }
    return this.open(user, req, res);
  }

  /**
   * Redeems a one-time login link: the link's row is deleted and a session opened (cookie set).
   * False when the link is unknown, used or expired.
   */
  async redeemLink(token: string, req: HttpRequest, res: HttpResponse): Promise<boolean> {
    if (!token.startsWith(LINK_TOKEN_PREFIX)) return false;
    const found = await this.users.findSession(sessionIdOf(token));
    if (!found) return false;
    await this.users.deleteSession(found.session.id);
    await this.open(found.user, req, res);
    return true;
  }

  /**
   * Opens a session for a user who has proven who they are (password, login link, OIDC): the
   * session row, its CSRF token and the cookie. The one place a session is made.
   */
  async open(user: AppUserEntity, req: HttpRequest, res: HttpResponse): Promise<LoginDto> {
    const { token, id } = newSessionToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlMs);
    const session = await this.users.createSession({
      id,
      userId: user.id,
      csrfToken: newCsrfToken(),
      expiresAt,
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
    });
    res.setHeader('Set-Cookie', this.cookie(req, token, this.config.sessionTtlMs));
    return { token, ...sessionDto(user, session.csrfToken, expiresAt) };
  }

  async logout(user: AuthUser, req: HttpRequest, res: HttpResponse): Promise<void> {
    await this.users.deleteSession(user.sessionId);
    res.setHeader('Set-Cookie', this.cookie(req, '', 0));
  }

  async me(user: AuthUser): Promise<SessionDto> {
    const found = await this.users.findSession(user.sessionId);
    if (!found) throw new ProblemException(401, 'auth.required', 'The session has ended.');
    return sessionDto(found.user, found.session.csrfToken, found.session.expiresAt);
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(user: AuthUser, body: unknown): Promise<void> {
    const { currentPassword, newPassword } = validate(ChangePasswordRequestSchema, body);
    const stored = await this.users.findById(user.id);
    if (!stored || !(await verifyPassword(currentPassword, stored.passwordHash))) {
      throw new ProblemException(403, 'auth.wrong-password', 'The current password is wrong.');
    }
    await this.users.setPassword(user.id, await hashPassword(newPassword));
    await this.users.deleteOtherSessions(user.id, user.sessionId);
  }

  /** Whether cookies set on this request get the Secure flag (COOKIE_SECURE). */
  secureCookies(req: HttpRequest): boolean {
    return (
      this.config.cookieSecure === 'true' ||
      (this.config.cookieSecure === 'auto' && (this.config.env === 'production' || !!req.secure))
    );
  }

  private cookie(req: HttpRequest, token: string, maxAgeMs: number): string {
    const secure = this.secureCookies(req);
    return [
      `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }
}

function sessionDto(user: AppUserEntity, csrfToken: string, expiresAt: Date): SessionDto {
  return {
    user: { id: user.id, username: user.username, role: user.role, departments: user.departments },
    csrfToken,
    expiresAt: expiresAt.toISOString(),
  };
}
