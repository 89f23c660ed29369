import { receiveClerkWebhook, WebhookRejectedError } from '@lending/core';
import { Hono } from 'hono';
import type { ApiRuntime } from '../services.ts';

export function clerkWebhookRoutes(runtime: ApiRuntime) {
  return new Hono().post('/', async (c) => {
    const secret = runtime.webhookSigningSecret;
    if (!secret)
      return c.json({ error: 'Webhooks are not configured: set CLERK_WEBHOOK_SIGNING_SECRET.' }, 503);
    const rawBody = await c.req.text();
    try {
      const result = await receiveClerkWebhook(runtime.services.db, secret, {
        headers: {
          svixId: c.req.header('svix-id'),
          svixTimestamp: c.req.header('svix-timestamp'),
          svixSignature: c.req.header('svix-signature'),
        },
        rawBody,
      });
      return c.json({ received: true, ...result }, 200);
    } catch (error) {
      if (error instanceof WebhookRejectedError) return c.json({ error: error.message }, 400);
      throw error;
    }
  });
}
