/** The public payment calculator: the loan math engine over tRPC, validated and rate-limited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculatorTerms } from './testing/procedure-calls.ts';
import { createTestApi, type TestApi, trpcHttp } from './testing/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ LENDING_TRUST_PROXY: 'true' });
});
afterAll(() => api.close());

const terms = calculatorTerms;

describe('calculator.schedule', () => {
  it('returns the schedule to anyone, money as decimal strings', async () => {
    const { status, body } = await trpcHttp(api, 'calculator.schedule', { type: 'query', input: terms });
    expect(status).toBe(200);
    const schedule = body.result.data;
    expect(schedule.installments).toHaveLength(18);
    expect(schedule.installments[0]).toMatchObject({
      dueDate: '2022-12-01',
      interest: '50.00',
      total: '305.00',
    });
    expect(schedule.installments[17].total).toBe('303.22');
    expect(schedule.totals.interest).toBe('488.22');
  });

  it('answers bad terms with 400 and a message naming the field', async () => {
    const { status, body } = await trpcHttp(api, 'calculator.schedule', {
      type: 'query',
      input: { ...terms, principal: '-5', frequency: 'daily' },
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/principal/i);
    expect(body.error.message).toMatch(/frequency/i);
  });

  it('limits each client to 120 calculations a minute', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const url = `/trpc/calculator.schedule?input=${encodeURIComponent(JSON.stringify(terms))}`;
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await api.app.request(url, { headers })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
    // Another client is not affected.
    expect((await api.app.request(url, { headers: { 'x-forwarded-for': '203.0.113.10' } })).status).toBe(200);
  });
});
