/** Inputs of the organizations area. Browser-safe: zod only. */
import { z } from 'zod';
import { boundedString } from '../shared/shared.inputs.ts';

export const ORGANIZATION_NAME_MAX_LENGTH = 120;

export const organizationNameSchema = boundedString(ORGANIZATION_NAME_MAX_LENGTH, {
  required: 'Enter the name of your lending company.',
  tooLong: `The organization name can have at most ${ORGANIZATION_NAME_MAX_LENGTH} characters.`,
}).min(2, 'The organization name needs at least 2 characters.');

export const slugSchema = boundedString(80, {
  required: 'Enter the organization link name.',
  tooLong: 'That link name is too long.',
})
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'That link name is not valid.');

export const createOrganizationInput = z.object({ name: organizationNameSchema });
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export const organizationBySlugInput = z.object({ slug: slugSchema });
