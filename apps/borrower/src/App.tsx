import {
  AppProviders,
  ComingSoonPage,
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
const PaymentsPage = lazy(() => import('./features/payments/PaymentsPage.tsx'));
const LoanServicingPage = lazy(() => import('./features/payments/LoanServicingPage.tsx'));

const nav: NavItem[] = [
  { label: 'Home', to: '/', end: true },
  { label: 'Applications', to: '/applications', badge: 'Soon' },
  { label: 'Loans', to: '/loans', badge: 'Soon' },
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
                <Route
                  path="applications"
                  element={
                    <ComingSoonPage title="Applications">
                      Apply for a loan, save and come back, upload your documents and follow the review —
                      coming soon.
                    </ComingSoonPage>
                  }
                />
                <Route
                  path="loans"
                  element={
                    <ComingSoonPage title="Loans">
                      Your loans with their schedule, balance and history — coming soon.
                    </ComingSoonPage>
                  }
                />
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
