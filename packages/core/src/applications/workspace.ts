/**
 * The lender's application workspace in one read: the application, its borrower, product version,
 * assignee, history, conditions, notes, messages, offers, underwriting figures, the actions the
 * caller may take now, and the loan once funded. (Documents come from the documents area.)
 */
import { and, eq } from 'drizzle-orm';
import type { PortalAccess } from '../access/access.ts';
import type { Executor } from '../db/client.ts';
import { appUsers, loans } from '../db/schema/index.ts';
import { listOffers } from '../offers/offers.ts';
import { productVersionById } from '../products/products.ts';
import { conditionsOf, underwritingFigures } from '../underwriting/underwriting.ts';
import {
  assertApplicationParty,
  fieldsOf,
  listMessages,
  notesOf,
  personName,
  productBrief,
  summaryOf,
  timelineOf,
} from './applications.ts';
import { availableActions } from './state-machine.ts';

export async function getWorkspace(db: Executor, access: PortalAccess, applicationId: string) {
  const application = await assertApplicationParty(db, access, applicationId);
  const version = application.productVersionId
    ? await productVersionById(db, access.organizationId, application.productVersionId)
    : null;
  const people = async (id: string | null) => {
    if (!id) return null;
    const [u] = await db
      .select({
        id: appUsers.id,
        email: appUsers.email,
        firstName: appUsers.firstName,
        lastName: appUsers.lastName,
      })
      .from(appUsers)
      .where(eq(appUsers.id, id));
    return u ? { userId: u.id, email: u.email, name: personName(u.firstName, u.lastName, u.email) } : null;
  };
  const [borrower, assignee, timeline, conditions, notes, messages, offerList, figures, loanRows] =
    await Promise.all([
      people(application.borrowerUserId),
      people(application.assigneeUserId),
      timelineOf(db, application),
      conditionsOf(db, application),
      notesOf(db, application),
      listMessages(db, access, application.id),
      listOffers(db, access, application.id),
      underwritingFigures(db, application, version),
      db
        .select({ id: loans.id })
        .from(loans)
        .where(and(eq(loans.applicationId, application.id), eq(loans.organizationId, access.organizationId))),
    ]);
  return {
    ...summaryOf(application),
    ...fieldsOf(application),
    borrower: borrower!,
    assignee,
    product: version
      ? {
          ...productBrief(version),
          maxLtvPercent: version.maxLtvPercent,
          maxLtcPercent: version.maxLtcPercent,
          maxArvLtvPercent: version.maxArvLtvPercent,
          minDscr: version.minDscr,
          minRatePercent: version.minRatePercent,
          maxRatePercent: version.maxRatePercent,
          baseRatePercent: version.baseRatePercent,
          originationPoints: version.originationPoints,
          originationFee: version.originationFee,
        }
      : null,
    timeline,
    conditions,
    notes,
    messages: messages.messages,
    offers: offerList.offers,
    underwriting: figures,
    availableActions: availableActions(access, application.status),
    loanId: loanRows[0]?.id ?? null,
  };
}
