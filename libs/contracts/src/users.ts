import { z } from 'zod';
import { UserRoleSchema } from './auth';

/** User management (admin only): `/api/v1/users`. */

const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s\p{Cc}]+$/u, 'no spaces or control characters')
  .describe('Log-in name, unique');

const DepartmentsSchema = z
  .array(z.string().trim().min(1).max(200))
  .max(100)
  .transform((list) => [...new Set(list)])
  .describe('Departments whose datasets the user sees (admins see every department)');

const NewPasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(1000)
  .describe('At least 10 characters; omit to have one generated (answered once)');

/** A user as an admin sees it. */
export const UserAdminDtoSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: UserRoleSchema,
  departments: z.array(z.string()),
  disabled: z.boolean(),
  /** Sessions currently open (not expired). */
  activeSessions: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserAdminDto = z.infer<typeof UserAdminDtoSchema>;

export const CreateUserRequestSchema = z
  .object({
    username: UsernameSchema,
    role: UserRoleSchema,
    departments: DepartmentsSchema.default([]),
    password: NewPasswordSchema.optional(),
  })
  .strict();
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

/** Changes to a user; at least one field. Disabling ends the user's sessions at once. */
export const UpdateUserRequestSchema = z
  .object({
    role: UserRoleSchema.optional(),
    departments: DepartmentsSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.departments !== undefined || v.disabled !== undefined, {
    message: 'name at least one of role, departments, disabled',
  });
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>;

/** Sets a new password (ends every session of the user). */
export const ResetPasswordRequestSchema = z
  .object({ password: NewPasswordSchema.optional() })
  .strict();
export type ResetPasswordRequest = z.input<typeof ResetPasswordRequestSchema>;

/**
 * A created user or a reset password. `password` is there only when the server generated it:
 * shown this once, never stored in the clear and never answered again.
 */
export const UserWithPasswordDtoSchema = z.object({
  user: UserAdminDtoSchema,
  password: z.string().optional(),
});
export type UserWithPasswordDto = z.infer<typeof UserWithPasswordDtoSchema>;
