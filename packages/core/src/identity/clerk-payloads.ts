/** The parts of Clerk's webhook and Backend API JSON that the API mirrors. Unknown fields are ignored. */
import { z } from 'zod';

export const clerkEmailAddressSchema = z.object({
  id: z.string(),
  email_address: z.string(),
  verification: z.object({ status: z.string().nullish() }).nullish(),
});

export const clerkUserSchema = z.object({
  id: z.string().regex(/^user_/),
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

export const clerkSessionSchema = z.object({
  id: z.string().regex(/^sess_/),
  user_id: z.string().regex(/^user_/),
  status: z.string().optional(),
  created_at: z.number().nullish(),
  updated_at: z.number().nullish(),
  last_active_at: z.number().nullish(),
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

export function primaryEmailOf(user: ClerkUserJson): { email: string | null; verified: boolean } {
  const primary =
    user.email_addresses.find((e) => e.id === user.primary_email_address_id) ?? user.email_addresses[0];
  if (!primary) return { email: null, verified: false };
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
    firstName: user.first_name ?? null,
    lastName: user.last_name ?? null,
    imageUrl: user.image_url ?? null,
    banned: user.banned,
    locked: user.locked,
  };
}
