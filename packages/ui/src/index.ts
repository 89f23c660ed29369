export { AppProviders } from './AppProviders.tsx';
export { type AuthApi, type AuthStatus, useAuth } from './auth/context.ts';
export { ConfirmModal } from './components/ConfirmModal.tsx';
export { NoAccessPage } from './components/NoAccessPage.tsx';
export { Person, type PersonLike } from './components/Person.tsx';
export { PortalBadge } from './components/PortalBadge.tsx';
export { type NavItem, PortalShell } from './components/PortalShell.tsx';
export { QueryFallback, TableSkeleton } from './components/QueryFallback.tsx';
export { SimpleHeader } from './components/SimpleHeader.tsx';
export { ComingSoonPage, EmptyState, ErrorState, FullPageLoader, PageHeader } from './components/states.tsx';
export { PHONE_MEDIA_QUERY, TruncatedText, useIsPhone } from './components/TruncatedText.tsx';
export { UserMenu } from './components/UserMenu.tsx';
export { type PortalConfig, usePortalConfig } from './config.tsx';
export {
  applyFieldErrors,
  errorCode,
  fieldErrors,
  formatError,
  SERVICE_UNAVAILABLE_MESSAGE,
  ServiceUnavailableError,
} from './errors.ts';
export { downloadWithAuth, HttpError, uploadWithProgress, useApiHeaders } from './files.ts';
export { RequirePortalAccess, RequireSignedIn, SignInRoute, safeRedirect, signInPath } from './guards.tsx';
export { InvitationPage } from './invitations/InvitationPage.tsx';
export { PendingInvitations } from './invitations/PendingInvitations.tsx';
export {
  centsToAmount,
  formatMoney,
  formatMoneyShort,
  formatPercent,
  normalizeAmount,
  toCents,
} from './money.ts';
export { notifyError, notifySuccess } from './notify.ts';
export {
  type Access,
  type Me,
  type OrganizationState,
  useActiveOrganization,
  useOrganizations,
} from './org/OrganizationProvider.tsx';
export { OrgSwitcher, roleLabel } from './org/OrgSwitcher.tsx';
export { organizationHint, organizationLabel } from './org/organization-label.ts';
export { type LoanDetail, LoanDetailView, LoanStatusBadge } from './origination/LoanDetailView.tsx';
export { StatusTimeline, type TimelineEntry } from './origination/StatusTimeline.tsx';
export {
  APPLICATION_STATUS_LABELS,
  ApplicationStatusBadge,
  applicationStatusLabel,
  humanize,
} from './origination/status.tsx';
export { pageTitle, usePageTitle } from './page-title.ts';
export {
  displayName,
  formatDate,
  formatDateTime,
  formatPlainDate,
  initials,
  withArticle,
} from './people.ts';
export { theme } from './theme.ts';
export { createApiClient, isProcedureKey, useTRPC, useTRPCClient } from './trpc.ts';
export {
  fileNameFromDisposition,
  type UploadDocumentOptions,
  UploadError,
  type UploadedDocument,
  type UploadProgress,
  uploadDocument,
} from './upload.ts';
