/**
 * The first admin of a fresh deployment: `onetrip user create --admin` prints a generated password
 * once, stores only its hash, and that password logs in through the api; `onetrip user list`
 * shows who exists.
 */
import type { LoginDto } from '@onetrip/contracts';
import { Client } from 'pg';
import { runUser } from '../../apps/cli/src/commands/user';
import { postJson } from '../support/http';
import { apiSuite, testEnv } from '../support/services';

const suite = apiSuite('cli-user');

async function userCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runUser(
    argv,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    testEnv(suite.db),
  );
  return { code, stdout, stderr };
}

describe('onetrip user', () => {
  it('creates an admin with a generated password shown once, which then logs in', async () => {
    const r = await userCli(['create', '--admin', '--username', 'ada']);
    expect(r.code).toBe(0);
    const password = /created admin "ada" with password ([\w-]{24}) \(shown only now\)/.exec(
      r.stdout,
    )?.[1];
    expect(password).toBeDefined();
    const client = new Client({ connectionString: suite.db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ password_hash: string; role: string }>(
        `SELECT password_hash, role FROM app_user WHERE username = 'ada'`,
      );
      expect(rows[0].role).toBe('admin');
      expect(rows[0].password_hash).not.toContain(password);
    } finally {
      await client.end();
    }
    const login = await postJson<LoginDto>(`${suite.api.url}/api/v1/auth/login`, {
      username: 'ada',
      password,
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ username: 'ada', role: 'admin' });
  });

  it('creates an analyst of two departments with a given password, and lists users', async () => {
    const r = await userCli([
      'create',
      '--username',
      'ann',
      '--role',
      'analyst',
      '--department',
      'tax',
      '--department',
      'health',
      '--password',
      'ann-password-1',
    ]);
    expect(r).toMatchObject({ code: 0, stdout: 'created analyst "ann"\n' });
    const list = await userCli(['list']);
    expect(list.stdout.split('\n')).toEqual(
      expect.arrayContaining(['ada\tadmin\t-', 'ann\tanalyst\ttax,health']),
    );
  });

  it('refuses a second user of the same name, an unknown role and a short password', async () => {
    expect((await userCli(['create', '--username', 'ann'])).stderr).toContain('exists already');
    const role = await userCli(['create', '--username', 'x', '--role', 'boss']);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("--role is one of viewer, manager, analyst, admin, got 'boss'");
    expect((await userCli(['create', '--username', 'x', '--password', 'short'])).stderr).toContain(
      '--password must be at least 10 characters',
    );
  });
});
