import { consumeRateLimit, createOrganization, createOrganizationInput } from '@lending/core';
import { Hono } from 'hono';
import { errorResponse, readJson } from '../http-errors.ts';
import type { ApiRuntime } from '../services.ts';

/** `POST /api/auth/create-organization`: the same domain call as the `organizations.create` mutation. */
export function createOrganizationRoutes(runtime: ApiRuntime) {
  return new Hono().post('/', async (c) => {
    const identity = await runtime.services.authenticator.authenticate(c.req.header('authorization'));
    if (identity.status !== 'signed-in') {
      return c.json({ error: identity.refusal ?? 'Sign in to create an organization.' }, 401);
    }
    try {
      await consumeRateLimit(runtime.services.rateLimits, 'createOrganization', identity.userId);
      const input = createOrganizationInput.parse(await readJson(c));
      const organization = await createOrganization(runtime.services.db, {
        name: input.name,
        createdBy: identity.userId,
      });
      return c.json({ organization }, 201);
    } catch (error) {
      return errorResponse(c, error);
    }
  });
}
