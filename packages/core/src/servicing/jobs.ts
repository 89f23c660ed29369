/**
 * The daily servicing run as pg-boss jobs (docs/servicing.md § Jobs). One queue, `servicing-run`,
 * with the `exclusive` policy and a singleton key on every job:
 *   - `day` (singletonKey `day:<date>`): starts the run of every organization with open loans and
 *     sends one `batch` job per batch;
 *   - `batch` (singletonKey `run:<org>:<date>:<batch>`, and a job id derived from the same key, so
 *     a batch is enqueued once ever): runs `runServicingBatch`, which claims the batch in the
 *     database, so even a job delivered twice processes the batch once.
 * A cron schedule sends the `day` job daily; several API processes share the queue.
 */
import { createHash } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import type { Executor } from '../db/client.ts';
import type { NotificationServices } from '../notifications/notifications.ts';
import { todayUtc } from '../offers/terms.ts';
import { completeIfEmpty, organizationsWithOpenLoans, runServicingBatch, startServicingRun } from './run.ts';

export const SERVICING_QUEUE = 'servicing-run';
export const SERVICING_SCHEDULE = 'servicing-daily';
/** 02:15 UTC every day: after midnight in the Americas' evening, before business hours. */
export const DEFAULT_SERVICING_CRON = '15 2 * * *';

export type ServicingJob =
  | { kind: 'day'; asOf?: string; batchSize?: number }
  | { kind: 'batch'; runId: string; batch: number };

/** A UUID derived from a key: the same key is the same job id, so pg-boss refuses it again. */
export function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Starts every organization's run for the date and enqueues its batches (idempotent). */
export async function enqueueServicingDay(
  db: Executor,
  boss: Pick<PgBoss, 'send'>,
  asOf: string,
  batchSize?: number,
): Promise<{ organizations: number; batches: number }> {
  const orgs = await organizationsWithOpenLoans(db);
  let batches = 0;
  for (const id of orgs) {
    const run = await startServicingRun(db, id, asOf, batchSize);
    if (run.completed) continue;
    await completeIfEmpty(db, run.runId, run.ranges.length);
    for (let b = 0; b < run.ranges.length; b++) {
      const key = `run:${id}:${asOf}:${b}`;
      const sent = await boss.send(
        SERVICING_QUEUE,
        { kind: 'batch', runId: run.runId, batch: b } satisfies ServicingJob,
        { singletonKey: key, id: uuidFromKey(key), retryLimit: 5, retryDelay: 5 },
      );
      if (sent) batches++;
    }
  }
  return { organizations: orgs.length, batches };
}

export interface ServicingWorkerOptions {
  db: Executor;
  boss: PgBoss;
  services?: NotificationServices | null;
  /** Cron expression (UTC) for the daily run; null: no schedule (jobs only). */
  cron?: string | null;
  localConcurrency?: number;
  pollingIntervalSeconds?: number;
  /** Called after each batch this worker processed (null: another worker had it). */
  onBatch?: (
    job: { runId: string; batch: number },
    result: { loans: number; lateFees: number } | null,
  ) => void;
}

/** Creates the queue, the daily schedule and the worker on a started PgBoss. */
export async function startServicingWorker(o: ServicingWorkerOptions): Promise<void> {
  await o.boss.createQueue(SERVICING_QUEUE, { policy: 'exclusive' }).catch((error: unknown) => {
    if (!/exists/i.test(String(error))) throw error;
  });
  if (o.cron)
    await o.boss.schedule(SERVICING_QUEUE, o.cron, { kind: 'day' } satisfies ServicingJob, {
      tz: 'UTC',
      singletonKey: 'day',
    });
  await o.boss.work<ServicingJob>(
    SERVICING_QUEUE,
    { localConcurrency: o.localConcurrency ?? 2, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 2 },
    async ([job]) => {
      if (!job) return;
      const data = job.data;
      if (data.kind === 'day') {
        await enqueueServicingDay(o.db, o.boss, data.asOf ?? todayUtc(), data.batchSize);
        return;
      }
      const result = await runServicingBatch(o.db, data.runId, data.batch, o.services);
      o.onBatch?.({ runId: data.runId, batch: data.batch }, result);
    },
  );
}

/** Asks for the run of a date through the queue (any process's worker picks it up). */
export async function requestServicingDay(boss: Pick<PgBoss, 'send'>, asOf: string, batchSize?: number) {
  const key = `day:${asOf}`;
  return boss.send(
    SERVICING_QUEUE,
    { kind: 'day', asOf, ...(batchSize ? { batchSize } : {}) } satisfies ServicingJob,
    {
      singletonKey: key,
      retryLimit: 5,
    },
  );
}
