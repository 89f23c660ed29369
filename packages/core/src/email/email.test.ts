/** The email sender: real SMTP into an in-process smtp-server, and the local outbox. */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailSender, createOutboxEmailSender, createSmtpEmailSender, readOutbox } from './email.ts';
import { invitationEmail, withArticle } from './templates.ts';

const inbox: { rcptTo: string[]; mail: ParsedMail }[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    authOptional: true,
    // The built-in STARTTLS certificate has expired (STACK-next.md §2): offer plain SMTP only.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = invitationEmail({
  to: 'invitee@example.test',
  organizationName: 'Łódź <Lending> & Co',
  inviterName: 'Ada Admin',
  portal: 'lender',
  role: 'underwriter',
  url: 'http://lender.test/invitations/abc',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
});

describe('email', () => {
  it('sends over SMTP: the receiving server gets the message, UTF-8 and link intact', async () => {
    const sender = createSmtpEmailSender({
      url: `smtp://127.0.0.1:${port}`,
      from: 'Lending OS <no-reply@lending.test>',
    });
    expect(sender.delivery).toBe('smtp');
    await sender.send(message);
    const received = inbox.at(-1);
    expect(received?.rcptTo).toEqual(['invitee@example.test']);
    expect(received?.mail.subject).toContain('Łódź <Lending> & Co');
    expect(received?.mail.from?.text).toContain('no-reply@lending.test');
    expect(received?.mail.text).toContain('http://lender.test/invitations/abc');
    expect(received?.mail.text).toContain('as an underwriter');
    expect(received?.mail.html).toContain('Łódź &lt;Lending&gt; &amp; Co');
    expect(received?.mail.html).not.toContain('<Lending>');
  });

  it('fails loudly when the SMTP server is not there', async () => {
    const sender = createSmtpEmailSender({ url: 'smtp://127.0.0.1:1', from: 'x@lending.test' });
    await expect(sender.send(message)).rejects.toThrow();
  });

  it('the local outbox stores readable messages and logs one line with the link', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'outbox-')), 'outbox');
    expect(readOutbox(dir)).toEqual([]);
    const lines: string[] = [];
    const sender = createOutboxEmailSender({ dir, from: 'x@lending.test', log: (l) => lines.push(l) });
    await sender.send(message);
    await sender.send({ ...message, to: 'second@example.test' });
    expect(readOutbox(dir).map((m) => m.to)).toEqual(['invitee@example.test', 'second@example.test']);
    expect(readOutbox(dir)[0]).toMatchObject({
      from: 'x@lending.test',
      links: ['http://lender.test/invitations/abc'],
    });
    expect(lines[0]).toMatch(
      /outbox: to invitee@example\.test: ".*" — http:\/\/lender\.test\/invitations\/abc/,
    );
  });

  it('picks SMTP when SMTP_URL is set, the outbox otherwise', () => {
    expect(
      createEmailSender({ email: { smtpUrl: 'smtp://h:25', from: 'f', outboxDir: '/x' } }).delivery,
    ).toBe('smtp');
    expect(createEmailSender({ email: { smtpUrl: undefined, from: 'f', outboxDir: '/x' } }).delivery).toBe(
      'outbox',
    );
  });

  it('caps what people typed and writes articles properly', () => {
    const long = invitationEmail({
      ...message,
      to: 'a@b.test',
      organizationName: 'x'.repeat(1_000_000),
      inviterName: null,
      url: 'u',
      expiresAt: new Date(),
      portal: 'borrower',
      role: 'borrower',
    } as never);
    expect(long.html.length).toBeLessThan(2000);
    expect(withArticle('underwriter')).toBe('an underwriter');
    expect(withArticle('viewer')).toBe('a viewer');
  });
});
