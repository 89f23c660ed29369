import {
  createOrganizationInput,
  organizationBySlugInput,
  organizationSettingsOutput,
  updateOrganizationSettingsInput,
} from '../../organizations/organizations.inputs.ts';
import {
  createOrganization,
  getOrganizationBySlug,
  getOrganizationSettings,
  joinAsBorrower,
  updateOrganizationSettings,
} from '../../organizations/organizations.ts';
import { consumeRateLimit } from '../../rate-limits/rate-limits.ts';
import { lenderProcedure, publicProcedure, router, signedInProcedure } from '../trpc.ts';

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
  /** Settings → Organization: every lender role reads. */
  settings: lenderProcedure('viewer')
    .output(organizationSettingsOutput)
    .query(async ({ ctx }) => ({
      organization: await getOrganizationSettings(ctx.db, ctx.access.organizationId),
    })),
  /** Only admins change the name, the link name (the apply link) and the contact details. */
  updateSettings: lenderProcedure('admin')
    .input(updateOrganizationSettingsInput)
    .output(organizationSettingsOutput)
    .mutation(async ({ ctx, input }) => ({
      organization: await updateOrganizationSettings(ctx.db, ctx.access, input),
    })),
});
