/** Limits a client cannot talk its way past: body size and tRPC batch size. */
import { TRPC_MAX_BATCH_SIZE } from '@lending/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, signUpUser, type TestApi } from './testing/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('request limits', () => {
  it('refuses a body over 1 MB with 413 before reading it', async () => {
    const user = await signUpUser(api);
    const response = await api.app.request('/api/auth/create-organization', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await user.token()}`,
        'content-type': 'application/json',
        'content-length': String(2 * 1024 * 1024),
      },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'The request body is too large (at most 1 MB).' });
  });

  it(`answers a batch of up to ${TRPC_MAX_BATCH_SIZE} calls, and refuses a larger one with 400`, async () => {
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => 'health.check').join(',');
      return api.app.request(`/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`);
    };
    expect((await batch(TRPC_MAX_BATCH_SIZE)).status).toBe(200);
    expect((await batch(TRPC_MAX_BATCH_SIZE + 1)).status).toBe(400);
  });
});
