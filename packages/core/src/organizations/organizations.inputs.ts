/** Inputs (and the settings output) of the organizations area. Browser-safe: zod only. */
import { z } from 'zod';
import { boundedString, EMAIL_MAX_LENGTH, uuidSchema } from '../shared/shared.inputs.ts';

export const ORGANIZATION_NAME_MAX_LENGTH = 120;
/** Slugs a person chooses; generated ones stay within it too (60 + a 7-character suffix). */
export const ORGANIZATION_SLUG_MIN_LENGTH = 3;
export const ORGANIZATION_SLUG_MAX_LENGTH = 80;

export const organizationNameSchema = boundedString(ORGANIZATION_NAME_MAX_LENGTH, {
  required: 'Enter the name of your lending company.',
  tooLong: `The organization name can have at most ${ORGANIZATION_NAME_MAX_LENGTH} characters.`,
}).min(2, 'The organization name needs at least 2 characters.');

/** A slug as found in an apply link (lookups): any well-formed one. */
export const slugSchema = boundedString(ORGANIZATION_SLUG_MAX_LENGTH, {
  required: 'Enter the organization link name.',
  tooLong: 'That link name is too long.',
})
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'That link name is not valid.');

/** A slug an admin chooses in Settings: the lookup rules plus a minimum length, with advice. */
export const organizationSlugSchema = boundedString(ORGANIZATION_SLUG_MAX_LENGTH, {
  required: 'Enter the link name.',
  tooLong: `The link name can have at most ${ORGANIZATION_SLUG_MAX_LENGTH} characters.`,
})
  .toLowerCase()
  .min(
    ORGANIZATION_SLUG_MIN_LENGTH,
    `The link name needs at least ${ORGANIZATION_SLUG_MIN_LENGTH} characters.`,
  )
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'Use lower-case letters, digits and single hyphens, e.g. “acme-lending” (no spaces, no hyphen at either end).',
  );

export const createOrganizationInput = z.object({ name: organizationNameSchema });
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export const organizationBySlugInput = z.object({ slug: slugSchema });

/**
 * An optional text field of the organization's details: left out ⇒ unchanged; `null` or an empty
 * (or blank) string ⇒ cleared. The length cap comes first, as everywhere.
 */
function clearable(schema: z.ZodType<string, string>) {
  // nullish(), not a union with null: a union would bury the field's own message under "Invalid input".
  return schema.nullish().transform((value) => (value === undefined ? undefined : value || null));
}

function detailText(max: number, label: string) {
  return boundedString(max, {
    required: `${label} must be text.`,
    tooLong: `${label} can have at most ${max} characters.`,
  });
}

const PHONE_PATTERN = /^\+?[0-9().\-\s]+(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$/i;

export const contactEmailSchema = detailText(EMAIL_MAX_LENGTH, 'The contact email')
  .toLowerCase()
  .refine((value) => value === '' || z.email().safeParse(value).success, {
    message: 'Enter a valid email address, e.g. loans@acme-lending.com, or leave it empty.',
  });

export const phoneSchema = detailText(40, 'The phone number').refine(
  (value) => value === '' || (PHONE_PATTERN.test(value) && (value.match(/[0-9]/g)?.length ?? 0) >= 7),
  { message: 'Enter a phone number with at least 7 digits, e.g. +1 (555) 010-2030, or leave it empty.' },
);

/** Limits of the address lines, shared by the form (maxLength) and the API. */
export const ORGANIZATION_DETAIL_LIMITS = {
  addressLine1: 200,
  addressLine2: 200,
  city: 100,
  region: 100,
  postalCode: 20,
  country: 60,
} as const;

export const updateOrganizationSettingsInput = z.object({
  name: organizationNameSchema.optional(),
  slug: organizationSlugSchema.optional(),
  contactEmail: clearable(contactEmailSchema),
  phone: clearable(phoneSchema),
  addressLine1: clearable(detailText(ORGANIZATION_DETAIL_LIMITS.addressLine1, 'The address')),
  addressLine2: clearable(detailText(ORGANIZATION_DETAIL_LIMITS.addressLine2, 'The second address line')),
  city: clearable(detailText(ORGANIZATION_DETAIL_LIMITS.city, 'The city')),
  region: clearable(detailText(ORGANIZATION_DETAIL_LIMITS.region, 'The state or region')),
  postalCode: clearable(detailText(ORGANIZATION_DETAIL_LIMITS.postalCode, 'The postal code')),
  country: clearable(detailText(ORGANIZATION_DETAIL_LIMITS.country, 'The country')),
});
export type UpdateOrganizationSettingsInput = z.input<typeof updateOrganizationSettingsInput>;

/** What `organizations.settings` and `organizations.updateSettings` answer. */
export const organizationSettingsOutput = z.object({
  organization: z.object({
    id: uuidSchema,
    name: z.string(),
    slug: z.string(),
    contactEmail: z.string().nullable(),
    phone: z.string().nullable(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
    updatedAt: z.string(),
  }),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsOutput>['organization'];
