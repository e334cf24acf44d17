import {
  CreateUserRequestSchema,
  ResetPasswordRequestSchema,
  UpdateUserRequestSchema,
} from './users';

const fields = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : (result.error?.issues.map((i) => i.path.join('.')) ?? []);

describe('user management requests', () => {
  it('create: a name, a role, departments deduplicated and trimmed, an optional password', () => {
    expect(
      CreateUserRequestSchema.parse({
        username: ' 张三 ',
        role: 'analyst',
        departments: ['税务局 ', '税务局'],
      }),
    ).toEqual({ username: '张三', role: 'analyst', departments: ['税务局'] });
    expect(CreateUserRequestSchema.parse({ username: 'ann', role: 'viewer' }).departments).toEqual(
      [],
    );
  });

  it('create: refuses spaces or control characters in names, short passwords, unknown roles and fields', () => {
    const bad = (body: unknown) => fields(CreateUserRequestSchema.safeParse(body));
    expect(bad({ username: 'ann smith', role: 'viewer' })).toEqual(['username']);
    expect(bad({ username: 'ann\u0000', role: 'viewer' })).toEqual(['username']);
    expect(bad({ username: 'ann', role: 'root' })).toEqual(['role']);
    expect(bad({ username: 'ann', role: 'viewer', password: 'nine char' })).toEqual(['password']);
    expect(bad({ username: 'ann', role: 'viewer', isAdmin: true })).toEqual(['']);
    expect(bad({ username: 'ann', role: 'viewer', departments: [''] })).toEqual(['departments.0']);
  });

  it('update: at least one of role, departments, disabled; nothing else', () => {
    expect(UpdateUserRequestSchema.parse({ disabled: true })).toEqual({ disabled: true });
    expect(fields(UpdateUserRequestSchema.safeParse({}))).toEqual(['']);
    const password = UpdateUserRequestSchema.safeParse({ password: 'x'.repeat(12) });
    expect(password.error?.issues.map((i) => i.code)).toEqual(['unrecognized_keys', 'custom']);
    expect(fields(UpdateUserRequestSchema.safeParse({ role: 'admin', disabled: 'no' }))).toEqual([
      'disabled',
    ]);
  });

  it('reset: an optional password of at least 10 characters', () => {
    expect(ResetPasswordRequestSchema.parse({})).toEqual({});
    expect(fields(ResetPasswordRequestSchema.safeParse({ password: 'short' }))).toEqual([
      'password',
    ]);
  });
});
