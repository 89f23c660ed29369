/**
 * One email sender for invitations and, later, every notification (PRODUCT.md §1, Email).
 * SMTP (nodemailer) when `SMTP_URL` is set; otherwise a local outbox: one JSON file per message in
 * `<data dir>/outbox/`, readable while the API runs (`lending outbox`) and announced on the API log,
 * so a newcomer on the embedded default can follow an invitation link.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config/env.ts';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The links a person is meant to follow (the outbox shows them and the API log prints them). */
  links?: string[];
}

export type EmailDelivery = 'smtp' | 'outbox';

export interface EmailSender {
  /** Where messages go: what the API tells a person ("sent by email" vs "in the local outbox"). */
  readonly delivery: EmailDelivery;
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

export interface OutboxMessage extends EmailMessage {
  id: string;
  from: string;
  createdAt: string;
}

/** nodemailer over SMTP. A failure (connection refused, 5xx reply) rejects; callers decide what it means. */
export function createSmtpEmailSender(options: { url: string; from: string }): EmailSender {
  // Short timeouts: an invitation is sent while an admin waits for the answer.
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    delivery: 'smtp',
    async send(message) {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return { messageId: String(info.messageId ?? '') };
    },
  };
}

let sequence = 0;

/** Writes each message to `<dir>/<time>-<sequence>-<id>.json` (written whole, then renamed in: never half-read). */
export function createOutboxEmailSender(options: {
  dir: string;
  from: string;
  log?: (line: string) => void;
}): EmailSender {
  return {
    delivery: 'outbox',
    async send(message) {
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      const id = randomUUID();
      const createdAt = new Date().toISOString();
      const stored: OutboxMessage = { id, from: options.from, createdAt, ...message };
      // Two messages in one millisecond still sort in the order they were sent (per process).
      sequence += 1;
      const name = `${createdAt.replace(/[:.]/g, '-')}-${String(sequence).padStart(9, '0')}-${id}.json`;
      const temporary = path.join(options.dir, `.${name}.tmp`);
      writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
      renameSync(temporary, path.join(options.dir, name));
      const links = message.links?.length ? ` — ${message.links.join(' ')}` : '';
      options.log?.(`[email] outbox: to ${message.to}: "${message.subject}"${links}`);
      return { messageId: id };
    },
  };
}

/** The outbox's messages, oldest first. A missing folder is an empty outbox. */
export function readOutbox(dir: string): OutboxMessage[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .flatMap((name) => {
      try {
        return [JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as OutboxMessage];
      } catch {
        return []; // a file someone edited by hand: skip it rather than fail the listing
      }
    });
}

export function createEmailSender(
  config: Pick<AppConfig, 'email'>,
  log: (line: string) => void = (line) => console.log(line),
): EmailSender {
  return config.email.smtpUrl
    ? createSmtpEmailSender({ url: config.email.smtpUrl, from: config.email.from })
    : createOutboxEmailSender({ dir: config.email.outboxDir, from: config.email.from, log });
}
