import type { PortalConfig } from '@lending/ui';

/** The only module of the lender portal that reads `import.meta.env`. */
export const config: PortalConfig = {
  portal: 'lender',
  appName: 'Lending OS · Lender',
  clerkPublishableKey: import.meta.env.VITE_CLERK_PUBLISHABLE_KEY || undefined,
  borrowerPortalUrl: (import.meta.env.VITE_BORROWER_PORTAL_URL || 'http://localhost:5174').replace(
    /\/+$/,
    '',
  ),
  lenderPortalUrl: (import.meta.env.VITE_LENDER_PORTAL_URL || window.location.origin).replace(/\/+$/, ''),
};
