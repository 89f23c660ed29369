import {
  AppProviders,
  FullPageLoader,
  InvitationPage,
  type NavItem,
  NoAccessPage,
  PortalShell,
  RequirePortalAccess,
  RequireSignedIn,
  SignInRoute,
} from '@lending/ui';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { config } from './env.ts';
import { NotFoundPage } from './features/not-found/NotFoundPage.tsx';

const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage.tsx'));
const PortfolioPage = lazy(() => import('./features/portfolio/PortfolioPage.tsx'));
const PaymentsInboxPage = lazy(() => import('./features/servicing/PaymentsInboxPage.tsx'));
const LoansPage = lazy(() => import('./features/servicing/LoansPage.tsx'));
const LoanWorkspacePage = lazy(() => import('./features/servicing/LoanWorkspacePage.tsx'));
const BoardingPage = lazy(() => import('./features/boarding/BoardingPage.tsx'));
const OnboardingPage = lazy(() => import('./features/onboarding/OnboardingPage.tsx'));
const TeamPage = lazy(() => import('./features/team/TeamPage.tsx'));
const BorrowersPage = lazy(() => import('./features/borrowers/BorrowersPage.tsx'));
const ProfileSettingsPage = lazy(() => import('./features/settings/ProfileSettingsPage.tsx'));
const OrganizationSettingsPage = lazy(() => import('./features/settings/OrganizationSettingsPage.tsx'));
const ProductsPage = lazy(() => import('./features/products/ProductsPage.tsx'));
const ProductEditPage = lazy(() => import('./features/products/ProductEditPage.tsx'));
const NewProductPage = lazy(() =>
  import('./features/products/ProductEditPage.tsx').then((m) => ({ default: m.NewProductPage })),
);
const PipelinePage = lazy(() => import('./features/pipeline/PipelinePage.tsx'));
const WorkspacePage = lazy(() => import('./features/pipeline/WorkspacePage.tsx'));

const nav: NavItem[] = [
  { label: 'Dashboard', to: '/', end: true },
  { label: 'Pipeline', to: '/pipeline' },
  { label: 'Portfolio', to: '/portfolio' },
  { label: 'Payments inbox', to: '/servicing/payments' },
  { label: 'Loans', to: '/loans' },
  { label: 'Products', to: '/products' },
  { label: 'Team', to: '/team' },
  { label: 'Borrowers', to: '/borrowers' },
  { label: 'Settings', to: '/settings' },
];

export function App() {
  return (
    <AppProviders config={config}>
      <Suspense fallback={<FullPageLoader />}>
        <Routes>
          <Route path="/sign-in" element={<SignInRoute />} />
          <Route element={<RequireSignedIn />}>
            <Route path="/onboarding" element={<OnboardingPage />} />
            <Route path="/invitations/:token" element={<InvitationPage />} />
            <Route element={<RequirePortalAccess noAccess={<NoAccessPage />} />}>
              <Route element={<PortalShell nav={nav} createOrganizationPath="/onboarding" />}>
                <Route index element={<DashboardPage />} />
                <Route path="pipeline" element={<PipelinePage />} />
                <Route path="pipeline/:applicationId" element={<WorkspacePage />} />
                <Route path="loans" element={<LoansPage />} />
                <Route path="loans/import" element={<BoardingPage />} />
                <Route path="loans/:loanId" element={<LoanWorkspacePage />} />
                <Route path="products" element={<ProductsPage />} />
                <Route path="products/new" element={<NewProductPage />} />
                <Route path="products/:productId" element={<ProductEditPage />} />
                <Route path="portfolio" element={<PortfolioPage />} />
                <Route path="servicing/payments" element={<PaymentsInboxPage />} />
                <Route path="team" element={<TeamPage />} />
                <Route path="borrowers" element={<BorrowersPage />} />
                <Route path="settings" element={<ProfileSettingsPage />} />
                <Route path="settings/organization" element={<OrganizationSettingsPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </AppProviders>
  );
}
