/**
 * Receives Clerk webhooks: verifies the svix signature and timestamp, then applies each event
 * exactly once (deduplicated by `svix-id` in `webhook_events`, in the same transaction as its effect).
 */
import { Webhook } from 'svix';
import type { Executor } from '../db/client.ts';
import { webhookEvents } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import {
  clerkDeletedObjectSchema,
  clerkEventSchema,
  clerkSessionSchema,
  clerkUserSchema,
} from './clerk-payloads.ts';
import { recordSession, softDeleteUser, upsertUserFromClerk } from './mirror-users.ts';

export class WebhookRejectedError extends Error {
  override name = 'WebhookRejectedError';
}

export interface WebhookDelivery {
  headers: { svixId?: string | null; svixTimestamp?: string | null; svixSignature?: string | null };
  rawBody: string;
}

export type WebhookOutcome = 'applied' | 'ignored' | 'duplicate';

const SESSION_STATUS_BY_EVENT = {
  'session.created': 'active',
  'session.ended': 'ended',
  'session.revoked': 'revoked',
  'session.removed': 'removed',
} as const;

type Tx = Parameters<Parameters<Executor['transaction']>[0]>[0];
/** Parses an event's data (throwing on a malformed payload) and returns the write that applies it. */
type EventHandler = (data: Record<string, unknown>) => (tx: Tx) => Promise<void>;

const HANDLERS: Record<string, EventHandler> = {
  'user.created': (data) => {
    const user = clerkUserSchema.parse(data);
    return (tx) => upsertUserFromClerk(tx, user);
  },
  'user.updated': (data) => {
    const user = clerkUserSchema.parse(data);
    return (tx) => upsertUserFromClerk(tx, user);
  },
  'user.deleted': (data) => {
    const { id } = clerkDeletedObjectSchema.parse(data);
    return (tx) => softDeleteUser(tx, id);
  },
  ...Object.fromEntries(
    Object.entries(SESSION_STATUS_BY_EVENT).map(([type, status]): [string, EventHandler] => [
      type,
      (data) => {
        const session = clerkSessionSchema.parse(data);
        return (tx) => recordSession(tx, session, status);
      },
    ]),
  ),
};

export function verifyClerkWebhook(signingSecret: string, delivery: WebhookDelivery) {
  const { svixId, svixTimestamp, svixSignature } = delivery.headers;
  if (!svixId || !svixTimestamp || !svixSignature) {
    throw new WebhookRejectedError('Missing svix-id, svix-timestamp or svix-signature header.');
  }
  try {
    new Webhook(signingSecret).verify(delivery.rawBody, {
      'svix-id': svixId,
      'svix-timestamp': svixTimestamp,
      'svix-signature': svixSignature,
    });
  } catch (error) {
    throw new WebhookRejectedError(`Webhook signature rejected: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(delivery.rawBody);
  } catch {
    throw new WebhookRejectedError('Webhook body is not JSON.');
  }
  const event = clerkEventSchema.safeParse(json);
  if (!event.success) throw new WebhookRejectedError('Webhook body is not a Clerk event.');
  return { svixId, event: event.data };
}

export async function receiveClerkWebhook(
  db: Executor,
  signingSecret: string,
  delivery: WebhookDelivery,
): Promise<{ outcome: WebhookOutcome; type: string }> {
  const { svixId, event } = verifyClerkWebhook(signingSecret, delivery);
  const handler = HANDLERS[event.type];
  let apply: ((tx: Tx) => Promise<void>) | undefined;
  try {
    apply = handler?.(event.data);
  } catch {
    throw new WebhookRejectedError(`The ${event.type} event's data is not in the shape Clerk sends.`);
  }
  return inTransaction(db, async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ svixId, type: event.type, payload: event, outcome: apply ? 'applied' : 'ignored' })
      .onConflictDoNothing()
      .returning({ svixId: webhookEvents.svixId });
    if (inserted.length === 0) return { outcome: 'duplicate' as const, type: event.type };
    if (apply) await apply(tx);
    return { outcome: apply ? ('applied' as const) : ('ignored' as const), type: event.type };
  });
}
