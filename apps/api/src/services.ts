/**
 * Builds the API's long-lived services from the validated config: the token authenticator, the
 * identity provider (Clerk's Backend API, or the embedded local provider) and the webhook secret.
 */
import {
  type ApiServices,
  type AppConfig,
  createClerkIdentityAdmin,
  createEmailSender,
  createRateLimits,
  createSessionAuthenticator,
  createStorage,
  type Database,
  type DatabaseDriver,
  type IdentityProviderAdmin,
  LocalIdentityProvider,
  loadOrCreateLocalKeys,
  receiveClerkWebhook,
} from '@lending/core';

export interface ApiRuntime {
  services: ApiServices;
  config: AppConfig;
  /** The signing secret webhooks are verified with; undefined when Clerk mode has none configured. */
  webhookSigningSecret: string | undefined;
  localIdentity: LocalIdentityProvider | undefined;
}

export function buildRuntime(
  config: AppConfig,
  db: Database,
  options: { databaseDriver?: DatabaseDriver; rateLimits?: ApiServices['rateLimits'] } = {},
): ApiRuntime {
  let identityAdmin: IdentityProviderAdmin;
  let jwtKey = config.auth.jwtKey;
  let webhookSigningSecret = config.auth.webhookSigningSecret;
  let localIdentity: LocalIdentityProvider | undefined;

  if (config.auth.mode === 'local') {
    const keys = loadOrCreateLocalKeys(config.dataDir);
    webhookSigningSecret ??= keys.webhookSecret;
    const secret = webhookSigningSecret;
    localIdentity = new LocalIdentityProvider({
      db,
      keys: { ...keys, webhookSecret: secret },
      authorizedParties: config.auth.authorizedParties,
      deliverWebhook: (delivery) => receiveClerkWebhook(db, secret, delivery),
    });
    jwtKey = keys.publicKeyPem;
    identityAdmin = localIdentity;
  } else if (config.auth.secretKey) {
    identityAdmin = createClerkIdentityAdmin({
      secretKey: config.auth.secretKey,
      apiUrl: config.auth.apiUrl,
    });
  } else {
    // Networkless verification with CLERK_JWT_KEY only: no Backend API to ask about unknown users,
    // and none to revoke sessions at: they are revoked here only (the portal says so).
    identityAdmin = {
      fetchUser: async () => null,
      revokeSession: async () => 'local-only',
    };
  }

  const authenticator = createSessionAuthenticator(
    db,
    {
      jwtKey,
      secretKey: config.auth.secretKey,
      apiUrl: config.auth.apiUrl,
      authorizedParties: config.auth.authorizedParties,
    },
    identityAdmin,
  );
  return {
    config,
    webhookSigningSecret,
    localIdentity,
    services: {
      db,
      authenticator,
      identityAdmin,
      rateLimits:
        options.rateLimits ?? createRateLimits(db, options.databaseDriver ?? config.database.driver),
      showStackTraces: config.nodeEnv === 'development',
      documents: {
        storage: createStorage(config.storage),
        maxUploadBytes: config.documents.maxUploadBytes,
      },
      invitations: {
        email: createEmailSender(config),
        portalUrls: config.portalUrls,
        ttlSeconds: config.invitationTtlSeconds,
      },
    },
  };
}
