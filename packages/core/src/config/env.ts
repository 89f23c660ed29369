/**
 * The one module that reads process.env. Everything else receives a typed `AppConfig`.
 * Validation happens once, at start-up; production refusals live here so a misconfigured
 * deployment never starts.
 */
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const DEFAULT_PORTAL_ORIGINS = [
  'http://localhost:5173',
  'http://localhost:5174',
  'http://127.0.0.1:5173',
  'http://127.0.0.1:5174',
];

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const booleanFlag = z.preprocess(
  blankToUndefined,
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    blankToUndefined,
    z.enum(['development', 'test', 'production']).default('development'),
  ),
  HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATABASE_URL: optionalString,
  DATABASE_DRIVER: z.preprocess(
    blankToUndefined,
    z.enum(['auto', 'pglite', 'postgres', 'neon']).default('auto'),
  ),
  NEON_WS_PROXY: optionalString,
  LENDING_DATA_DIR: optionalString,
  LENDING_MIGRATE_ON_START: booleanFlag,
  SERVICING_JOBS: booleanFlag,
  SERVICING_CRON: optionalString,
  LENDING_SEED: z.preprocess(blankToUndefined, z.enum(['demo', 'none']).optional()),
  CLERK_SECRET_KEY: optionalString,
  CLERK_PUBLISHABLE_KEY: optionalString,
  CLERK_JWT_KEY: optionalString,
  CLERK_API_URL: optionalString,
  CLERK_AUTHORIZED_PARTIES: optionalString,
  CLERK_WEBHOOK_SIGNING_SECRET: optionalString,
  LENDING_ALLOW_TEST_KEYS_IN_PRODUCTION: booleanFlag,
  LENDING_TRUST_PROXY: booleanFlag,
  LENDING_TRUST_PROXY_HOPS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10).default(1)),
  SMTP_URL: optionalString,
  EMAIL_FROM: z.preprocess(blankToUndefined, z.string().default('Lending OS <no-reply@lending-os.invalid>')),
  LENDING_LENDER_PORTAL_URL: z.preprocess(blankToUndefined, z.url().default('http://localhost:5173')),
  LENDING_BORROWER_PORTAL_URL: z.preprocess(blankToUndefined, z.url().default('http://localhost:5174')),
  LENDING_INVITATION_TTL_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(90 * 86_400)
      .default(14 * 86_400),
  ),
  STORAGE_DRIVER: z.preprocess(blankToUndefined, z.enum(['local', 's3']).default('local')),
  STORAGE_LOCAL_DIR: optionalString,
  STORAGE_S3_BUCKET: optionalString,
  STORAGE_S3_REGION: z.preprocess(blankToUndefined, z.string().default('us-east-1')),
  STORAGE_S3_ENDPOINT: z.preprocess(blankToUndefined, z.url().optional()),
  STORAGE_S3_ACCESS_KEY_ID: optionalString,
  STORAGE_S3_SECRET_ACCESS_KEY: optionalString,
  STORAGE_S3_FORCE_PATH_STYLE: booleanFlag,
  STORAGE_S3_PREFIX: optionalString,
  DOCUMENTS_MAX_UPLOAD_BYTES: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(25 * 1024 * 1024),
  ),
});

export type AuthMode = 'clerk' | 'local';

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  dataDir: string;
  database: {
    url: string | undefined;
    driver: 'pglite' | 'postgres' | 'neon';
    neonWsProxy: string | undefined;
  };
  migrateOnStart: boolean;
  seed: 'demo' | 'none';
  auth: {
    mode: AuthMode;
    secretKey: string | undefined;
    publishableKey: string | undefined;
    jwtKey: string | undefined;
    apiUrl: string | undefined;
    authorizedParties: string[];
    webhookSigningSecret: string | undefined;
  };
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** How many trusted proxies append to X-Forwarded-For: the client is that many entries from the right. */
  trustProxyHops: number;
  email: {
    /** `smtp://…` / `smtps://…`: nodemailer sends through it. Unset ⇒ the local outbox. */
    smtpUrl: string | undefined;
    from: string;
    /** Where the local outbox keeps one JSON file per message. */
    outboxDir: string;
  };
  /** The portals' public origins: invitation links point into them. */
  portalUrls: { lender: string; borrower: string };
  invitationTtlSeconds: number;
  /** Where uploaded documents and signed term sheets are stored. */
  storage: StorageConfig;
  documents: {
    /** The largest upload accepted, in bytes (default 25 MB). */
    maxUploadBytes: number;
  };
  /** The daily servicing run through pg-boss (SERVICING_JOBS, default off; SERVICING_CRON in UTC). */
  servicing: { jobs: boolean; cron: string };
}

export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (R2, MinIO, the tests' s3rver); unset ⇒ AWS. */
  endpoint: string | undefined;
  /** Unset ⇒ the SDK's default credential chain (instance role, AWS_* variables, profile). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
  /** Prepended to every object key, e.g. `lending/`. */
  prefix: string;
}

export interface StorageConfig {
  driver: 'local' | 's3';
  /** Local driver: where objects live (default `<data dir>/documents`). */
  localDir: string;
  s3: S3StorageConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The API cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Neon's hosts, or an explicit DATABASE_DRIVER=neon (used to test the driver over a local bridge). */
function pickDriver(url: string | undefined, requested: string): 'pglite' | 'postgres' | 'neon' {
  if (requested !== 'auto') return requested as 'pglite' | 'postgres' | 'neon';
  if (!url) return 'pglite';
  const host = safeHost(url);
  return host?.endsWith('.neon.tech') || host?.endsWith('.neon.build') ? 'neon' : 'postgres';
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** Keys pasted into one-line env files often carry literal "\n". */
function normalizePem(pem: string | undefined): string | undefined {
  return pem?.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
}

/** A key that will not parse would fail every request; refuse it at start-up instead. */
function isPublicKeyPem(pem: string): boolean {
  if (!pem.includes('-----BEGIN')) return false;
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

function keyEnvironment(key: string | undefined): 'test' | 'live' | undefined {
  if (!key) return undefined;
  if (/^(sk|pk)_test_/.test(key)) return 'test';
  if (/^(sk|pk)_live_/.test(key)) return 'live';
  return undefined;
}

export function parseConfig(source: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const jwtKey = normalizePem(env.CLERK_JWT_KEY);
  const mode: AuthMode = env.CLERK_SECRET_KEY || jwtKey ? 'clerk' : 'local';
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];

  if (production) {
    if (mode === 'local') {
      problems.push(
        'Local identity mode is for development only: set CLERK_SECRET_KEY (and CLERK_JWT_KEY) from the Clerk Dashboard.',
      );
    }
    const secretEnv = keyEnvironment(env.CLERK_SECRET_KEY);
    const publishableEnv = keyEnvironment(env.CLERK_PUBLISHABLE_KEY);
    if ((secretEnv === 'test' || publishableEnv === 'test') && !env.LENDING_ALLOW_TEST_KEYS_IN_PRODUCTION) {
      problems.push(
        'Clerk test keys (sk_test_/pk_test_) are not allowed in production; use live keys or set LENDING_ALLOW_TEST_KEYS_IN_PRODUCTION=true for a staging deployment.',
      );
    }
    if (mode === 'clerk' && !env.CLERK_WEBHOOK_SIGNING_SECRET) {
      problems.push(
        'CLERK_WEBHOOK_SIGNING_SECRET is required in production (Clerk Dashboard → Webhooks → Signing Secret).',
      );
    }
  }
  const secretEnv = keyEnvironment(env.CLERK_SECRET_KEY);
  const publishableEnv = keyEnvironment(env.CLERK_PUBLISHABLE_KEY);
  if (secretEnv && publishableEnv && secretEnv !== publishableEnv) {
    problems.push(
      `CLERK_SECRET_KEY is a ${secretEnv} key but CLERK_PUBLISHABLE_KEY is a ${publishableEnv} key: both must come from the same Clerk instance.`,
    );
  }
  if (env.SMTP_URL && !/^smtps?:\/\//.test(env.SMTP_URL))
    problems.push(
      'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465.',
    );
  if (env.CLERK_SECRET_KEY && !secretEnv)
    problems.push('CLERK_SECRET_KEY must start with sk_test_ or sk_live_.');
  if (jwtKey && !isPublicKeyPem(jwtKey)) {
    problems.push(
      'CLERK_JWT_KEY is not a PEM public key (Clerk Dashboard → API keys → JWT public key, starting with -----BEGIN PUBLIC KEY-----).',
    );
  }
  if (env.STORAGE_DRIVER === 's3' && !env.STORAGE_S3_BUCKET)
    problems.push('STORAGE_DRIVER=s3 needs STORAGE_S3_BUCKET (the bucket documents are stored in).');
  if (Boolean(env.STORAGE_S3_ACCESS_KEY_ID) !== Boolean(env.STORAGE_S3_SECRET_ACCESS_KEY))
    problems.push(
      'Set both STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY, or neither (the default AWS credential chain).',
    );
  if (env.STORAGE_S3_PREFIX && !/^([a-z0-9][a-z0-9-]*\/)+$/.test(env.STORAGE_S3_PREFIX))
    problems.push('STORAGE_S3_PREFIX must be lower-case path segments ending in "/", e.g. "lending/".');
  if (problems.length > 0) throw new ConfigError(problems);

  const authorizedParties = (env.CLERK_AUTHORIZED_PARTIES ?? DEFAULT_PORTAL_ORIGINS.join(','))
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const dataDir = path.resolve(env.LENDING_DATA_DIR ?? path.join(repoRoot, '.data'));
  return {
    nodeEnv: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    dataDir,
    database: {
      url: env.DATABASE_URL,
      driver: pickDriver(env.DATABASE_URL, env.DATABASE_DRIVER),
      neonWsProxy: env.NEON_WS_PROXY,
    },
    migrateOnStart: env.LENDING_MIGRATE_ON_START ?? env.NODE_ENV !== 'production',
    servicing: { jobs: env.SERVICING_JOBS ?? false, cron: env.SERVICING_CRON ?? '15 2 * * *' },
    seed: env.LENDING_SEED ?? (mode === 'local' ? 'demo' : 'none'),
    auth: {
      mode,
      secretKey: env.CLERK_SECRET_KEY,
      publishableKey: env.CLERK_PUBLISHABLE_KEY,
      jwtKey,
      apiUrl: env.CLERK_API_URL,
      authorizedParties,
      webhookSigningSecret: env.CLERK_WEBHOOK_SIGNING_SECRET,
    },
    trustProxy: env.LENDING_TRUST_PROXY ?? false,
    trustProxyHops: env.LENDING_TRUST_PROXY_HOPS,
    email: { smtpUrl: env.SMTP_URL, from: env.EMAIL_FROM, outboxDir: path.join(dataDir, 'outbox') },
    portalUrls: {
      lender: env.LENDING_LENDER_PORTAL_URL.replace(/\/+$/, ''),
      borrower: env.LENDING_BORROWER_PORTAL_URL.replace(/\/+$/, ''),
    },
    invitationTtlSeconds: env.LENDING_INVITATION_TTL_SECONDS,
    storage: {
      driver: env.STORAGE_DRIVER,
      localDir: path.resolve(env.STORAGE_LOCAL_DIR ?? path.join(dataDir, 'documents')),
      s3: {
        bucket: env.STORAGE_S3_BUCKET ?? '',
        region: env.STORAGE_S3_REGION,
        endpoint: env.STORAGE_S3_ENDPOINT,
        accessKeyId: env.STORAGE_S3_ACCESS_KEY_ID,
        secretAccessKey: env.STORAGE_S3_SECRET_ACCESS_KEY,
        forcePathStyle: env.STORAGE_S3_FORCE_PATH_STYLE ?? Boolean(env.STORAGE_S3_ENDPOINT),
        prefix: env.STORAGE_S3_PREFIX ?? '',
      },
    },
    documents: { maxUploadBytes: env.DOCUMENTS_MAX_UPLOAD_BYTES },
  };
}

/** Reads the process environment: the only place in the codebase that does. */
export function loadConfig(): AppConfig {
  return parseConfig(process.env);
}

const testEnvSchema = z.object({
  TEST_DATABASE: z.preprocess(blankToUndefined, z.enum(['pglite', 'postgres', 'neon']).default('pglite')),
  TEST_POSTGRES_URL: z.preprocess(
    blankToUndefined,
    z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  ),
});

export interface TestConfig {
  /** Which database the integration tests run on. */
  database: 'pglite' | 'postgres' | 'neon';
  /** A superuser URL of the machine's PostgreSQL; tests create and drop their own databases there. */
  postgresAdminUrl: string;
}

/** The test suite's own settings, read from the environment like the app's. */
export function loadTestConfig(): TestConfig {
  const env = testEnvSchema.parse(process.env);
  return { database: env.TEST_DATABASE, postgresAdminUrl: env.TEST_POSTGRES_URL };
}
