/**
 * Adds what invitations need to the API's long-lived services. Declared here (module augmentation)
 * so the tRPC context module stays as it is; apps/api builds the value in services.ts.
 */
import type { InvitationServices } from './invitations.ts';

declare module '../trpc/context.ts' {
  interface ApiServices {
    invitations: InvitationServices;
  }
}

export type { InvitationServices };
