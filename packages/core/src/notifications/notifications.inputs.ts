/** Inputs of notifications. Browser-safe. */
import { z } from 'zod';
import { uuidSchema } from '../shared/shared.inputs.ts';

export * from './notifications.constants.ts';

export const listNotificationsInput = z
  .object({
    unreadOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .default({ unreadOnly: false, limit: 30 });
/** Marks the given notifications read, or every one of the caller's when `ids` is left out. */
export const markNotificationsReadInput = z.object({
  ids: z.array(uuidSchema).max(100, { error: 'At most 100 notifications at once.' }).optional(),
});
