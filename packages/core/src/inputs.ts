/**
 * Every area's zod inputs, for the API (validation at the edge) and the portals (inline form
 * validation from the same schemas). Browser-safe: nothing here imports server code.
 */
export * from './access/access.inputs.ts';
export * from './applications/applications.inputs.ts';
export * from './boarding/boarding.inputs.ts';
export * from './documents/documents.inputs.ts';
export * from './draws/draws.inputs.ts';
export * from './identity/identity.inputs.ts';
export * from './invitations/invitations.inputs.ts';
export * from './loans/loans.inputs.ts';
export * from './notifications/notifications.inputs.ts';
export * from './offers/offers.inputs.ts';
export * from './organizations/organizations.inputs.ts';
export * from './portfolio/portfolio.inputs.ts';
export * from './products/products.inputs.ts';
export * from './servicing/servicing.inputs.ts';
export * from './shared/decimal.inputs.ts';
export * from './shared/shared.inputs.ts';
export * from './team/team.inputs.ts';
export * from './underwriting/underwriting.inputs.ts';
