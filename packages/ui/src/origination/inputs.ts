/**
 * The origination inputs (the API's zod schemas) for the portals' forms.
 *
 * TEMPORARY: `@lending/core/inputs` does not re-export the origination modules yet (products,
 * applications, offers, underwriting, loans, notifications). Once it does, import from there and
 * delete this file and its `@lending/ui/origination-inputs` entry. These are the very same schema
 * objects the API validates with, not copies.
 */
export * from '../../../core/src/applications/applications.inputs.ts';
export * from '../../../core/src/loans/loans.inputs.ts';
export * from '../../../core/src/notifications/notifications.inputs.ts';
export * from '../../../core/src/offers/offers.inputs.ts';
export * from '../../../core/src/products/products.inputs.ts';
export * from '../../../core/src/underwriting/underwriting.inputs.ts';
