import type { CreateUserRequest, UpdateUserRequest, UserAdminDto } from '@onetrip/contracts';
import { ApiError, type UsersClient } from '../api/client';
import { parseDepartments } from '../controllers/users';
import { click, select, typeInto, until } from './testing/fake-api';
import { mountUsersPage } from './users';

const user = (username: string, patch: Partial<UserAdminDto> = {}): UserAdminDto => ({
  id: `id-${username}`,
  username,
  role: 'viewer',
  departments: [],
  disabled: false,
  activeSessions: 0,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...patch,
});

/** An api with an admin and an analyst; records what the page sent. */
function fakeUsers(): UsersClient & { sent: unknown[] } {
  let items = [
    user('ada', { role: 'admin', activeSessions: 1 }),
    user('tom', { role: 'analyst', departments: ['税务局'], activeSessions: 2 }),
  ];
  const sent: unknown[] = [];
  const find = (id: string) => items.find((u) => u.id === id)!;
  return {
    sent,
    list: () => Promise.resolve(items),
    create: (request: CreateUserRequest) => {
      sent.push(['create', request]);
      const made = user(request.username, {
        role: request.role,
        departments: request.departments ?? [],
      });
      items = [...items, made];
      return Promise.resolve({
        user: made,
        ...(request.password ? {} : { password: 'Gen3rated-pass' }),
      });
    },
    update: (id: string, request: UpdateUserRequest) => {
      sent.push(['update', id, request]);
      if (id === 'id-ada' && (request.disabled || (request.role && request.role !== 'admin'))) {
        return Promise.reject(
          new ApiError({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            code: 'user.last-admin',
            detail: 'This is the last enabled admin',
          }),
        );
      }
      const changed = {
        ...find(id),
        ...request,
        ...(request.disabled ? { activeSessions: 0 } : {}),
      };
      items = items.map((u) => (u.id === id ? changed : u));
      return Promise.resolve(changed);
    },
    resetPassword: (id: string) => {
      sent.push(['reset', id]);
      return Promise.resolve({
        user: { ...find(id), activeSessions: 0 },
        password: 'N3w-generated',
      });
    },
  };
}

const row = (root: HTMLElement, name: string): HTMLElement =>
  root.querySelector<HTMLElement>(`[data-user="${name}"]`)!;

describe('the Users page', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.replaceChildren(root);
  });

  it('lists users with role, departments, status and open sessions', async () => {
    mountUsersPage(root, { api: fakeUsers(), locale: 'en', me: 'ada', onLocale: () => {} });
    await until(() => root.querySelector('[data-testid="users-table"]') !== null, 'the list');
    const cells = (name: string) =>
      [...row(root, name).querySelectorAll('th, td:not(.user-actions)')].map((c) => c.textContent);
    expect(cells('ada')).toEqual(['ada', 'Administrator', 'all (administrator)', 'active', '1']);
    expect(cells('tom')).toEqual(['tom', 'Analyst', '税务局', 'active', '2']);
    expect(root.querySelector('caption')?.textContent).toBe('2 users');
  });

  it('creates a user of a department and shows the generated password once', async () => {
    const api = fakeUsers();
    mountUsersPage(root, { api, locale: 'en', me: 'ada', onLocale: () => {} });
    await until(() => root.querySelector('[data-testid="users-table"]') !== null, 'the list');
    typeInto(root, '#user-new-username', '  ann ');
    select(root, '#user-new-role', 'analyst');
    typeInto(root, '#user-new-departments', '市场监管局，税务局, ');
    click(root, '#user-create');
    await until(() => root.querySelector('[data-testid="user-password"]') !== null, 'the password');
    expect(api.sent).toEqual([
      ['create', { username: 'ann', role: 'analyst', departments: ['市场监管局', '税务局'] }],
    ]);
    expect(root.querySelector('[data-testid="user-password-value"]')?.textContent).toBe(
      'Gen3rated-pass',
    );
    expect(row(root, 'ann')).not.toBeNull();
    expect(root.querySelector<HTMLInputElement>('#user-new-username')?.value).toBe('');
    click(root, '[data-focus="password-dismiss"]');
    expect(root.querySelector('[data-testid="user-password"]')).toBeNull();
  });

  it('changes role and departments of a user', async () => {
    const api = fakeUsers();
    mountUsersPage(root, { api, locale: 'en', me: 'ada', onLocale: () => {} });
    await until(() => root.querySelector('[data-user="tom"]') !== null, 'the list');
    click(row(root, 'tom'), '[data-action="edit"]');
    select(root, '#user-role-id-tom', 'manager');
    typeInto(root, '#user-departments-id-tom', '税务局, 人社局');
    click(row(root, 'tom'), '[data-action="save"]');
    await until(() => root.querySelector('#user-role-id-tom') === null, 'the saved row');
    expect(api.sent).toEqual([
      ['update', 'id-tom', { role: 'manager', departments: ['税务局', '人社局'] }],
    ]);
    expect(row(root, 'tom').querySelectorAll('td')[0].textContent).toBe('Manager');
    expect(row(root, 'tom').querySelectorAll('td')[1].textContent).toBe('税务局, 人社局');
  });

  it('disables only after a second click, and enables again', async () => {
    const api = fakeUsers();
    mountUsersPage(root, { api, locale: 'en', me: 'ada', onLocale: () => {} });
    await until(() => root.querySelector('[data-user="tom"]') !== null, 'the list');
    click(row(root, 'tom'), '[data-action="disable"]');
    expect(api.sent).toEqual([]);
    expect(row(root, 'tom').textContent).toContain('Their open sessions end at once');
    click(row(root, 'tom'), '[data-action="confirm-disable"]');
    await until(() => row(root, 'tom').querySelector('[data-action="enable"]') !== null, 'enable');
    expect(row(root, 'tom').querySelector('[data-testid="user-status"]')?.textContent).toBe(
      'disabled',
    );
    click(row(root, 'tom'), '[data-action="enable"]');
    await until(
      () => row(root, 'tom').querySelector('[data-action="disable"]') !== null,
      'disable',
    );
    expect(api.sent).toEqual([
      ['update', 'id-tom', { disabled: true }],
      ['update', 'id-tom', { disabled: false }],
    ]);
  });

  it('resets a password after a second click and shows the new one', async () => {
    const api = fakeUsers();
    mountUsersPage(root, { api, locale: 'en', me: 'ada', onLocale: () => {} });
    await until(() => root.querySelector('[data-user="tom"]') !== null, 'the list');
    click(row(root, 'tom'), '[data-action="reset"]');
    click(row(root, 'tom'), '[data-action="confirm-reset"]');
    await until(() => root.querySelector('[data-testid="user-password"]') !== null, 'the password');
    expect(root.querySelector('[data-testid="user-password"]')?.textContent).toContain(
      'New password for tom:',
    );
    expect(root.querySelector('[data-testid="user-password-value"]')?.textContent).toBe(
      'N3w-generated',
    );
    expect(api.sent).toEqual([['reset', 'id-tom']]);
  });

  it('says in Chinese why the last administrator cannot be disabled', async () => {
    mountUsersPage(root, { api: fakeUsers(), locale: 'zh-CN', me: 'ada', onLocale: () => {} });
    await until(() => root.querySelector('[data-user="ada"]') !== null, 'the list');
    expect(row(root, 'ada').querySelectorAll('td')[0].textContent).toBe('系统管理员');
    click(row(root, 'ada'), '[data-action="disable"]');
    expect(row(root, 'ada').textContent).toContain('停用您自己的账号 ada');
    click(row(root, 'ada'), '[data-action="confirm-disable"]');
    await until(() => root.querySelector('[role="alert"]') !== null, 'the error');
    expect(root.querySelector('[role="alert"] p')?.textContent).toBe(
      '这是最后一个启用的系统管理员：请先将另一位用户设为管理员。',
    );
    expect(row(root, 'ada').querySelector('[data-testid="user-status"]')?.textContent).toBe('启用');
  });

  it('switches language and hands the choice on to be remembered', async () => {
    const chosen: string[] = [];
    mountUsersPage(root, {
      api: fakeUsers(),
      locale: 'en',
      me: 'ada',
      onLocale: (l) => chosen.push(l),
    });
    await until(() => root.querySelector('[data-user="ada"]') !== null, 'the list');
    select(root, '#locale-select', 'zh-CN');
    expect(chosen).toEqual(['zh-CN']);
    expect(root.querySelector('h1')?.textContent).toBe('用户');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});

describe('departments as typed', () => {
  it('split on ASCII and Chinese commas, trimmed, without empties or repeats', () => {
    expect(parseDepartments(' 税务局，人社局 ,, 税务局 ,')).toEqual(['税务局', '人社局']);
    expect(parseDepartments('')).toEqual([]);
  });
});
