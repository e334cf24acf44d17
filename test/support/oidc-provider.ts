/**
 * A small but real OpenID Connect provider on 127.0.0.1 for tests without internet: discovery,
 * a JWKS, an authorization endpoint (authorization code flow, PKCE S256 required), a token
 * endpoint (client_secret_basic) and RS256-signed ID tokens made with node:crypto. A test signs in
 * non-interactively by adding `login=<user>` to the authorization URL; a browser without it gets
 * a one-field login form that does the same.
 * `tweakNextIdToken` makes the next ID token wrong in one way (audience, nonce, key, …), so a test
 * can show the client refuses it. Hand-written rather than `oidc-provider`, which will not issue
 * wrong tokens and is an ES module Jest cannot load (decision 0022).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Claims = Record<string, unknown>;

export interface IdTokenTweak {
  aud?: string;
  nonce?: string;
  iss?: string;
  /** Seconds from now; negative: already expired. */
  expiresIn?: number;
  /** Sign with a key the JWKS does not hold. */
  foreignKey?: boolean;
}

export interface TestProvider {
  readonly issuer: string;
  /** Users by login name: their claims (sub is the login name unless given). Change freely. */
  readonly users: Map<string, Claims>;
  /** What the provider received, in order (authorization and token requests). */
  readonly seen: { endpoint: 'authorize' | 'token'; params: Record<string, string> }[];
  tweakNextIdToken(tweak: IdTokenTweak): void;
  close(): Promise<void>;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function signJwt(payload: Claims, key: KeyObject, kid: string): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), key);
  return `${header}.${body}.${b64url(signature)}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startTestProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Promise<TestProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'test-key-1';
  const users = new Map<string, Claims>();
  const seen: TestProvider['seen'] = [];
  const codes = new Map<
    string,
    { login: string; nonce: string; challenge: string; redirectUri: string }
  >();
  let tweak: IdTokenTweak | null = null;
  let issuer = '';

  /** The provider's login page (for browsers): a user name, sent back to /authorize. */
  const loginForm = (p: Record<string, string>, res: ServerResponse): void => {
    const escape = (v: string): string => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const hidden = Object.entries(p)
      .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Test provider</title><form method="get" action="/authorize">${hidden}` +
        `<label>Provider user <input name="login"></label><button>Sign in at the provider</button></form>`,
    );
  };

  const authorize = (url: URL, res: ServerResponse): void => {
    const p = Object.fromEntries(url.searchParams);
    seen.push({ endpoint: 'authorize', params: p });
    if (p.client_id !== client.clientId || p.redirect_uri !== client.redirectUri) {
      return json(res, 400, { error: 'invalid_request', error_description: 'unknown client' });
    }
    const back = new URL(client.redirectUri);
    back.searchParams.set('iss', issuer);
    if (p.state) back.searchParams.set('state', p.state);
    const fail = (error: string, description: string): void => {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', description);
      res.writeHead(302, { location: back.href }).end();
    };
    if (p.response_type !== 'code') return fail('unsupported_response_type', 'code only');
    if (!/(^| )openid( |$)/.test(p.scope ?? '')) return fail('invalid_scope', 'openid needed');
    if (p.code_challenge_method !== 'S256' || !p.code_challenge) {
      return fail('invalid_request', 'PKCE with S256 is required');
    }
    if (p.login === undefined) return loginForm(p, res);
    if (!users.has(p.login)) return fail('access_denied', 'the user did not sign in');
    const code = b64url(randomBytes(24));
    codes.set(code, {
      login: p.login,
      nonce: p.nonce ?? '',
      challenge: p.code_challenge,
      redirectUri: p.redirect_uri,
    });
    back.searchParams.set('code', code);
    res.writeHead(302, { location: back.href }).end();
  };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const p = Object.fromEntries(new URLSearchParams(await readBody(req)));
    seen.push({ endpoint: 'token', params: p });
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const [id, secret] = Buffer.from(basic, 'base64')
      .toString('utf8')
      .split(':')
      .map((s) => decodeURIComponent(s));
    if (id !== client.clientId || secret !== client.clientSecret) {
      return json(res, 401, { error: 'invalid_client' });
    }
    const grant = codes.get(p.code ?? '');
    codes.delete(p.code ?? '');
    if (p.grant_type !== 'authorization_code' || !grant) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
    }
    if (p.redirect_uri !== grant.redirectUri) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri differs' });
    }
    const challenge = b64url(
      createHash('sha256')
        .update(p.code_verifier ?? '')
        .digest(),
    );
    if (challenge !== grant.challenge) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verifier wrong' });
    }
    const now = Math.floor(Date.now() / 1000);
    const t = tweak ?? {};
    tweak = null;
    const idToken = signJwt(
      {
        sub: grant.login,
        ...users.get(grant.login),
        iss: t.iss ?? issuer,
        aud: t.aud ?? client.clientId,
        iat: now,
        exp: now + (t.expiresIn ?? 300),
        nonce: t.nonce ?? grant.nonce,
      },
      t.foreignKey ? foreign : privateKey,
      kid,
    );
    json(res, 200, {
      access_token: b64url(randomBytes(24)),
      token_type: 'Bearer',
      expires_in: 300,
      id_token: idToken,
    });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        scopes_supported: ['openid', 'profile', 'email'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') {
      return json(res, 200, {
        keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
      });
    }
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      token(req, res).catch((error: unknown) => json(res, 500, { error: String(error) }));
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    users,
    seen,
    tweakNextIdToken: (t) => {
      tweak = t;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
