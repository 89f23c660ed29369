import type { PortalConfig } from '@lending/ui';

/** The only module of the borrower portal that reads `import.meta.env`. */
export const config: PortalConfig = {
  portal: 'borrower',
  appName: 'Lending OS · Borrower',
  clerkPublishableKey: import.meta.env.VITE_CLERK_PUBLISHABLE_KEY || undefined,
  borrowerPortalUrl: (import.meta.env.VITE_BORROWER_PORTAL_URL || window.location.origin).replace(/\/+$/, ''),
  lenderPortalUrl: (import.meta.env.VITE_LENDER_PORTAL_URL || 'http://localhost:5173').replace(/\/+$/, ''),
};
