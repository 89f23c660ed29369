import { useEffect } from 'react';
import { usePortalConfig } from './config.tsx';
import { useOrganizations } from './org/OrganizationProvider.tsx';

const PORTAL_LABELS = { lender: 'Lender portal', borrower: 'Borrower portal' } as const;

/** "Team · Acme Lending — Lender portal": the page first, so tabs and history read well. */
export function pageTitle(parts: {
  page?: string | undefined;
  organization?: string | undefined;
  portal: keyof typeof PORTAL_LABELS;
}): string {
  const head = [parts.page, parts.organization].filter(Boolean).join(' · ');
  return head ? `${head} — ${PORTAL_LABELS[parts.portal]}` : `Lending OS — ${PORTAL_LABELS[parts.portal]}`;
}

/**
 * Sets `document.title` for the page being shown, with the active organization when there is one
 * (`withOrganization: false` for pages outside an organization: sign-in, onboarding, apply link).
 */
export function usePageTitle(page: string | undefined, options: { withOrganization?: boolean } = {}): void {
  const { portal } = usePortalConfig();
  const { active } = useOrganizations();
  const organization = options.withOrganization === false ? undefined : active?.organizationName;
  useEffect(() => {
    document.title = pageTitle({ page, organization, portal });
  }, [page, organization, portal]);
}
