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

const HomePage = lazy(() => import('./features/home/HomePage.tsx'));
const ApplyPage = lazy(() => import('./features/apply/ApplyPage.tsx'));
const ApplicationsPage = lazy(() => import('./features/applications/ApplicationsPage.tsx'));
const NewApplicationPage = lazy(() =>
  import('./features/applications/ApplicationsPage.tsx').then((m) => ({ default: m.NewApplicationPage })),
);
const ApplicationPage = lazy(() => import('./features/applications/ApplicationPage.tsx'));
const LoansPage = lazy(() => import('./features/loans/LoansPage.tsx'));
const LoanPage = lazy(() => import('./features/loans/LoanPage.tsx'));

const PaymentsPage = lazy(() => import('./features/payments/PaymentsPage.tsx'));
const LoanServicingPage = lazy(() => import('./features/payments/LoanServicingPage.tsx'));

const nav: NavItem[] = [
  { label: 'Home', to: '/', end: true },
  { label: 'Applications', to: '/applications' },
  { label: 'Loans', to: '/loans' },
  { label: 'Payments', to: '/payments' },
];

export function App() {
  return (
    <AppProviders config={config}>
      <Suspense fallback={<FullPageLoader />}>
        <Routes>
          <Route path="/sign-in" element={<SignInRoute />} />
          <Route path="/apply/:slug" element={<ApplyPage />} />
          <Route element={<RequireSignedIn />}>
            <Route path="/invitations/:token" element={<InvitationPage />} />
            <Route element={<RequirePortalAccess noAccess={<NoAccessPage />} />}>
              <Route element={<PortalShell nav={nav} />}>
                <Route index element={<HomePage />} />
                <Route path="applications" element={<ApplicationsPage />} />
                <Route path="applications/new" element={<NewApplicationPage />} />
                <Route path="applications/:applicationId" element={<ApplicationPage />} />
                <Route path="loans" element={<LoansPage />} />
                <Route path="loans/:loanId" element={<LoanPage />} />
                <Route path="payments" element={<PaymentsPage />} />
                <Route path="payments/:loanId" element={<LoanServicingPage />} />
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
