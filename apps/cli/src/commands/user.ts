/**
 * `onetrip user create --username U [--admin | --role R] [--department D]… [--password P]` and
 * `onetrip user list`: users straight in the database of DATABASE_URL (the first admin has no one
 * to log in as). A generated password is printed once; only its hash is stored.
 */
import {
  USER_ROLES,
  UserRepository,
  createDataSource,
  generatePassword,
  hashPassword,
  loadConfig,
  type UserRole,
} from '@onetrip/backend';

const HELP = `Usage:
  onetrip user create --username NAME [--admin | --role viewer|manager|analyst|admin]
                      [--department D]... [--password P]
  onetrip user list

Creates or lists users in the database of DATABASE_URL. Without --password a random one is
generated and printed once. Roles: ${USER_ROLES.join(' < ')}.
`;

export interface UserIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface CreateArgs {
  username: string;
  role: UserRole;
  departments: string[];
  password: string | null;
}

class UsageError extends Error {}

export function parseCreateArgs(argv: readonly string[]): CreateArgs {
  let username: string | null = null;
  let role: UserRole = 'viewer';
  let password: string | null = null;
  const departments: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--admin') role = 'admin';
    else if (flag === '--username') username = value();
    else if (flag === '--password') password = value();
    else if (flag === '--department') departments.push(value());
    else if (flag === '--role') {
      const r = value();
      if (!(USER_ROLES as readonly string[]).includes(r)) {
        throw new UsageError(`--role is one of ${USER_ROLES.join(', ')}, got '${r}'`);
      }
      role = r as UserRole;
    } else throw new UsageError(`unknown option ${flag}`);
  }
  if (!username) throw new UsageError('--username is required');
  if (password !== null && password.length < 10) {
    throw new UsageError('--password must be at least 10 characters');
  }
  return { username, role, departments, password };
}

export async function runUser(
  argv: readonly string[],
  io: UserIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(HELP);
    return sub ? 0 : 2;
  }
  let args: CreateArgs | null = null;
  try {
    if (sub === 'create') args = parseCreateArgs(rest);
    else if (sub !== 'list') throw new UsageError(`unknown subcommand '${sub}'`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`onetrip user: ${error.message}\n${HELP}`);
    return 2;
  }
  const dataSource = createDataSource(loadConfig(env).databaseUrl);
  await dataSource.initialize();
  try {
    const users = new UserRepository(dataSource);
    if (!args) {
      for (const u of await users.list()) {
        io.stdout(
          `${u.username}\t${u.role}\t${u.departments.join(',') || '-'}${u.disabled ? '\tdisabled' : ''}\n`,
        );
      }
      return 0;
    }
    if (await users.findByUsername(args.username)) {
      io.stderr(`onetrip user: a user named "${args.username}" exists already\n`);
      return 1;
    }
    const password = args.password ?? generatePassword();
    await users.create({
      username: args.username,
      passwordHash: await hashPassword(password),
      role: args.role,
      departments: args.departments,
    });
    io.stdout(
      args.password
        ? `created ${args.role} "${args.username}"\n`
        : `created ${args.role} "${args.username}" with password ${password} (shown only now)\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

export const user = {
  run: (argv: string[]): Promise<number> =>
    runUser(argv, {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
    }),
};
