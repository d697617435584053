import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions, maskStrings } from '../src/log/logger-options.js';
import { maskPersonalData } from '../src/log/mask-personal-data.js';
import { miniApp } from './support/api-app.js';

describe('maskPersonalData', () => {
  it.each([
    ['我的手机号是13812345678，请回电', '我的手机号是[phone]，请回电'],
    ['call 138-1234-5678 or 139 8765 4321', 'call [phone] or [phone]'],
    ['+86 13812345678', '[phone]'],
    ['+8613812345678', '[phone]'],
    ['座机 010-62345678', '座机 [phone]'],
    ['UK office +44 20 7946 0958, US +1 (415) 555-2671', 'UK office [phone], US [phone]'],
    ['邮箱 zhang.san+shop@example.com.cn 谢谢', '邮箱 [email] 谢谢'],
    ['QQ 邮箱 13812345678@qq.com', 'QQ 邮箱 [email]'],
    ['身份证 11010519491231002X', '身份证 [id-number]'],
    ['ID 110105194912310021 ok', 'ID [id-number] ok'],
    ['卡号 6222021234567890123', '卡号 [card]'],
    ['card 4111 1111 1111 1111 expires', 'card [card] expires'],
    ['card 4111-1111-1111-1111', 'card [card]'],
    ['amex 3782 822463 10005', 'amex [card]'],
    ['订单 1234 6222021234567890', '订单 1234 [card]'],
  ])('masks %s', (input, masked) => {
    expect(maskPersonalData(input)).toBe(masked);
  });

  it.each([
    'X1 耳机多少钱？',
    'What is the battery life of the X1?',
    '价格 1,299.00 元，保修 24 个月',
    '订单号 20240101 已发货',
    'RTX4090 和 i9-13900K',
    '生效日期 2026-01-01 12:00',
    'hash 71fa419ef81b6ebbc2dabf0d88c9b93fd311c5acdec2e331f918b47eb1616f82',
    'request 123e4567-e89b-12d3-a456-426614174000',
    'C++14 and +5 points',
    '客服热线 400-123-4567',
  ])('leaves %s alone', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks strings inside plain objects and arrays without touching other values', () => {
    const err = new Error('x');
    expect(maskStrings({ q: '13812345678', n: 13812345678, list: ['a@b.cn'], deep: { err } })).toEqual({
      q: '[phone]',
      n: 13812345678,
      list: ['[email]'],
      deep: { err },
    });
  });
});

describe('server logs', () => {
  const lines: Record<string, unknown>[] = [];
  let t: Awaited<ReturnType<typeof miniApp>>;
  beforeAll(async () => {
    const logger = pino(loggerOptions('info'), { write: (l: string) => lines.push(JSON.parse(l)) });
    t = await miniApp({ logger, auth: { keys: [], publicScopes: ['ask', 'read'] } });
  });
  afterAll(() => t.close());

  const PERSONAL = /13812345678|zhang@example\.com|11010519491231002X|6222021234567890123/;

  it('log each question once, masked, with status, confidence and latency under the request id', async () => {
    lines.length = 0;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/ask',
      payload: { question: '高等数学的学费多少钱？我的电话13812345678，邮箱zhang@example.com' },
      headers: { 'x-request-id': 'req-mask-1' },
    });
    expect(res.statusCode).toBe(200);
    const asked = lines.filter((l) => l.msg === 'question answered');
    expect(asked).toEqual([
      expect.objectContaining({
        reqId: 'req-mask-1',
        question: '高等数学的学费多少钱？我的电话[phone]，邮箱[email]',
        status: expect.any(String),
        confidence: expect.any(Number),
        ms: expect.any(Number),
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(PERSONAL);
  });

  it('masks personal data in logged URLs and messages', async () => {
    lines.length = 0;
    await t.app.inject(`/v1/faqs?q=${encodeURIComponent('身份证11010519491231002X')}`);
    await t.app.inject('/v1/entities?q=6222021234567890123');
    t.app.log.warn('customer said 13812345678');
    t.app.log.info({ note: { text: 'zhang@example.com' } }, 'nested');
    expect(lines.some((l) => (l.req as { url?: string } | undefined)?.url?.includes('[card]'))).toBe(true);
    expect(lines.some((l) => l.msg === 'customer said [phone]')).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(PERSONAL);
  });

  it('masks personal data in logged errors', () => {
    lines.length = 0;
    t.app.log.error({ err: new Error('lookup failed for 13812345678') }, 'failed');
    expect(JSON.stringify(lines)).not.toMatch(PERSONAL);
    expect((lines[0]!.err as { message: string }).message).toBe('lookup failed for [phone]');
  });
});
