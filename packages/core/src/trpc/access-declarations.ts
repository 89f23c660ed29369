/**
 * Procedures that are deliberately reachable without portal access. Everything else must be a
 * portal procedure; the isolation test holds the router to this list.
 */
export const PUBLIC_PROCEDURES = [
  'health.check',
  'organizations.publicProfile',
  'calculator.schedule',
] as const;

/** Need a signed-in user but no portal access (they are how access is obtained or inspected). */
export const SIGNED_IN_PROCEDURES = [
  'auth.me',
  'organizations.create',
  'organizations.joinAsBorrower',
  // The invitee's answer to an invitation: checked against their verified primary email.
  'invitations.mine',
  'invitations.preview',
  'invitations.accept',
  'invitations.decline',
] as const;
