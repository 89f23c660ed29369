/**
 * Loan products (lender admin). Settings live in immutable versions: an edit writes version n+1 and
 * moves the product's `current_version`; applications keep the version they started with, so a
 * product in use is never changed under a live application. Archiving stops new applications only.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Actor } from '../access/access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Executor } from '../db/client.ts';
import { loanProducts, loanProductVersions } from '../db/schema/index.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError } from '../errors.ts';
import { DEFAULT_PAYMENT_WATERFALL, type PaymentWaterfall } from './products.constants.ts';
import type { ProductSettings, ProductStatus } from './products.inputs.ts';

export type ProductVersionRow = typeof loanProductVersions.$inferSelect;
export type ProductRow = typeof loanProducts.$inferSelect;

export interface ProductView {
  id: string;
  status: ProductStatus;
  currentVersion: number;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The settings of the current version. */
  settings: ProductVersionRow;
}

export const PRODUCT_NOT_FOUND = 'That loan product was not found.';

function versionValues(
  organizationId: string,
  productId: string,
  version: number,
  s: ProductSettings,
  userId: string,
  previousWaterfall: PaymentWaterfall = DEFAULT_PAYMENT_WATERFALL,
) {
  return {
    organizationId,
    productId,
    version,
    name: s.name,
    kind: s.kind,
    description: s.description ?? null,
    minAmount: s.minAmount,
    maxAmount: s.maxAmount,
    minRatePercent: s.minRatePercent,
    maxRatePercent: s.maxRatePercent,
    baseRatePercent: s.baseRatePercent,
    minTermPayments: s.minTermPayments,
    maxTermPayments: s.maxTermPayments,
    originationPoints: s.originationPoints,
    originationFee: s.originationFee,
    lateFeePercent: s.lateFeePercent,
    lateFeeMinimum: s.lateFeeMinimum ?? null,
    lateFeeMaximum: s.lateFeeMaximum ?? null,
    lateFeeGraceDays: s.lateFeeGraceDays,
    defaultRatePercent: s.defaultRatePercent,
    drawInterestBasis: s.drawInterestBasis,
    maxLtvPercent: s.maxLtvPercent ?? null,
    maxLtcPercent: s.maxLtcPercent ?? null,
    maxArvLtvPercent: s.maxArvLtvPercent ?? null,
    minDscr: s.minDscr ?? null,
    engineSettings: s.engineSettings,
    paymentWaterfall: s.paymentWaterfall ?? previousWaterfall,
    requiredDocuments: s.requiredDocuments,
    createdBy: userId,
  } satisfies typeof loanProductVersions.$inferInsert;
}

export async function createProduct(
  db: Executor,
  actor: Actor,
  settings: ProductSettings,
): Promise<ProductView> {
  return inTransaction(db, async (tx) => {
    const [product] = await tx
      .insert(loanProducts)
      .values({
        organizationId: actor.organizationId,
        name: settings.name,
        kind: settings.kind,
        createdBy: actor.userId,
      })
      .returning();
    const [version] = await tx
      .insert(loanProductVersions)
      .values(versionValues(actor.organizationId, product!.id, 1, settings, actor.userId))
      .returning();
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'product.created',
      entityType: 'loan_product',
      entityId: product!.id,
      after: version,
    });
    return toView(product!, version!);
  });
}

/** An edit: a new version (the old one stays, with every application that started on it). */
export async function updateProduct(
  db: Executor,
  actor: Actor,
  productId: string,
  settings: ProductSettings,
): Promise<ProductView> {
  return inTransaction(db, async (tx) => {
    // Locked: two concurrent edits make versions n+1 and n+2, never two n+1.
    const [product] = await tx
      .select()
      .from(loanProducts)
      .where(and(eq(loanProducts.id, productId), eq(loanProducts.organizationId, actor.organizationId)))
      .for('update');
    if (!product) throw new DomainError('NOT_FOUND', PRODUCT_NOT_FOUND);
    if (product.status === 'archived')
      throw new DomainError('CONFLICT', 'This product is archived: restore it before editing it.');
    const before = await currentVersionOf(tx, product);
    const nextVersion = product.currentVersion + 1;
    const [version] = await tx
      .insert(loanProductVersions)
      .values(
        versionValues(
          actor.organizationId,
          product.id,
          nextVersion,
          settings,
          actor.userId,
          before.paymentWaterfall,
        ),
      )
      .returning();
    const [updated] = await tx
      .update(loanProducts)
      .set({ name: settings.name, kind: settings.kind, currentVersion: nextVersion, updatedAt: new Date() })
      .where(eq(loanProducts.id, product.id))
      .returning();
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: 'product.versioned',
      entityType: 'loan_product',
      entityId: product.id,
      before,
      after: version,
    });
    return toView(updated!, version!);
  });
}

export async function setProductArchived(
  db: Executor,
  actor: Actor,
  productId: string,
  archived: boolean,
): Promise<ProductView> {
  return inTransaction(db, async (tx) => {
    const [product] = await tx
      .update(loanProducts)
      .set({
        status: archived ? 'archived' : 'active',
        archivedAt: archived ? new Date() : null,
        updatedAt: new Date(),
      })
      .where(and(eq(loanProducts.id, productId), eq(loanProducts.organizationId, actor.organizationId)))
      .returning();
    if (!product) throw new DomainError('NOT_FOUND', PRODUCT_NOT_FOUND);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: archived ? 'product.archived' : 'product.restored',
      entityType: 'loan_product',
      entityId: product.id,
    });
    return toView(product, await currentVersionOf(tx, product));
  });
}

async function currentVersionOf(db: Executor, product: ProductRow): Promise<ProductVersionRow> {
  const [version] = await db
    .select()
    .from(loanProductVersions)
    .where(
      and(
        eq(loanProductVersions.productId, product.id),
        eq(loanProductVersions.version, product.currentVersion),
      ),
    );
  if (!version) throw new Error(`product ${product.id} has no version ${product.currentVersion}`);
  return version;
}

function toView(product: ProductRow, version: ProductVersionRow): ProductView {
  return {
    id: product.id,
    status: product.status,
    currentVersion: product.currentVersion,
    archivedAt: product.archivedAt,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    settings: version,
  };
}

/** The organization's products with their current settings (archived ones only when asked). */
export async function listProducts(
  db: Executor,
  organizationId: string,
  filter: { status?: ProductStatus | undefined } = {},
): Promise<ProductView[]> {
  const conditions = [eq(loanProducts.organizationId, organizationId)];
  if (filter.status) conditions.push(eq(loanProducts.status, filter.status));
  const rows = await db
    .select({ product: loanProducts, version: loanProductVersions })
    .from(loanProducts)
    .innerJoin(
      loanProductVersions,
      and(
        eq(loanProductVersions.productId, loanProducts.id),
        eq(loanProductVersions.version, loanProducts.currentVersion),
      ),
    )
    .where(and(...conditions))
    .orderBy(asc(loanProducts.status), asc(loanProducts.name), asc(loanProducts.id));
  return rows.map((r) => toView(r.product, r.version));
}

export async function getProduct(
  db: Executor,
  organizationId: string,
  productId: string,
): Promise<ProductView & { versions: ProductVersionRow[] }> {
  const [product] = await db
    .select()
    .from(loanProducts)
    .where(and(eq(loanProducts.id, productId), eq(loanProducts.organizationId, organizationId)));
  if (!product) throw new DomainError('NOT_FOUND', PRODUCT_NOT_FOUND);
  const versions = await db
    .select()
    .from(loanProductVersions)
    .where(
      and(
        eq(loanProductVersions.productId, product.id),
        eq(loanProductVersions.organizationId, organizationId),
      ),
    )
    .orderBy(desc(loanProductVersions.version));
  const current = versions.find((v) => v.version === product.currentVersion)!;
  return { ...toView(product, current), versions };
}

/** The current version of an active product: what a new application starts on. */
export async function activeProductVersion(
  db: Executor,
  organizationId: string,
  productId: string,
): Promise<ProductVersionRow> {
  const [row] = await db
    .select({ version: loanProductVersions })
    .from(loanProducts)
    .innerJoin(
      loanProductVersions,
      and(
        eq(loanProductVersions.productId, loanProducts.id),
        eq(loanProductVersions.version, loanProducts.currentVersion),
      ),
    )
    .where(
      and(
        eq(loanProducts.id, productId),
        eq(loanProducts.organizationId, organizationId),
        eq(loanProducts.status, 'active'),
      ),
    );
  if (!row) throw new DomainError('NOT_FOUND', 'That loan product was not found or is no longer offered.');
  return row.version;
}

/** A product version by id, within the organization. */
export async function productVersionById(
  db: Executor,
  organizationId: string,
  versionId: string,
): Promise<ProductVersionRow> {
  const [row] = await db
    .select()
    .from(loanProductVersions)
    .where(
      and(eq(loanProductVersions.id, versionId), eq(loanProductVersions.organizationId, organizationId)),
    );
  if (!row) throw new Error(`product version ${versionId} not found`);
  return row;
}
