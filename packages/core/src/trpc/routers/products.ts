import { z } from 'zod';
import { productBrief } from '../../applications/applications.ts';
import {
  createProductInput,
  listProductsInput,
  productIdInput,
  updateProductInput,
} from '../../products/products.inputs.ts';
import {
  createProduct,
  getProduct,
  listProducts,
  setProductArchived,
  updateProduct,
} from '../../products/products.ts';
import { productBriefOut, productOut, productVersionOut } from '../origination-outputs.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

/** Loan products: admins write (an edit is a new version), all staff read, borrowers see active ones. */
export const productsRouter = router({
  list: lenderProcedure('viewer')
    .input(listProductsInput)
    .output(z.object({ products: z.array(productOut) }))
    .query(async ({ ctx, input }) => ({
      products: await listProducts(ctx.db, ctx.access.organizationId, input),
    })),
  get: lenderProcedure('viewer')
    .input(productIdInput)
    .output(productOut.extend({ versions: z.array(productVersionOut) }))
    .query(({ ctx, input }) => getProduct(ctx.db, ctx.access.organizationId, input.productId)),
  create: lenderProcedure('admin')
    .input(createProductInput)
    .output(productOut)
    .mutation(({ ctx, input }) => createProduct(ctx.db, ctx.access, input)),
  /** Writes a new version; applications keep the version they started with. */
  update: lenderProcedure('admin')
    .input(updateProductInput)
    .output(productOut)
    .mutation(({ ctx, input }) => updateProduct(ctx.db, ctx.access, input.productId, input.settings)),
  archive: lenderProcedure('admin')
    .input(productIdInput)
    .output(productOut)
    .mutation(({ ctx, input }) => setProductArchived(ctx.db, ctx.access, input.productId, true)),
  restore: lenderProcedure('admin')
    .input(productIdInput)
    .output(productOut)
    .mutation(({ ctx, input }) => setProductArchived(ctx.db, ctx.access, input.productId, false)),
  /** The active products a borrower may apply for, with their usual rate for the live estimate. */
  available: borrowerProcedure
    .output(
      z.object({
        products: z.array(
          productBriefOut.extend({ description: z.string().nullable(), baseRatePercent: z.string() }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const products = await listProducts(ctx.db, ctx.access.organizationId, { status: 'active' });
      return {
        products: products.map((p) => ({
          ...productBrief(p.settings),
          description: p.settings.description,
          baseRatePercent: p.settings.baseRatePercent,
        })),
      };
    }),
});
