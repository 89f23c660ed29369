/**
 * Output pieces shared by routers: instants leave the API as ISO-8601 strings, converted here in
 * one place (domain functions return Dates).
 */
import { z } from 'zod';

export const isoInstant = z.date().transform((d) => d.toISOString());
export const isoInstantOrNull = z
  .date()
  .nullable()
  .transform((d) => (d ? d.toISOString() : null));
