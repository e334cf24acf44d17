import { ApiError } from '../api/client';
import { createTranslator } from '../i18n/i18n';
import { UserInputError, describeError } from './errors';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

function apiError(status: number, code: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError({ type: 'about:blank', title: 'T', status, code, ...extra });
}

describe('describeError', () => {
  it('uses the catalogue message for a known problem code, with line and column', () => {
    const error = apiError(422, 'ingest.missing-column', {
      detail: 'Column "case_id" not found.',
      line: 1,
      column: 'case_id',
    });
    expect(describeError(error, zh)).toEqual({
      message: '缺少必需的列。请核对列名设置和文件的表头。',
      detail: 'Column "case_id" not found.',
      location: '第 1 行，case_id 列',
    });
  });

  it('falls back to the HTTP status class for unknown codes', () => {
    expect(describeError(apiError(404, 'thing.gone'), en).message).toBe(
      'This item no longer exists. Refresh the list and try again.',
    );
    expect(describeError(apiError(503, 'x'), en).message).toBe(
      'Something went wrong on the server. Please try again later.',
    );
    expect(describeError(apiError(400, 'x'), en)).toMatchObject({
      message: 'The server did not accept this request.',
      detail: 'T',
    });
  });

  it('explains an unreachable server without technical detail', () => {
    expect(describeError(apiError(0, 'network_error', { detail: 'Failed to fetch' }), zh)).toEqual({
      message: '无法连接服务器。请检查网络后重试。',
      detail: null,
      location: null,
    });
  });

  it('lists field errors of a rejected form', () => {
    const error = apiError(400, 'request.invalid', {
      errors: [{ field: 'name', message: 'must not be empty' }],
    });
    expect(describeError(error, en)).toMatchObject({
      message: 'Some of the values entered are not valid.',
      detail: 'name: must not be empty',
    });
  });

  it('describes input mistakes with their own message', () => {
    expect(describeError(new UserInputError('upload.noFile'), zh).message).toBe(
      '请先选择一个文件。',
    );
  });
});
