/** Products: versioned edits (applications keep their version), archive, bounds checked in the inputs. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { makeApplication, makeBorrower, makeOrganization, productSettings } from '../testing/factories.ts';
import { createTestCaller, createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { productSettingsInput } from './products.inputs.ts';
import { createProduct, getProduct, listProducts, setProductArchived, updateProduct } from './products.ts';

let database: TestDatabase;
let db: TestDatabase['db'];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.close());

describe('products', () => {
  it('an edit makes a new version; an application keeps the one it started with', async () => {
    const org = await makeOrganization(db);
    const actor = { organizationId: org.id, userId: org.admin.userId };
    const product = await createProduct(db, actor, productSettings());
    const borrower = await makeBorrower(db, org);
    const { application } = await makeApplication(db, org, borrower, {
      stage: 'submitted',
      productId: product.id,
    });
    const edited = await updateProduct(
      db,
      actor,
      product.id,
      productSettings({ name: 'Bridge 12 (2027)', maxAmount: '3000000.00' }),
    );
    expect(edited.currentVersion).toBe(2);
    expect(edited.settings.maxAmount).toBe('3000000.00');
    const [after] = await db
      .select()
      .from(schema.applications)
      .where(eq(schema.applications.id, application.id));
    expect(after!.productVersionId).toBe(product.settings.id);
    const full = await getProduct(db, org.id, product.id);
    expect(full.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(full.versions[1]!.maxAmount).toBe('2000000.00');
  });

  it('archived products are not offered to borrowers, and can be restored', async () => {
    const org = await makeOrganization(db);
    const actor = { organizationId: org.id, userId: org.admin.userId };
    const product = await createProduct(db, actor, productSettings({ name: 'Old product' }));
    await setProductArchived(db, actor, product.id, true);
    expect(await listProducts(db, org.id, { status: 'active' })).toHaveLength(0);
    const borrower = await makeBorrower(db, org);
    const asBorrower = createTestCaller(db, borrower, org);
    expect((await asBorrower.products.available()).products).toHaveLength(0);
    await expect(asBorrower.applications.start({ productId: product.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await setProductArchived(db, actor, product.id, false);
    expect((await asBorrower.products.available()).products).toHaveLength(1);
  });

  it('bounds must agree, and document keys be unique', () => {
    const bad = productSettingsInput.safeParse({
      ...productSettings(),
      minAmount: '500000',
      maxAmount: '100000',
      baseRatePercent: '20',
      requiredDocuments: [
        { key: 'id', label: 'ID' },
        { key: 'id', label: 'ID again' },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toMatch(/largest amount must not be below the smallest/);
    expect(messages).toMatch(/usual rate must lie between/);
    expect(messages).toMatch(/used twice/);
  });

  it('another organization’s admin cannot read or edit it (404)', async () => {
    const org = await makeOrganization(db);
    const other = await makeOrganization(db);
    const product = await createProduct(
      db,
      { organizationId: org.id, userId: org.admin.userId },
      productSettings(),
    );
    const asOther = createTestCaller(db, other.admin, other);
    await expect(asOther.products.get({ productId: product.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      asOther.products.update({ productId: product.id, settings: productSettings() }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(asOther.products.archive({ productId: product.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
