import {
  createOrganizationInput,
  organizationBySlugInput,
} from '../../organizations/organizations.inputs.ts';
import {
  createOrganization,
  getOrganizationBySlug,
  joinAsBorrower,
} from '../../organizations/organizations.ts';
import { consumeRateLimit } from '../../rate-limits/rate-limits.ts';
import { publicProcedure, router, signedInProcedure } from '../trpc.ts';

export const organizationsRouter = router({
  create: signedInProcedure.input(createOrganizationInput).mutation(async ({ ctx, input }) => {
    await consumeRateLimit(ctx.services.rateLimits, 'createOrganization', ctx.identity.userId);
    return {
      organization: await createOrganization(ctx.db, { name: input.name, createdBy: ctx.identity.userId }),
    };
  }),
  publicProfile: publicProcedure.input(organizationBySlugInput).query(async ({ ctx, input }) => {
    await consumeRateLimit(ctx.services.rateLimits, 'publicProfile', ctx.clientIp);
    return { organization: await getOrganizationBySlug(ctx.db, input.slug) };
  }),
  joinAsBorrower: signedInProcedure.input(organizationBySlugInput).mutation(async ({ ctx, input }) => ({
    organization: await joinAsBorrower(ctx.db, { slug: input.slug, userId: ctx.identity.userId }),
  })),
});
