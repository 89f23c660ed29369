import { z } from 'zod';
import {
  acceptOfferInput,
  declineOfferInput,
  issueOfferInput,
  offersOfApplicationInput,
  previewOfferInput,
} from '../../offers/offers.inputs.ts';
import {
  acceptOffer,
  afterOfferAccepted,
  declineOffer,
  issueOffer,
  listOffers,
  previewOffer,
} from '../../offers/offers.ts';
import { estimateOut, offerOut, transitionResultOut } from '../origination-outputs.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

const decided = (r: Awaited<ReturnType<typeof acceptOffer>>) => ({
  offer: r.offer,
  application: {
    id: r.application.id,
    status: r.application.status,
    version: r.application.version,
    statusChangedAt: r.application.statusChangedAt,
  },
});
const decidedOut = z.object({ offer: offerOut, application: transitionResultOut });

/** Offers (term sheets): underwriters price and issue; the borrower accepts (typed-name signature) or declines. */
export const offersRouter = router({
  /** The offer's payment and APR for these numbers, without issuing it. */
  preview: lenderProcedure('underwriter')
    .input(previewOfferInput)
    .output(
      estimateOut.extend({
        originationPoints: z.string(),
        originationFee: z.string(),
        amortization: z.string(),
      }),
    )
    .query(({ ctx, input }) => previewOffer(ctx.db, ctx.access, input)),
  /** Issues an offer (superseding the pending one): in_review/offered → offered. */
  issue: lenderProcedure('underwriter')
    .input(issueOfferInput)
    .output(z.object({ offer: offerOut, applicationVersion: z.number() }))
    .mutation(({ ctx, input }) => issueOffer(ctx.db, ctx.access, input, ctx.services.invitations)),
  list: lenderProcedure('viewer')
    .input(offersOfApplicationInput)
    .output(z.object({ offers: z.array(offerOut) }))
    .query(({ ctx, input }) => listOffers(ctx.db, ctx.access, input.applicationId)),
  mine: borrowerProcedure
    .input(offersOfApplicationInput)
    .output(z.object({ offers: z.array(offerOut) }))
    .query(({ ctx, input }) => listOffers(ctx.db, ctx.access, input.applicationId)),
  /** offered → accepted: the typed name must be the applicant's full name. */
  accept: borrowerProcedure
    .input(acceptOfferInput)
    .output(decidedOut)
    .mutation(async ({ ctx, input }) => {
      const accepted = await acceptOffer(ctx.db, ctx.access, input, ctx.services.invitations);
      await afterOfferAccepted(ctx.db, accepted);
      return decided(accepted);
    }),
  /** offered → in_review: the lender may offer again or decline. */
  decline: borrowerProcedure
    .input(declineOfferInput)
    .output(decidedOut)
    .mutation(async ({ ctx, input }) =>
      decided(await declineOffer(ctx.db, ctx.access, input, ctx.services.invitations)),
    ),
});
