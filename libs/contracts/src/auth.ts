import { z } from 'zod';

/** The roles, lowest first; a route's minimum role admits every role at or above it. */
export const UserRoleSchema = z.enum(['viewer', 'manager', 'analyst', 'admin']);
export type UserRole = z.infer<typeof UserRoleSchema>;

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: z.string().min(10, 'must be at least 10 characters').max(1000),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const UserDtoSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: UserRoleSchema,
  departments: z.array(z.string()),
});
export type UserDto = z.infer<typeof UserDtoSchema>;

/** Who is logged in, and the CSRF token a cookie session must send as X-CSRF-Token. */
export const SessionDtoSchema = z.object({
  user: UserDtoSchema,
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionDto = z.infer<typeof SessionDtoSchema>;

/** The login answer: the session, plus its token for API clients (Authorization: Bearer). */
export const LoginDtoSchema = SessionDtoSchema.extend({ token: z.string() });
export type LoginDto = z.infer<typeof LoginDtoSchema>;

/**
 * How one may sign in (GET /api/v1/auth/methods, public): always with a password; with the
 * city's single sign-on when OIDC is configured (the login page then shows "Sign in with <name>").
 */
export const AuthMethodsDtoSchema = z.object({
  password: z.literal(true),
  oidc: z
    .object({
      /** The provider's name for the button (OIDC_PROVIDER_NAME); null: a generic label. */
      name: z.string().nullable(),
      /** Where the browser goes to sign in: redirects to the provider. */
      loginUrl: z.string(),
    })
    .nullable(),
});
export type AuthMethodsDto = z.infer<typeof AuthMethodsDtoSchema>;
