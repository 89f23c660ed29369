import { applicationsRouter } from './routers/applications.ts';
import { authRouter } from './routers/auth.ts';
import { borrowerRouter } from './routers/borrower.ts';
import { calculatorRouter } from './routers/calculator.ts';
import { borrowerDocumentsRouter, documentsRouter } from './routers/documents.ts';
import { drawsRouter } from './routers/draws.ts';
import { healthRouter } from './routers/health.ts';
import { invitationsRouter } from './routers/invitations.ts';
import { loansRouter } from './routers/loans.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { offersRouter } from './routers/offers.ts';
import { organizationsRouter } from './routers/organizations.ts';
import { portfolioRouter } from './routers/portfolio.ts';
import { productsRouter } from './routers/products.ts';
import { borrowerLoansRouter, servicingRouter } from './routers/servicing.ts';
import { teamRouter } from './routers/team.ts';
import { underwritingRouter } from './routers/underwriting.ts';
import { router } from './trpc.ts';

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  organizations: organizationsRouter,
  team: teamRouter,
  invitations: invitationsRouter,
  borrower: borrowerRouter,
  calculator: calculatorRouter,
  documents: documentsRouter,
  borrowerDocuments: borrowerDocumentsRouter,
  products: productsRouter,
  applications: applicationsRouter,
  underwriting: underwritingRouter,
  offers: offersRouter,
  loans: loansRouter,
  notifications: notificationsRouter,
  portfolio: portfolioRouter,
  draws: drawsRouter,
  servicing: servicingRouter,
  borrowerLoans: borrowerLoansRouter,
});

export type AppRouter = typeof appRouter;
