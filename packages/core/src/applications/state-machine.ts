/**
 * The one state machine of applications (PRODUCT.md §2, issue 8 §6). Every status change, whoever
 * asks, goes through `transitionApplication`: it locks the application row (`select … for update`)
 * in a transaction, checks who may act and from which state, runs the guard and the action's own
 * writes, then writes the new status, the status history and the audit entry in that same
 * transaction. Concurrent requests queue on the row lock; the second sees the state the first left
 * and is refused with 409 and a sentence, so exactly one wins and nothing is half-written.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Portal, Role } from '../access/access.inputs.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { applicationStatusHistory, applications, appUsers } from '../db/schema/index.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import {
  deliverNotificationEmails,
  type NotificationInput,
  type NotificationRow,
  type NotificationServices,
  originationStaff,
  recordNotifications,
  toStaff,
} from '../notifications/notifications.ts';
import { type ApplicationStatus, OPEN_APPLICATION_STATUSES } from './applications.constants.ts';
import { APPLICATION_NOT_FOUND } from './applications.ts';

export type ApplicationRow = typeof applications.$inferSelect;

export const TRANSITION_ACTIONS = [
  'submit',
  'start_review',
  'issue_offer',
  'accept_offer',
  'decline_offer',
  'approve',
  'fund',
  'decline',
  'withdraw',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

/** Who acts: the borrower of the application, or a lender role. */
export type TransitionParty = 'borrower' | 'admin' | 'underwriter';

export interface TransitionRule {
  action: TransitionAction;
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  who: readonly TransitionParty[];
  /** What the action is called in a refusal ("submitted", "approved"). */
  verb: string;
  /** Checked inside the transaction, on the locked row, after who and from. */
  guard?: (tx: Tx, application: ApplicationRow) => Promise<void>;
}

/**
 * The table. Servicer and viewer appear nowhere: they never move an application.
 * - Re-issuing an offer is `offered → offered` (the new offer supersedes the pending one).
 * - A borrower who declines the offer sends the application back to review (`offered → in_review`):
 *   the lender may offer again or decline.
 * - Funding (`approved → funded`) is the admin's alone: it moves money.
 * - Withdrawal is the borrower's, or an admin's on the borrower's behalf.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'submit', from: ['draft'], to: 'submitted', who: ['borrower'], verb: 'submitted' },
  {
    action: 'start_review',
    from: ['submitted'],
    to: 'in_review',
    who: ['underwriter', 'admin'],
    verb: 'taken into review',
  },
  {
    action: 'issue_offer',
    from: ['in_review', 'offered'],
    to: 'offered',
    who: ['underwriter', 'admin'],
    verb: 'given an offer',
  },
  { action: 'accept_offer', from: ['offered'], to: 'accepted', who: ['borrower'], verb: 'accepted' },
  {
    action: 'decline_offer',
    from: ['offered'],
    to: 'in_review',
    who: ['borrower'],
    verb: 'declined by the borrower',
  },
  { action: 'approve', from: ['accepted'], to: 'approved', who: ['underwriter', 'admin'], verb: 'approved' },
  { action: 'fund', from: ['approved'], to: 'funded', who: ['admin'], verb: 'funded' },
  {
    action: 'decline',
    from: OPEN_APPLICATION_STATUSES,
    to: 'declined',
    who: ['underwriter', 'admin'],
    verb: 'declined',
  },
  {
    action: 'withdraw',
    from: OPEN_APPLICATION_STATUSES,
    to: 'withdrawn',
    who: ['borrower', 'admin'],
    verb: 'withdrawn',
  },
];

export function ruleFor(action: TransitionAction): TransitionRule {
  const rule = TRANSITIONS.find((r) => r.action === action);
  if (!rule) throw new Error(`no transition ${action}`);
  return rule;
}

const STATUS_WORDS: Record<ApplicationStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted',
  in_review: 'in review',
  offered: 'offered',
  accepted: 'accepted',
  approved: 'approved',
  funded: 'funded',
  declined: 'declined',
  withdrawn: 'withdrawn',
};

export const applicationReference = (number: number) => `A-${String(number).padStart(6, '0')}`;

export interface TransitionActor {
  organizationId: string;
  userId: string;
  portal: Portal;
  role: Role;
}

function partyOf(actor: TransitionActor): TransitionParty | null {
  if (actor.portal === 'borrower') return 'borrower';
  return actor.role === 'admin' || actor.role === 'underwriter' ? actor.role : null;
}

/** May this actor take this action at all (ignoring the state)? For portals hiding buttons. */
export function mayAct(actor: Pick<TransitionActor, 'portal' | 'role'>, action: TransitionAction): boolean {
  const party = partyOf(actor as TransitionActor);
  return party !== null && ruleFor(action).who.includes(party);
}

/** The actions open to this actor from this status: what the portal may offer as buttons. */
export function availableActions(
  actor: Pick<TransitionActor, 'portal' | 'role'>,
  status: ApplicationStatus,
): TransitionAction[] {
  return TRANSITIONS.filter((r) => r.from.includes(status) && mayAct(actor, r.action)).map((r) => r.action);
}

export interface TransitionRequest {
  applicationId: string;
  action: TransitionAction;
  /** The version the caller saw; a different current version is a 409. */
  expectedVersion?: number | undefined;
  reason?: string | null | undefined;
}

export interface TransitionOutcome<T> {
  application: ApplicationRow;
  from: ApplicationStatus;
  result: T;
  /** In-app notifications written with the change; their emails go out after the commit. */
  notifications: NotificationRow[];
}

/**
 * Locks the application and makes one transition. `work` runs in the same transaction after every
 * check and before the status is written (an offer accepted, a loan created…); it may return
 * notifications to record with the change. Emails for them go out after the commit.
 */
export async function transitionApplication<T = undefined>(
  db: Executor,
  actor: TransitionActor,
  request: TransitionRequest,
  work?: (tx: Tx, application: ApplicationRow) => Promise<{ result: T; notify?: NotificationInput[] }>,
  services?: NotificationServices | null,
): Promise<TransitionOutcome<T>> {
  const rule = ruleFor(request.action);
  const outcome = await inTransaction(db, async (tx) => {
    const conditions = [
      eq(applications.id, request.applicationId),
      eq(applications.organizationId, actor.organizationId),
    ];
    if (actor.portal === 'borrower') conditions.push(eq(applications.borrowerUserId, actor.userId));
    const [application] = await tx
      .select()
      .from(applications)
      .where(and(...conditions))
      .for('update');
    if (!application) throw new DomainError('NOT_FOUND', APPLICATION_NOT_FOUND);
    const party = partyOf(actor);
    if (!party || !rule.who.includes(party)) {
      throw new DomainError(
        'FORBIDDEN',
        `Your role cannot make this change: an application is ${rule.verb} by ${describeWho(rule.who)}.`,
      );
    }
    const reference = applicationReference(application.number);
    if (!rule.from.includes(application.status)) {
      throw new DomainError(
        'CONFLICT',
        `Application ${reference} is ${STATUS_WORDS[application.status]}, so it cannot be ${rule.verb} now. Reload it to see its current state.`,
      );
    }
    if (request.expectedVersion !== undefined && request.expectedVersion !== application.version) {
      throw new DomainError(
        'CONFLICT',
        `Application ${reference} changed since you opened it (it is now ${STATUS_WORDS[application.status]}). Reload it and try again.`,
      );
    }
    await rule.guard?.(tx, application);
    const done = work ? await work(tx, application) : { result: undefined as T, notify: [] };
    const now = new Date();
    const closing = rule.to === 'declined' || rule.to === 'withdrawn';
    const [updated] = await tx
      .update(applications)
      .set({
        status: rule.to,
        version: sql`${applications.version} + 1`,
        statusChangedAt: now,
        updatedAt: now,
        ...(rule.to === 'submitted' ? { submittedAt: now } : {}),
        ...(closing || rule.to === 'approved' ? { decidedAt: now } : {}),
        ...(closing ? { closingReason: request.reason ?? null } : {}),
      })
      .where(eq(applications.id, application.id))
      .returning();
    await tx.insert(applicationStatusHistory).values({
      organizationId: actor.organizationId,
      applicationId: application.id,
      fromStatus: application.status,
      toStatus: rule.to,
      actorUserId: actor.userId,
      reason: request.reason ?? null,
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: `application.${request.action}`,
      entityType: 'application',
      entityId: application.id,
      before: { status: application.status, version: application.version },
      after: { status: rule.to, version: updated!.version, reason: request.reason ?? null },
    });
    const defaults = await defaultNotifications(tx, request.action, updated!, request.reason ?? null);
    const rows = await recordNotifications(tx, [...defaults, ...(done.notify ?? [])]);
    return { application: updated!, from: application.status, result: done.result, notifications: rows };
  });
  await deliverNotificationEmails(db, services, outcome.notifications);
  return outcome;
}

function describeWho(who: readonly TransitionParty[]): string {
  const words = who.map((w) => (w === 'borrower' ? 'the borrower' : `an ${w}`));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0]!;
}

/** Who needs to hear about a transition (issue 8 §8); offers and funding add their own details. */
async function defaultNotifications(
  tx: Tx,
  action: TransitionAction,
  application: ApplicationRow,
  reason: string | null,
): Promise<NotificationInput[]> {
  const reference = applicationReference(application.number);
  const base = { applicationId: application.id };
  const borrower = (n: Omit<NotificationInput, 'organizationId' | 'recipientUserId' | 'portal'>) => [
    {
      organizationId: application.organizationId,
      recipientUserId: application.borrowerUserId,
      portal: 'borrower' as const,
      ...n,
    },
  ];
  switch (action) {
    case 'submit': {
      const staff = await originationStaff(tx, application.organizationId, application.assigneeUserId);
      const name = await applicantName(tx, application);
      return toStaff(application.organizationId, staff, {
        ...base,
        kind: 'application_submitted',
        title: `New application ${reference}`,
        body: `${name} submitted application ${reference}. It is waiting for review.`,
      });
    }
    case 'accept_offer': {
      const staff = await originationStaff(tx, application.organizationId, application.assigneeUserId);
      return toStaff(application.organizationId, staff, {
        ...base,
        kind: 'offer_accepted',
        title: `Offer accepted on ${reference}`,
        body: `The borrower accepted and signed the offer on application ${reference}. It is ready for approval.`,
      });
    }
    case 'decline_offer': {
      const staff = await originationStaff(tx, application.organizationId, application.assigneeUserId);
      return toStaff(application.organizationId, staff, {
        ...base,
        kind: 'offer_declined',
        title: `Offer declined on ${reference}`,
        body: `The borrower declined the offer on application ${reference}${reason ? `: “${reason.slice(0, 300)}”` : '.'}`,
      });
    }
    case 'approve':
      return borrower({
        ...base,
        kind: 'application_approved',
        title: `Application ${reference} approved`,
        body: `Your application ${reference} is approved. Funding comes next.`,
      });
    case 'decline':
      return borrower({
        ...base,
        kind: 'application_declined',
        title: `Application ${reference} declined`,
        body: `Your application ${reference} was declined${reason ? `: “${reason.slice(0, 300)}”` : '.'}`,
      });
    default:
      return [];
  }
}

async function applicantName(tx: Tx, application: ApplicationRow): Promise<string> {
  if (application.applicantKind === 'entity' && application.entityName)
    return application.entityName.slice(0, 120);
  const name = [application.firstName, application.lastName].filter(Boolean).join(' ');
  if (name) return name.slice(0, 120);
  const [user] = await tx
    .select({ email: appUsers.email })
    .from(appUsers)
    .where(eq(appUsers.id, application.borrowerUserId));
  return user?.email?.slice(0, 120) ?? 'A borrower';
}
