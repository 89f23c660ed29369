import { authRouter } from './routers/auth.ts';
import { borrowerRouter } from './routers/borrower.ts';
import { calculatorRouter } from './routers/calculator.ts';
import { borrowerDocumentsRouter, documentsRouter } from './routers/documents.ts';
import { healthRouter } from './routers/health.ts';
import { invitationsRouter } from './routers/invitations.ts';
import { organizationsRouter } from './routers/organizations.ts';
import { teamRouter } from './routers/team.ts';
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
});

export type AppRouter = typeof appRouter;
