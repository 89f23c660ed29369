import type { Portal } from '@lending/core/inputs';
import { createContext, type ReactNode, useContext } from 'react';

/** What a portal tells the shared UI about itself (read from its own `src/env.ts`). */
export interface PortalConfig {
  portal: Portal;
  /** Shown in the header and the page titles, e.g. "Lending OS · Lender". */
  appName: string;
  /** Set ⇒ Clerk mode; unset ⇒ the API's local identity provider. */
  clerkPublishableKey?: string | undefined;
  /** Origin of the borrower portal, for the public apply link. */
  borrowerPortalUrl: string;
  /** Origin of the lender portal, for "sign in there instead" on the borrower portal. */
  lenderPortalUrl: string;
}

const PortalConfigContext = createContext<PortalConfig | null>(null);

export function PortalConfigProvider({ config, children }: { config: PortalConfig; children: ReactNode }) {
  return <PortalConfigContext.Provider value={config}>{children}</PortalConfigContext.Provider>;
}

export function usePortalConfig(): PortalConfig {
  const config = useContext(PortalConfigContext);
  if (!config) throw new Error('usePortalConfig must be used inside <AppProviders>.');
  return config;
}
