/**
 * The tRPC context: long-lived services, the request's verified token and active organization.
 * Its own module so the access middleware and the builders both import it without a cycle.
 */
import type { Portal, Role } from '../access/access.inputs.ts';
import type { Database } from '../db/client.ts';
import type { DocumentServices } from '../documents/documents.ts';
import type { SessionAuthenticator, TokenCheck } from '../identity/authenticate-session.ts';
import type { IdentityProviderAdmin } from '../identity/identity-provider.ts';
import type { InvitationServices } from '../invitations/invitations.ts';
import type { RateLimits } from '../rate-limits/rate-limits.ts';
import { uuidSchema } from '../shared/shared.inputs.ts';

export type ProcedureAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'portal'; portal: Portal; minRole: Role };

export interface ProcedureMeta {
  access: ProcedureAccess;
}

/** Long-lived dependencies, built once at start-up. */
export interface ApiServices {
  db: Database;
  authenticator: SessionAuthenticator;
  identityAdmin: IdentityProviderAdmin;
  rateLimits: RateLimits;
  /** The email sender, the portals' public URLs and the link lifetime. */
  invitations: InvitationServices;
  /** Document storage and the upload limit. */
  documents: DocumentServices;
  /** Stack traces in error answers: with NODE_ENV=development only. Internal messages are never sent. */
  showStackTraces: boolean;
}

export interface RequestInfo {
  authorization: string | null | undefined;
  organizationId: string | null | undefined;
  clientIp: string;
  /** The id the HTTP layer gave this request; 5xx answers and logs carry it. */
  requestId?: string;
}

// A type (not an interface) so it is assignable to Record<string, unknown>, as adapters expect.
export type Context = {
  services: ApiServices;
  db: Database;
  /** The bearer token's verdict (signature, expiry, azp); the session and user are checked by middleware. */
  token: TokenCheck;
  /** The active organization sent by the portal (`x-organization-id`), if it is a valid id. */
  organizationId: string | null;
  organizationHeader: string | null;
  clientIp: string;
  requestId: string | null;
};

export async function createContext(services: ApiServices, request: RequestInfo): Promise<Context> {
  const header = request.organizationId?.trim() || null;
  return {
    services,
    db: services.db,
    token: await services.authenticator.verifyClaims(request.authorization),
    organizationId: header && uuidSchema.safeParse(header).success ? header : null,
    organizationHeader: header,
    clientIp: request.clientIp,
    requestId: request.requestId ?? null,
  };
}
