import { suggestChannelRole, suggestChannelRoles } from './channel-roles';

describe('suggested channel roles', () => {
  it.each([
    ['大厅', 'in-person'],
    ['窗口', 'in-person'],
    ['现场', 'in-person'],
    ['线下', 'in-person'],
    ['hall', 'in-person'],
    [' Counter ', 'in-person'],
    ['网上', 'online'],
    ['网办', 'online'],
    ['PC', 'online'],
    ['移动端', 'online'],
    ['APP', 'online'],
    ['后台', 'back-office'],
    ['电话', 'phone'],
    ['12345', 'phone'],
    ['Phone', 'phone'],
  ])('%s is suggested as %s', (value, role) => {
    expect(suggestChannelRole(value)).toBe(role);
  });

  it('reads the GB/T 39046 申报来源 codes: 1 counter, 2 PC, 3 mobile, 4 post', () => {
    expect(suggestChannelRoles(['1', '2', '3', '4'])).toEqual({
      '1': 'in-person',
      '2': 'online',
      '3': 'online',
      '4': 'online',
    });
  });

  it('recognises compound values by fragment, online before in-person (网上大厅 is a website)', () => {
    expect(suggestChannelRole('网上办事大厅')).toBe('online');
    expect(suggestChannelRole('区政务服务大厅')).toBe('in-person');
    expect(suggestChannelRole('12345政务服务热线')).toBe('phone');
  });

  it('leaves unknown values as other and skips empty ones, keeping the values as written', () => {
    expect(suggestChannelRoles(['大厅', '', '  ', '其他', '大厅', '网上 '])).toEqual({
      大厅: 'in-person',
      其他: 'other',
      网上: 'online',
    });
  });
});
