/** The parts of Clerk's webhook and Backend API JSON that the API mirrors. Unknown fields are ignored. */
import { z } from 'zod';

export const clerkEmailAddressSchema = z.object({
  id: z.string(),
  email_address: z.string(),
  verification: z.object({ status: z.string().nullish() }).nullish(),
});

/** Clerk ids are short; a longer one is not Clerk's and would only overflow an index. */
const clerkId = (prefix: string) =>
  z
    .string()
    .max(64)
    .regex(new RegExp(`^${prefix}_`));

export const clerkUserSchema = z.object({
  id: clerkId('user'),
  email_addresses: z.array(clerkEmailAddressSchema).default([]),
  primary_email_address_id: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  image_url: z.string().nullish(),
  banned: z.boolean().default(false),
  locked: z.boolean().default(false),
  created_at: z.number().nullish(),
  updated_at: z.number().nullish(),
});
export type ClerkUserJson = z.infer<typeof clerkUserSchema>;

export const clerkDeletedObjectSchema = z.object({ id: z.string(), deleted: z.boolean().optional() });

/** Free text from Clerk's session activity: kept if it is a string, capped, otherwise dropped. */
const activityText = z
  .unknown()
  .transform((v) => (typeof v === 'string' && v.trim() !== '' ? capText(v.trim(), ACTIVITY_MAX) : null));

export const clerkSessionSchema = z.object({
  id: clerkId('sess'),
  user_id: clerkId('user'),
  status: z.string().optional(),
  created_at: z.number().nullish(),
  updated_at: z.number().nullish(),
  last_active_at: z.number().nullish(),
  /** Where and on what the session was last used (session webhooks and the Backend API carry it). */
  latest_activity: z
    .object({
      browser_name: activityText.optional(),
      device_type: activityText.optional(),
      city: activityText.optional(),
      country: activityText.optional(),
      ip_address: activityText.optional(),
    })
    .nullish()
    .catch(null),
});
export type ClerkSessionJson = z.infer<typeof clerkSessionSchema>;

export const clerkEventSchema = z.object({
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  timestamp: z.number().optional(),
});

export interface MirroredUserFields {
  email: string | null;
  emailVerified: boolean;
  firstName: string | null;
  lastName: string | null;
  imageUrl: string | null;
  banned: boolean;
  locked: boolean;
}

/**
 * Caps on mirrored fields. Clerk's own limits are far lower; anything beyond these is not a real value
 * and must never reach an index (a btree entry has a size limit) or a page.
 */
export const NAME_MAX = 100;
export const IMAGE_URL_MAX = 2048;
const ACTIVITY_MAX = 100;
/** RFC 5321's path limit: a longer "address" cannot receive mail, so it is not mirrored at all. */
const EMAIL_MAX = 254;

function capText(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/** The session's device, browser and place, capped; nulls where Clerk says nothing. */
export function sessionActivity(session: ClerkSessionJson) {
  const a = session.latest_activity;
  return {
    browser: a?.browser_name ?? null,
    deviceType: a?.device_type ?? null,
    city: a?.city ?? null,
    country: a?.country ?? null,
    ipAddress: a?.ip_address ?? null,
  };
}

export function primaryEmailOf(user: ClerkUserJson): { email: string | null; verified: boolean } {
  const primary =
    user.email_addresses.find((e) => e.id === user.primary_email_address_id) ?? user.email_addresses[0];
  if (!primary || primary.email_address.trim().length > EMAIL_MAX) return { email: null, verified: false };
  return {
    email: primary.email_address.trim().toLowerCase(),
    verified: primary.verification?.status === 'verified',
  };
}

export function mirroredFields(user: ClerkUserJson): MirroredUserFields {
  const { email, verified } = primaryEmailOf(user);
  return {
    email,
    emailVerified: verified,
    firstName: user.first_name ? capText(user.first_name, NAME_MAX) : null,
    lastName: user.last_name ? capText(user.last_name, NAME_MAX) : null,
    // A truncated URL would point somewhere else: an oversized one is dropped instead.
    imageUrl: user.image_url && user.image_url.length <= IMAGE_URL_MAX ? user.image_url : null,
    banned: user.banned,
    locked: user.locked,
  };
}
