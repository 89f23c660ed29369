/**
 * Test identities: an RSA key pair standing in for a Clerk instance, session tokens signed with it
 * (verified by the real @clerk/backend), and Clerk-shaped webhook payloads signed with the real svix.
 */

import type { JsonWebKey } from 'node:crypto';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { Webhook } from 'svix';

export interface TestSigningKey {
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
  publicJwk: JsonWebKey;
}

export function createSigningKey(kid = `ins_test_${randomBytes(4).toString('hex')}`): TestSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as JsonWebKey,
  };
}

export const LENDER_ORIGIN = 'http://localhost:5173';
export const BORROWER_ORIGIN = 'http://localhost:5174';

export interface TokenClaims {
  userId: string;
  sessionId: string;
  azp?: string;
  /** Seconds relative to now. */
  issuedAt?: number;
  notBefore?: number;
  expiresIn?: number;
}

export async function signSessionToken(key: TestSigningKey, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const privateKey = await importPKCS8(key.privateKeyPem, 'RS256');
  return new SignJWT({ sid: claims.sessionId, azp: claims.azp ?? LENDER_ORIGIN, v: 2 })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer('https://clerk.test.lending-os.invalid')
    .setIssuedAt(now + (claims.issuedAt ?? 0))
    .setNotBefore(now + (claims.notBefore ?? -5))
    .setExpirationTime(now + (claims.expiresIn ?? 60))
    .sign(privateKey);
}

let counter = 0;
export function testId(prefix: 'user' | 'sess' | 'msg'): string {
  counter += 1;
  return `${prefix}_test${randomBytes(8).toString('hex')}${counter}`;
}

export function clerkUserJson(overrides: {
  id?: string;
  email?: string;
  verified?: boolean;
  firstName?: string;
  lastName?: string;
  banned?: boolean;
  locked?: boolean;
  updatedAt?: number;
}) {
  const id = overrides.id ?? testId('user');
  const emailId = `idn_${id.slice(5)}`;
  const now = Date.now();
  return {
    id,
    object: 'user',
    email_addresses: [
      {
        id: emailId,
        object: 'email_address',
        email_address: overrides.email ?? `${id.toLowerCase()}@example.test`,
        verification: {
          status: overrides.verified === false ? 'unverified' : 'verified',
          strategy: 'email_code',
        },
        linked_to: [],
      },
    ],
    phone_numbers: [],
    web3_wallets: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    passkeys: [],
    public_metadata: {},
    private_metadata: {},
    unsafe_metadata: {},
    username: null,
    primary_phone_number_id: null,
    primary_web3_wallet_id: null,
    password_enabled: false,
    two_factor_enabled: false,
    last_sign_in_at: null,
    primary_email_address_id: emailId,
    first_name: overrides.firstName ?? 'Test',
    last_name: overrides.lastName ?? 'User',
    image_url: null,
    banned: overrides.banned ?? false,
    locked: overrides.locked ?? false,
    created_at: now,
    updated_at: overrides.updatedAt ?? now,
  };
}

export function clerkSessionJson(userId: string, id = testId('sess'), status = 'active') {
  const now = Date.now();
  return {
    id,
    object: 'session',
    user_id: userId,
    status,
    created_at: now,
    updated_at: now,
    last_active_at: now,
  };
}

export const TEST_WEBHOOK_SECRET = `whsec_${Buffer.from('lending-os-test-webhook-secret-32b').toString('base64')}`;

/** Headers and body of a Clerk webhook delivery signed with svix, as Clerk would send it. */
export function signedWebhook(
  type: string,
  data: unknown,
  options: { secret?: string; svixId?: string; timestamp?: Date } = {},
) {
  const body = JSON.stringify({ type, object: 'event', data, timestamp: Date.now() });
  const svixId = options.svixId ?? testId('msg');
  const timestamp = options.timestamp ?? new Date();
  const signature = new Webhook(options.secret ?? TEST_WEBHOOK_SECRET).sign(svixId, timestamp, body);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': svixId,
      'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'svix-signature': signature,
    },
  };
}
