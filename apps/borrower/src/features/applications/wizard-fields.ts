import { applicationFieldsShape } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import { normalizeAmount } from '@lending/ui';

export type Draft = RouterOutputs['applications']['myApplication'];

/** Every field of the wizard as the form holds it: text ('' for not given). */
export type WizardValues = {
  productId: string;
  requestedAmount: string;
  requestedTermPayments: string;
  loanPurpose: string;
  applicantKind: string;
  firstName: string;
  lastName: string;
  entityName: string;
  entityType: string;
  phone: string;
  email: string;
  taxIdLast4: string;
  experienceDeals: string;
  propertyAddressLine1: string;
  propertyAddressLine2: string;
  propertyCity: string;
  propertyRegion: string;
  propertyPostalCode: string;
  propertyType: string;
  purchasePrice: string;
  asIsValue: string;
  afterRepairValue: string;
  rehabBudget: string;
  monthlyRent: string;
  monthlyExpenses: string;
};
export type WizardField = keyof WizardValues;

export const WIZARD_FIELDS = [
  'productId',
  'requestedAmount',
  'requestedTermPayments',
  'loanPurpose',
  'applicantKind',
  'firstName',
  'lastName',
  'entityName',
  'entityType',
  'phone',
  'email',
  'taxIdLast4',
  'experienceDeals',
  'propertyAddressLine1',
  'propertyAddressLine2',
  'propertyCity',
  'propertyRegion',
  'propertyPostalCode',
  'propertyType',
  'purchasePrice',
  'asIsValue',
  'afterRepairValue',
  'rehabBudget',
  'monthlyRent',
  'monthlyExpenses',
] as const satisfies readonly WizardField[];

const COUNT_FIELDS = new Set<WizardField>(['requestedTermPayments', 'experienceDeals']);
const MONEY_FIELDS = new Set<WizardField>([
  'requestedAmount',
  'purchasePrice',
  'asIsValue',
  'afterRepairValue',
  'rehabBudget',
  'monthlyRent',
  'monthlyExpenses',
]);

export function toWizardValues(d: Draft): WizardValues {
  const out = {} as WizardValues;
  for (const f of WIZARD_FIELDS) {
    const v = d[f];
    out[f] = v == null ? '' : String(v);
  }
  return out;
}

/** The value the API reads for one field ('' → null; counts as numbers; "250,000" → "250000"). */
export function apiValue(field: WizardField, raw: string): unknown {
  const v = raw.trim();
  if (v === '') return null;
  if (COUNT_FIELDS.has(field)) return /^\d+$/.test(v) ? Number(v) : v;
  if (MONEY_FIELDS.has(field)) return normalizeAmount(v);
  return v;
}

/** The field's message from the API's own schema, or null when valid. */
export function fieldError(field: WizardField, raw: string): string | null {
  const schema = applicationFieldsShape[field];
  const result = schema.safeParse(apiValue(field, raw));
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}
