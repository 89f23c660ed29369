/**
 * The embedded identity provider for local development: it plays Clerk's part. It keeps an RSA key
 * in the data directory, signs Clerk-shaped session tokens that the API verifies with the same
 * `verifyToken` call as Clerk's, and creates users and sessions by sending Clerk-shaped, svix-signed
 * webhooks through the same handler. Never used in production (the config refuses it).
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { importPKCS8, SignJWT } from 'jose';
import { Webhook } from 'svix';
import type { Database } from '../db/client.ts';
import { appUsers, userSessions } from '../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import type { LocalUserInput } from '../identity/identity.inputs.ts';
import type { ClerkUserJson } from './clerk-payloads.ts';
import type { WebhookDelivery } from './clerk-webhooks.ts';
import type { IdentityProviderAdmin, RevokeAnswer } from './identity-provider.ts';

export const LOCAL_TOKEN_TTL_SECONDS = 600;
const ISSUER = 'https://local-identity.lending-os.invalid';
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Clerk-style ids: a prefix and 27 base58 characters. */
export function clerkStyleId(prefix: 'user' | 'sess' | 'msg'): string {
  const bytes = randomBytes(27);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${id}`;
}

export interface LocalKeyMaterial {
  privateKeyPem: string;
  publicKeyPem: string;
  webhookSecret: string;
}

/** Loads the provider's key and webhook secret from `<dataDir>/local-identity`, creating them once. */
export function loadOrCreateLocalKeys(dataDir: string): LocalKeyMaterial {
  const dir = path.join(dataDir, 'local-identity');
  const privatePath = path.join(dir, 'signing-key.pem');
  const publicPath = path.join(dir, 'signing-key.pub.pem');
  const secretPath = path.join(dir, 'webhook-secret');
  if (!existsSync(privatePath) || !existsSync(publicPath) || !existsSync(secretPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(secretPath, `whsec_${randomBytes(24).toString('base64')}`, { mode: 0o600 });
  }
  return {
    privateKeyPem: readFileSync(privatePath, 'utf8'),
    publicKeyPem: readFileSync(publicPath, 'utf8'),
    webhookSecret: readFileSync(secretPath, 'utf8').trim(),
  };
}

export interface LocalIdentityProviderOptions {
  db: Database;
  keys: LocalKeyMaterial;
  authorizedParties: string[];
  /** Delivers a signed webhook: the API passes its own webhook handler here. */
  deliverWebhook: (delivery: WebhookDelivery) => Promise<unknown>;
}

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

export class LocalIdentityProvider implements IdentityProviderAdmin {
  private readonly signer: Webhook;
  private readonly kid: string;
  private privateKey: Awaited<ReturnType<typeof importPKCS8>> | undefined;

  constructor(private readonly options: LocalIdentityProviderOptions) {
    this.signer = new Webhook(options.keys.webhookSecret);
    this.kid = `ins_local_${createHash('sha256').update(options.keys.publicKeyPem).digest('hex').slice(0, 16)}`;
  }

  get publicKeyPem(): string {
    return this.options.keys.publicKeyPem;
  }

  private async send(type: string, data: unknown): Promise<void> {
    const body = JSON.stringify({ type, object: 'event', data, timestamp: Date.now() });
    const svixId = clerkStyleId('msg');
    const now = new Date();
    const signature = this.signer.sign(svixId, now, body);
    await this.options.deliverWebhook({
      headers: { svixId, svixTimestamp: String(Math.floor(now.getTime() / 1000)), svixSignature: signature },
      rawBody: body,
    });
  }

  /** Creates a user (verified email) by sending `user.created`, as Clerk would. */
  async createUser(input: LocalUserInput, id: string = clerkStyleId('user')): Promise<ClerkUserJson> {
    const existing = await this.options.db
      .select({ id: appUsers.id })
      .from(appUsers)
      .where(eq(appUsers.email, input.email))
      .limit(1);
    if (existing.length > 0)
      throw new DomainError('CONFLICT', `A user with the email ${input.email} already exists.`);
    const now = Date.now();
    const emailId = `idn_${id.slice(5)}`;
    const user = {
      id,
      object: 'user',
      email_addresses: [
        {
          id: emailId,
          object: 'email_address',
          email_address: input.email,
          verification: { status: 'verified', strategy: 'local' },
        },
      ],
      primary_email_address_id: emailId,
      first_name: input.firstName,
      last_name: input.lastName,
      image_url: null,
      banned: false,
      locked: false,
      created_at: now,
      updated_at: now,
    };
    await this.send('user.created', user);
    return user as ClerkUserJson;
  }

  async startSession(userId: string, authorizedParty: string): Promise<IssuedToken & { sessionId: string }> {
    this.assertParty(authorizedParty);
    const [user] = await this.options.db
      .select({ isActive: appUsers.isActive, deletedAt: appUsers.deletedAt })
      .from(appUsers)
      .where(eq(appUsers.id, userId));
    if (!user || user.deletedAt || !user.isActive)
      throw new DomainError('NOT_FOUND', 'There is no active user with that id.');
    const sessionId = clerkStyleId('sess');
    const now = Date.now();
    await this.send('session.created', {
      id: sessionId,
      object: 'session',
      user_id: userId,
      status: 'active',
      created_at: now,
      updated_at: now,
      last_active_at: now,
    });
    return { sessionId, ...(await this.issueToken(userId, sessionId, authorizedParty)) };
  }

  /** A fresh token for a session that is still active. */
  async refreshToken(sessionId: string, authorizedParty: string): Promise<IssuedToken> {
    this.assertParty(authorizedParty);
    const [row] = await this.options.db
      .select({ userId: userSessions.userId })
      .from(userSessions)
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.status, 'active')));
    if (!row) throw new DomainError('UNAUTHORIZED', 'This session has ended. Sign in again.');
    return this.issueToken(row.userId, sessionId, authorizedParty);
  }

  async endSession(sessionId: string): Promise<void> {
    await this.sendSessionStatus(sessionId, 'ended');
  }

  async revokeSession(sessionId: string): Promise<RevokeAnswer> {
    await this.sendSessionStatus(sessionId, 'revoked');
    return 'revoked';
  }

  async fetchUser(): Promise<ClerkUserJson | null> {
    // Every local user is created through a webhook, so an unknown user is simply unknown.
    return null;
  }

  private async sendSessionStatus(sessionId: string, status: 'ended' | 'revoked'): Promise<void> {
    const [row] = await this.options.db
      .select({ userId: userSessions.userId })
      .from(userSessions)
      .where(eq(userSessions.id, sessionId));
    if (!row) throw new DomainError('NOT_FOUND', 'There is no session with that id.');
    const now = Date.now();
    await this.send(`session.${status}`, {
      id: sessionId,
      object: 'session',
      user_id: row.userId,
      status,
      updated_at: now,
    });
  }

  private assertParty(party: string): void {
    if (!this.options.authorizedParties.includes(party)) {
      throw new DomainError(
        'FORBIDDEN',
        `Sign-in from ${party} is not allowed: it is not one of the portal origins.`,
      );
    }
  }

  async issueToken(
    userId: string,
    sessionId: string,
    authorizedParty: string,
    ttlSeconds = LOCAL_TOKEN_TTL_SECONDS,
  ) {
    this.privateKey ??= await importPKCS8(this.options.keys.privateKeyPem, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sid: sessionId, azp: authorizedParty, v: 2 })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.privateKey);
    return { token, expiresAt: new Date((now + ttlSeconds) * 1000).toISOString() };
  }
}
