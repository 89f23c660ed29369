/**
 * Invitations (PRODUCT.md §1, Team): an admin invites an email to a portal with a role; nothing is
 * granted until the invitee — signed in with that verified primary email — accepts. Each invitation
 * has a single-use link token of which only the SHA-256 is stored. The admin's answer has the same
 * status and shape for any email, so inviting never reveals whether an account exists.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Portal, Role } from '../access/access.inputs.ts';
import type { Actor } from '../access/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import {
  appUsers,
  auditLog,
  type invitationStatusEnum,
  organizations,
  portalInvitations,
  userPortalAccess,
} from '../db/schema/index.ts';
import { inTransaction, type Tx } from '../db/transaction.ts';
import type { EmailDelivery, EmailSender } from '../email/email.ts';
import { invitationEmail } from '../email/templates.ts';
import { DomainError } from '../errors.ts';
import type { AnswerInvitationInput, InviteMemberInput } from './invitations.inputs.ts';

export type InvitationStatus = (typeof invitationStatusEnum.enumValues)[number];

/** What inviting needs besides the database: where links point, how long they live, the sender. */
export interface InvitationServices {
  email: EmailSender;
  portalUrls: Record<Portal, string>;
  ttlSeconds: number;
  /** Where a failed delivery is reported (the API log). */
  logError?: (message: string, error: unknown) => void;
  /** Invitation emails one organization may send per hour (default 100): no mail cannon. */
  maxEmailsPerHour?: number;
}

export const DEFAULT_INVITATION_EMAILS_PER_HOUR = 100;

/**
 * Caps how many invitation emails an organization sends per hour, counted from its own audit trail
 * (invite, renew, resend). The same for any address, so it reveals nothing about accounts.
 */
async function assertUnderEmailLimit(tx: Tx, organizationId: string, services: InvitationServices) {
  const limit = services.maxEmailsPerHour ?? DEFAULT_INVITATION_EMAILS_PER_HOUR;
  const [row] = await tx
    .select({ sent: sql<number>`cast(count(*) as integer)` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, organizationId),
        inArray(auditLog.action, ['invitation.created', 'invitation.renewed', 'invitation.resent']),
        gt(auditLog.createdAt, sql`now() - interval '1 hour'`),
      ),
    );
  if ((row?.sent ?? 0) >= limit) {
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `Your organization has sent ${limit} invitations in the last hour, the most allowed. Try again later.`,
    );
  }
}

/** 32 random bytes in base64url: the part of the link that proves it came from the email. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function invitationUrl(portalUrls: Record<Portal, string>, portal: Portal, token: string): string {
  return `${portalUrls[portal]}/invitations/${token}`;
}

const inviter = alias(appUsers, 'inviter');

/** 'expired' is derived when read (a pending invitation past its expiry): reading writes nothing. */
const effectiveStatus = sql<InvitationStatus>`case when ${portalInvitations.status} = 'pending' and ${portalInvitations.expiresAt} <= now() then 'expired' else ${portalInvitations.status}::text end`;

const inviterName = sql<
  string | null
>`nullif(trim(concat_ws(' ', ${inviter.firstName}, ${inviter.lastName})), '')`;

/* ───────────────────────── The admin's side ───────────────────────── */

export interface InviteResult {
  invitation: {
    id: string;
    email: string;
    portal: Portal;
    role: Role;
    status: 'pending';
    expiresAt: Date;
    createdAt: Date;
  };
  /** The link to copy: shown to the admin once (only its hash is stored). */
  inviteUrl: string;
  /** Where the email went: by SMTP, into the local outbox, or nowhere (sending failed). */
  delivery: EmailDelivery | 'failed';
  /** True when an invitation to that email was already pending and was renewed (new link, new expiry). */
  refreshed: boolean;
}

/**
 * Invites an email. A current member (active or deactivated) is a 409: roles change only through
 * `changeRole`. A pending invitation to the same email and portal is renewed with a new link (the old
 * link stops working). Whether the email has an account plays no part, so the answer cannot tell.
 */
export async function inviteMember(
  db: Executor,
  actor: Actor,
  input: InviteMemberInput,
  services: InvitationServices,
): Promise<InviteResult> {
  const { token, tokenHash } = newInvitationToken();
  const written = await inTransaction(db, async (tx) => {
    const [member] = await tx
      .select({ isActive: userPortalAccess.isActive })
      .from(userPortalAccess)
      .innerJoin(appUsers, eq(appUsers.id, userPortalAccess.userId))
      .where(
        and(
          eq(userPortalAccess.organizationId, actor.organizationId),
          eq(userPortalAccess.portal, input.portal),
          eq(appUsers.email, input.email),
        ),
      )
      .limit(1);
    await assertUnderEmailLimit(tx, actor.organizationId, services);
    if (member) {
      const page = input.portal === 'lender' ? 'Team' : 'Borrowers';
      throw new DomainError(
        'CONFLICT',
        member.isActive
          ? `${input.email} is already a member of this organization in the ${input.portal} portal. Change their role on the ${page} page instead.`
          : `${input.email} is a member whose access is deactivated. Reactivate it on the ${page} page instead.`,
      );
    }
    const expiresAt = sql`now() + make_interval(secs => ${services.ttlSeconds})`;
    const [invitation] = await tx
      .insert(portalInvitations)
      .values({
        organizationId: actor.organizationId,
        email: input.email,
        portal: input.portal,
        role: input.role,
        expiresAt,
        invitedBy: actor.userId,
        tokenHash,
        lastSentAt: sql`now()`,
      })
      .onConflictDoUpdate({
        target: [portalInvitations.organizationId, portalInvitations.email, portalInvitations.portal],
        targetWhere: sql`${portalInvitations.status} = 'pending'`,
        set: {
          role: input.role,
          expiresAt,
          invitedBy: actor.userId,
          tokenHash,
          lastSentAt: sql`now()`,
          updatedAt: sql`now()`,
        },
      })
      .returning({
        id: portalInvitations.id,
        email: portalInvitations.email,
        portal: portalInvitations.portal,
        role: portalInvitations.role,
        expiresAt: portalInvitations.expiresAt,
        createdAt: portalInvitations.createdAt,
        // xmax is 0 for a freshly inserted row, non-zero for one the conflict clause updated.
        refreshed: sql<boolean>`(xmax <> 0)`,
      });
    if (!invitation) throw new Error('invitation write returned no row');
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: invitation.refreshed ? 'invitation.renewed' : 'invitation.created',
      entityType: 'portal_invitation',
      entityId: invitation.id,
      after: { email: input.email, portal: input.portal, role: input.role },
    });
    return invitation;
  });
  return sendAndDescribe(db, actor, written, token, services, Boolean(written.refreshed));
}

/** Renews a pending (or expired) invitation with a new link and expiry, and sends it again. */
export async function resendInvitation(
  db: Executor,
  actor: Actor,
  invitationId: string,
  services: InvitationServices,
): Promise<InviteResult> {
  const { token, tokenHash } = newInvitationToken();
  const written = await inTransaction(db, async (tx) => {
    await assertUnderEmailLimit(tx, actor.organizationId, services);
    const [invitation] = await tx
      .update(portalInvitations)
      .set({
        tokenHash,
        expiresAt: sql`now() + make_interval(secs => ${services.ttlSeconds})`,
        invitedBy: actor.userId,
        lastSentAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(portalInvitations.id, invitationId),
          eq(portalInvitations.organizationId, actor.organizationId),
          eq(portalInvitations.status, 'pending'),
        ),
      )
      .returning();
    if (!invitation)
      throw new DomainError(
        'NOT_FOUND',
        'There is no pending invitation with that id. Accepted, declined and cancelled invitations cannot be resent: invite the email again.',
      );
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'invitation.resent',
      entityType: 'portal_invitation',
      entityId: invitation.id,
    });
    return invitation;
  });
  return sendAndDescribe(db, actor, written, token, services, true);
}

/**
 * Emails the (new) link, after the write committed, and answers the admin: the same shape for any
 * address, with the link to copy and where the email honestly went.
 */
async function sendAndDescribe(
  db: Executor,
  actor: Actor,
  written: Omit<InviteResult['invitation'], 'status'>,
  token: string,
  services: InvitationServices,
  refreshed: boolean,
): Promise<InviteResult> {
  const delivery = await sendInvitationEmail(db, actor, { ...written, token }, services);
  return {
    invitation: {
      id: written.id,
      email: written.email,
      portal: written.portal,
      role: written.role,
      status: 'pending',
      expiresAt: written.expiresAt,
      createdAt: written.createdAt,
    },
    inviteUrl: invitationUrl(services.portalUrls, written.portal, token),
    delivery,
    refreshed,
  };
}

/** Sends after the commit: a failed send leaves the invitation (and its link for the admin to copy). */
async function sendInvitationEmail(
  db: Executor,
  actor: Actor,
  invitation: { email: string; portal: Portal; role: Role; expiresAt: Date; token: string },
  services: InvitationServices,
): Promise<EmailDelivery | 'failed'> {
  const [context] = await db
    .select({
      organizationName: organizations.name,
      inviterName: sql<
        string | null
      >`nullif(trim(concat_ws(' ', ${appUsers.firstName}, ${appUsers.lastName})), '')`,
      inviterEmail: appUsers.email,
    })
    .from(organizations)
    .leftJoin(appUsers, eq(appUsers.id, actor.userId))
    .where(eq(organizations.id, actor.organizationId));
  try {
    await services.email.send(
      invitationEmail({
        to: invitation.email,
        organizationName: context?.organizationName ?? 'a lending company',
        inviterName: context?.inviterName ?? context?.inviterEmail ?? null,
        portal: invitation.portal,
        role: invitation.role,
        url: invitationUrl(services.portalUrls, invitation.portal, invitation.token),
        expiresAt: invitation.expiresAt,
      }),
    );
    return services.email.delivery;
  } catch (error) {
    (services.logError ?? ((m, e) => console.error(m, e)))(
      `[email] could not send the invitation email to ${invitation.email}:`,
      error,
    );
    return 'failed';
  }
}

/** The organization's invitations, newest first (at most 200), with the derived expiry. */
export async function listInvitations(db: Executor, organizationId: string) {
  const invitations = await db
    .select({
      id: portalInvitations.id,
      email: portalInvitations.email,
      portal: portalInvitations.portal,
      role: portalInvitations.role,
      status: effectiveStatus,
      expiresAt: portalInvitations.expiresAt,
      createdAt: portalInvitations.createdAt,
      lastSentAt: portalInvitations.lastSentAt,
      inviterName,
    })
    .from(portalInvitations)
    .leftJoin(inviter, eq(inviter.id, portalInvitations.invitedBy))
    .where(eq(portalInvitations.organizationId, organizationId))
    .orderBy(desc(portalInvitations.createdAt))
    .limit(200);
  return { invitations };
}

export async function cancelInvitation(db: Executor, actor: Actor, invitationId: string) {
  return inTransaction(db, async (tx) => {
    const [cancelled] = await tx
      .update(portalInvitations)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(
        and(
          eq(portalInvitations.id, invitationId),
          eq(portalInvitations.organizationId, actor.organizationId),
          eq(portalInvitations.status, 'pending'),
        ),
      )
      .returning({ id: portalInvitations.id });
    if (!cancelled) throw new DomainError('NOT_FOUND', 'There is no pending invitation with that id.');
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'invitation.cancelled',
      entityType: 'portal_invitation',
      entityId: invitationId,
    });
    return { ok: true as const };
  });
}

/* ───────────────────────── The invitee's side ───────────────────────── */

async function loadInvitee(db: Executor, userId: string) {
  const [user] = await db
    .select({ email: appUsers.email, emailVerified: appUsers.emailVerified })
    .from(appUsers)
    .where(eq(appUsers.id, userId));
  if (!user) throw new DomainError('UNAUTHORIZED', 'This user is not known. Sign in again.');
  return { email: user.email, verified: Boolean(user.email && user.emailVerified) };
}

/** The caller's pending, unexpired invitations, found by their verified primary email. */
export async function listMyInvitations(db: Executor, userId: string) {
  const me = await loadInvitee(db, userId);
  if (!me.verified || !me.email) return { email: me.email, emailVerified: false, invitations: [] };
  const invitations = await db
    .select({
      id: portalInvitations.id,
      organizationId: organizations.id,
      organizationName: organizations.name,
      portal: portalInvitations.portal,
      role: portalInvitations.role,
      inviterName,
      expiresAt: portalInvitations.expiresAt,
      createdAt: portalInvitations.createdAt,
    })
    .from(portalInvitations)
    .innerJoin(organizations, eq(organizations.id, portalInvitations.organizationId))
    .leftJoin(inviter, eq(inviter.id, portalInvitations.invitedBy))
    .where(
      and(
        eq(portalInvitations.email, me.email),
        eq(portalInvitations.status, 'pending'),
        gt(portalInvitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(portalInvitations.createdAt))
    .limit(50);
  return { email: me.email, emailVerified: true, invitations };
}

/**
 * What the link shows a signed-in person: who invited them where, and whether it is addressed to
 * them. Holding the token is what lets them see it; the invited address itself is never returned.
 */
export async function previewInvitation(db: Executor, userId: string, token: string) {
  const me = await loadInvitee(db, userId);
  const [found] = await db
    .select({
      id: portalInvitations.id,
      email: portalInvitations.email,
      organizationName: organizations.name,
      portal: portalInvitations.portal,
      role: portalInvitations.role,
      status: effectiveStatus,
      redeemedBy: portalInvitations.redeemedBy,
      inviterName,
      expiresAt: portalInvitations.expiresAt,
    })
    .from(portalInvitations)
    .innerJoin(organizations, eq(organizations.id, portalInvitations.organizationId))
    .leftJoin(inviter, eq(inviter.id, portalInvitations.invitedBy))
    .where(eq(portalInvitations.tokenHash, hashInvitationToken(token)));
  if (!found) throw notFoundByLink();
  const addressedToYou = me.verified && found.email === me.email;
  return {
    invitation: {
      organizationName: found.organizationName,
      portal: found.portal,
      role: found.role,
      inviterName: found.inviterName,
      status: found.status,
      expiresAt: found.expiresAt,
      acceptedByYou: found.status === 'redeemed' && found.redeemedBy === userId,
    },
    addressedToYou,
    signedInEmail: me.email,
    emailVerified: me.verified,
  };
}

function notFoundByLink() {
  return new DomainError(
    'NOT_FOUND',
    'This invitation link is not valid. It may have been replaced by a newer invitation: ask the person who invited you to send it again.',
  );
}

function wrongEmail(signedInEmail: string | null) {
  return new DomainError(
    'FORBIDDEN',
    `This invitation was sent to a different email address than the one you are signed in with${signedInEmail ? ` (${signedInEmail})` : ''}. Sign out, then sign in with the address the invitation was sent to.`,
  );
}

/** Locks the invitation the caller is answering, after checking it is addressed to them. */
async function lockInvitationFor(tx: Tx, userId: string, by: AnswerInvitationInput) {
  const me = await loadInvitee(tx, userId);
  if (!me.verified) {
    throw new DomainError(
      'FORBIDDEN',
      'Verify your email address first: an invitation can only be answered from a verified primary email.',
    );
  }
  const [invitation] = await tx
    .select({
      id: portalInvitations.id,
      organizationId: portalInvitations.organizationId,
      email: portalInvitations.email,
      portal: portalInvitations.portal,
      role: portalInvitations.role,
      status: portalInvitations.status,
      expired: sql<boolean>`(${portalInvitations.expiresAt} <= now())`,
      redeemedBy: portalInvitations.redeemedBy,
      invitedBy: portalInvitations.invitedBy,
    })
    .from(portalInvitations)
    .where(
      'token' in by
        ? eq(portalInvitations.tokenHash, hashInvitationToken(by.token))
        : eq(portalInvitations.id, by.invitationId),
    )
    .for('update');
  if ('token' in by) {
    if (!invitation) throw notFoundByLink();
    if (invitation.email !== me.email) throw wrongEmail(me.email);
  } else if (!invitation || invitation.email !== me.email) {
    // By id, someone else's invitation is indistinguishable from none at all.
    throw new DomainError('NOT_FOUND', 'You have no invitation with that id.');
  }
  return invitation;
}

function refuseUnlessPending(invitation: { status: InvitationStatus; expired: boolean }, verb: string) {
  switch (invitation.status) {
    case 'cancelled':
      throw new DomainError('CONFLICT', 'This invitation was cancelled by the organization.');
    case 'declined':
      throw new DomainError(
        'CONFLICT',
        'This invitation was declined. Ask the organization for a new one if you changed your mind.',
      );
    case 'redeemed':
      throw new DomainError('CONFLICT', 'This invitation has already been used.');
    case 'expired':
      break;
    case 'pending':
      if (!invitation.expired) return;
  }
  throw new DomainError(
    'CONFLICT',
    `This invitation has expired, so there is nothing to ${verb}. Ask the organization to send a new one.`,
  );
}

function refuseWrongPortal(invitation: { portal: Portal }, portal: Portal | undefined) {
  if (portal && portal !== invitation.portal) {
    throw new DomainError(
      'CONFLICT',
      `This invitation is for the ${invitation.portal} portal. Open the link in the ${invitation.portal} portal to accept it.`,
    );
  }
}

export type AcceptOutcome = 'granted' | 'reactivated' | 'already-member' | 'already-accepted';

/**
 * Accepts an invitation addressed to the caller's verified email, in one transaction: the invitation
 * row is locked, checked (pending, unexpired, right portal), the access is created (or a deactivated
 * one reactivated with the invited role; an active one is left as it is: only `changeRole` changes
 * roles), the invitation marked redeemed, and the acceptance audited. Accepting twice is a success
 * that changes nothing; a concurrent second accept waits for the lock and sees the first.
 */
export async function acceptInvitation(db: Executor, userId: string, input: AnswerInvitationInput) {
  return inTransaction(db, async (tx) => {
    const invitation = await lockInvitationFor(tx, userId, input);
    const [organization] = await tx
      .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
      .from(organizations)
      .where(eq(organizations.id, invitation.organizationId));
    if (!organization) throw new Error('invitation without organization');

    const [access] = await tx
      .select()
      .from(userPortalAccess)
      .where(
        and(
          eq(userPortalAccess.userId, userId),
          eq(userPortalAccess.organizationId, invitation.organizationId),
          eq(userPortalAccess.portal, invitation.portal),
        ),
      )
      .for('update');
    if (invitation.status === 'redeemed' && invitation.redeemedBy === userId) {
      return {
        organization,
        portal: invitation.portal,
        role: access?.role ?? invitation.role,
        outcome: 'already-accepted' as AcceptOutcome,
      };
    }
    refuseUnlessPending(invitation, 'accept');
    refuseWrongPortal(invitation, input.portal);

    let outcome: AcceptOutcome;
    let role: Role = invitation.role;
    let accessId: string;
    if (access?.isActive) {
      outcome = 'already-member';
      role = access.role;
      accessId = access.id;
    } else if (access) {
      outcome = 'reactivated';
      accessId = access.id;
      await tx
        .update(userPortalAccess)
        .set({
          isActive: true,
          role: invitation.role,
          grantedBy: invitation.invitedBy,
          updatedAt: sql`now()`,
        })
        .where(eq(userPortalAccess.id, access.id));
    } else {
      outcome = 'granted';
      const [created] = await tx
        .insert(userPortalAccess)
        .values({
          userId,
          organizationId: invitation.organizationId,
          portal: invitation.portal,
          role: invitation.role,
          grantedBy: invitation.invitedBy,
        })
        .returning({ id: userPortalAccess.id });
      if (!created) throw new Error('access insert returned no row');
      accessId = created.id;
    }
    await tx
      .update(portalInvitations)
      .set({ status: 'redeemed', redeemedBy: userId, redeemedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(portalInvitations.id, invitation.id));
    await recordAudit(tx, {
      organizationId: invitation.organizationId,
      actorUserId: userId,
      action: 'invitation.accepted',
      entityType: 'portal_invitation',
      entityId: invitation.id,
      before: access ? { isActive: access.isActive, role: access.role } : null,
      after: { accessId, portal: invitation.portal, role, outcome },
    });
    return { organization, portal: invitation.portal, role, outcome };
  });
}

/** Declines an invitation addressed to the caller; declining twice is a success that changes nothing. */
export async function declineInvitation(db: Executor, userId: string, input: AnswerInvitationInput) {
  return inTransaction(db, async (tx) => {
    const invitation = await lockInvitationFor(tx, userId, input);
    if (invitation.status === 'declined') return { ok: true as const };
    refuseUnlessPending(invitation, 'decline');
    await tx
      .update(portalInvitations)
      .set({ status: 'declined', declinedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(portalInvitations.id, invitation.id));
    await recordAudit(tx, {
      organizationId: invitation.organizationId,
      actorUserId: userId,
      action: 'invitation.declined',
      entityType: 'portal_invitation',
      entityId: invitation.id,
    });
    return { ok: true as const };
  });
}
