/**
 * Email bodies. Every value that came from a person (names, organization) is escaped for HTML and
 * capped, so a 1 MB name cannot make a 1 MB email or inject markup.
 */
import type { Portal, Role } from '../access/access.inputs.ts';
import type { EmailMessage } from './email.ts';

const MAX_FIELD = 120;

function cap(value: string): string {
  return value.length > MAX_FIELD ? `${value.slice(0, MAX_FIELD - 1)}…` : value;
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** "an admin", "a viewer": the article follows the sound of the word. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

const ROLE_WORDS: Record<Role, string> = {
  admin: 'admin',
  underwriter: 'underwriter',
  servicer: 'servicer',
  viewer: 'viewer',
  borrower: 'borrower',
};

export interface InvitationEmailInput {
  to: string;
  organizationName: string;
  inviterName: string | null;
  portal: Portal;
  role: Role;
  url: string;
  expiresAt: Date;
}

export function invitationEmail(input: InvitationEmailInput): EmailMessage {
  const organization = cap(input.organizationName);
  const inviter = input.inviterName ? cap(input.inviterName) : null;
  const what =
    input.portal === 'lender'
      ? `join ${organization} as ${withArticle(ROLE_WORDS[input.role])} in the lender portal`
      : `connect with ${organization} as a borrower`;
  const who = inviter ? `${inviter} invited you` : 'You have been invited';
  const expires = input.expiresAt.toUTCString();
  const subject = `${inviter ?? organization} invited you to ${organization} on Lending OS`;
  const text = [
    `${who} to ${what}.`,
    '',
    `Open this link to accept or decline: ${input.url}`,
    '',
    `Sign in with this email address (${input.to}). Nothing is granted until you accept.`,
    `The link works once and expires ${expires}.`,
    '',
    'If you did not expect this invitation, ignore this email.',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">
<p>${escapeHtml(who)} to ${escapeHtml(what)}.</p>
<p><a href="${escapeHtml(input.url)}">Accept or decline the invitation</a></p>
<p>Sign in with this email address (${escapeHtml(input.to)}). Nothing is granted until you accept.<br>
The link works once and expires ${escapeHtml(expires)}.</p>
<p style="color:#666">If you did not expect this invitation, ignore this email.</p>
</body></html>`;
  return { to: input.to, subject, text, html, links: [input.url] };
}
