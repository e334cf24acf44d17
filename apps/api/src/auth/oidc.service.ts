import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, CONFIG, UserRepository, type OidcConfig } from '@onetrip/backend';
import type { AuthMethodsDto } from '@onetrip/contracts';
// Types only: the library is an ES module, loaded with import() when single sign-on is on.
import type * as OpenIdClient from 'openid-client';
import { ProblemException } from '../problem/problem';
import type { HttpRequest, HttpResponse } from './auth-user';
import { AuthService } from './auth.service';
import { claimOf, identityFromClaims } from './oidc-claims';
import { PendingLogins } from './oidc-pending-logins';

export const OIDC_LOGIN_PATH = '/api/v1/auth/oidc/login';
export const OIDC_FLOW_COOKIE = 'onetrip_oidc';
const FLOW_COOKIE_PATH = '/api/v1/auth/oidc';

/**
 * The password hash of a user made by a single sign-on login: no password verifies against it
 * (it is no scrypt string), so such a user can only sign in through the provider until an admin
 * or the CLI sets a password.
 */
export const SSO_ONLY_PASSWORD_HASH = 'sso-only';

type Library = typeof OpenIdClient;

export const oidcDisabled = (): ProblemException =>
  new ProblemException(
    404,
    'auth.oidc-disabled',
    'Single sign-on is not configured on this server (OIDC_ISSUER is not set).',
  );

const badState = (why: string): ProblemException =>
  new ProblemException(
    401,
    'auth.oidc-state',
    `${why} Start the sign-in again from the login page.`,
  );

function flowCookieOf(req: HttpRequest): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === OIDC_FLOW_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Adds a Set-Cookie header next to any already set on the response. */
function appendCookie(res: HttpResponse, cookie: string): void {
  const before = res.getHeader('Set-Cookie');
  const list = before === undefined ? [] : Array.isArray(before) ? before : [String(before)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/**
 * OIDC single sign-on (decision 0022): the authorization code flow with PKCE, state and nonce,
 * by `openid-client`. A validated ID token names a user (created on first sign-in unless
 * OIDC_NEW_USERS=refuse); the session is the one a password login opens (AuthService.open).
 */
@Injectable()
export class OidcService {
  private readonly log = new Logger('OidcService');
  private readonly pending = new PendingLogins();
  private discovered: Promise<{ lib: Library; server: OpenIdClient.Configuration }> | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
  ) {}

  methods(): AuthMethodsDto {
    const oidc = this.config.oidc;
    return {
      password: true,
      oidc: oidc ? { name: oidc.providerName, loginUrl: OIDC_LOGIN_PATH } : null,
    };
  }

  private settings(): OidcConfig {
    if (!this.config.oidc) throw oidcDisabled();
    return this.config.oidc;
  }

  /** The library and the provider's metadata, discovered once (again after a failure). */
  private provider(
    settings: OidcConfig,
  ): Promise<{ lib: Library; server: OpenIdClient.Configuration }> {
    this.discovered ??= (async () => {
      const lib: Library = await import('openid-client');
      const server = await lib.discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret ?? undefined,
        settings.clientSecret ? lib.ClientSecretBasic(settings.clientSecret) : lib.None(),
        {
          // Verify the ID token's signature against the provider's JWKS too, not only TLS
          // (decision 0022: a proxy or a misrouted token endpoint must not mint sessions).
          execute: [
            lib.enableNonRepudiationChecks,
            ...(settings.allowHttp ? [lib.allowInsecureRequests] : []),
          ],
          timeout: 10,
        },
      );
      return { lib, server };
    })();
    return this.discovered.catch((error: unknown) => {
      this.discovered = null;
      const why = error instanceof Error ? error.message : String(error);
      this.log.warn(`OIDC discovery at ${settings.issuer} failed: ${why}`);
      throw new ProblemException(
        503,
        'auth.oidc-unavailable',
        `The single sign-on provider cannot be reached (${why}). Try again in a moment, or log in with a password.`,
      );
    });
  }

  /**
   * Starts a sign-in: remembers a fresh state, nonce and PKCE verifier under a cookie and answers
   * the provider's authorization URL to redirect the browser to.
   */
  async start(req: HttpRequest, res: HttpResponse): Promise<string> {
    const settings = this.settings();
    const { lib, server } = await this.provider(settings);
    const login = {
      state: lib.randomState(),
      nonce: lib.randomNonce(),
      codeVerifier: lib.randomPKCECodeVerifier(),
    };
    const id = this.pending.add(login);
    const url = lib.buildAuthorizationUrl(server, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scopes,
      response_type: 'code',
      state: login.state,
      nonce: login.nonce,
      code_challenge: await lib.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
    });
    appendCookie(res, this.flowCookie(req, id, this.pending.ttlMs));
    return url.href;
  }

  /**
   * The provider's redirect back: checks the state against this browser's pending sign-in,
   * exchanges the code (with the PKCE verifier), validates the ID token (signature, issuer,
   * audience, expiry, nonce) and opens a session for the user its claims name.
   */
  async finish(req: HttpRequest, res: HttpResponse): Promise<void> {
    const settings = this.settings();
    try {
      await this.signIn(settings, req, res);
    } finally {
      // The flow cookie is spent whatever happened (added after the session cookie, if any).
      appendCookie(res, this.flowCookie(req, '', 0));
    }
  }

  private async signIn(settings: OidcConfig, req: HttpRequest, res: HttpResponse): Promise<void> {
    const flowId = flowCookieOf(req);
    const login = flowId ? this.pending.take(flowId) : null;
    if (!login) {
      throw badState(
        'No sign-in is in progress in this browser, or it took longer than 10 minutes.',
      );
    }
    const currentUrl = new URL(settings.redirectUrl);
    currentUrl.search = new URL(req.url ?? '/', 'http://localhost').search;
    if (currentUrl.searchParams.get('state') !== login.state) {
      throw badState('The answer of the provider belongs to another sign-in (state mismatch).');
    }
    const { lib, server } = await this.provider(settings);
    let claims: Record<string, unknown>;
    try {
      const tokens = await lib.authorizationCodeGrant(server, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
    } catch (error) {
      throw this.refusal(lib, error);
    }
    const username = claimOf(claims, settings.usernameClaim);
    const existing =
      typeof username === 'string' ? await this.users.findByUsername(username.trim()) : null;
    const identity = identityFromClaims(claims, existing, settings);
    let user = existing;
    if (!user) {
      user = await this.users
        .create({ ...identity, passwordHash: SSO_ONLY_PASSWORD_HASH })
        // Two first sign-ins at once: the other one made the user (unique user name).
        .catch(async (error: unknown) => {
          const made = await this.users.findByUsername(identity.username);
          if (!made) throw error;
          return made;
        });
      this.log.log(`single sign-on signed in new user ${identity.username} (${identity.role})`);
    } else if (
      user.role !== identity.role ||
      user.departments.join('\u0000') !== identity.departments.join('\u0000')
    ) {
      await this.users.setRoleAndDepartments(user.id, identity.role, identity.departments);
      user = { ...user, role: identity.role, departments: identity.departments };
    }
    await this.auth.open(user, req, res);
  }

  /** The problem for an error of the token exchange or the ID token's validation. */
  private refusal(lib: Library, error: unknown): ProblemException {
    if (error instanceof lib.AuthorizationResponseError || error instanceof lib.ResponseBodyError) {
      const text = [error.error, error.error_description].filter(Boolean).join(': ');
      return new ProblemException(
        401,
        'auth.oidc-provider-error',
        `The single sign-on provider refused the sign-in (${text}).`,
      );
    }
    if (error instanceof lib.ClientError) {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return new ProblemException(
        401,
        'auth.oidc-invalid-token',
        `The provider's answer failed validation (${error.message}${cause}).`,
      );
    }
    const why = error instanceof Error ? error.message : String(error);
    this.log.warn(`OIDC token exchange failed: ${why}`);
    return new ProblemException(
      503,
      'auth.oidc-unavailable',
      `The single sign-on provider cannot be reached (${why}). Try again in a moment.`,
    );
  }

  private flowCookie(req: HttpRequest, value: string, maxAgeMs: number): string {
    return [
      `${OIDC_FLOW_COOKIE}=${encodeURIComponent(value)}`,
      `Path=${FLOW_COOKIE_PATH}`,
      'HttpOnly',
      // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
      'SameSite=Lax',
      `Max-Age=${Math.floor(maxAgeMs / 1000)}`,
      ...(this.auth.secureCookies(req) ? ['Secure'] : []),
    ].join('; ');
  }
}
