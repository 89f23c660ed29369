import { productSettingsInput } from '@lending/core/inputs';
import { describe, expect, it } from 'vitest';
import { NEW_PRODUCT, toProductForm, toProductInput, WATERFALL_ORDERS } from './ProductForm.tsx';

describe('product form: payment waterfall', () => {
  it('sends the standard waterfall for a new product, valid by the API schema', () => {
    const input = toProductInput({ ...NEW_PRODUCT, name: 'Bridge' });
    expect(input.paymentWaterfall).toEqual({
      order: ['penalties', 'fees', 'interest', 'principal'],
      by: 'installment',
    });
    expect(productSettingsInput.safeParse(input).success).toBe(true);
  });

  it('every offered order is one the API accepts', () => {
    for (const order of Object.keys(WATERFALL_ORDERS)) {
      const input = toProductInput({
        ...NEW_PRODUCT,
        name: 'Bridge',
        waterfallOrder: order,
        waterfallBy: 'component',
      });
      const parsed = productSettingsInput.safeParse(input);
      expect(parsed.success, order).toBe(true);
    }
  });

  it('a stored custom order round-trips unchanged (the form never resets it)', () => {
    const stored = {
      ...toProductInput({ ...NEW_PRODUCT, name: 'Bridge' }),
      paymentWaterfall: { order: ['principal', 'interest', 'fees', 'penalties'], by: 'component' },
    } as unknown as Parameters<typeof toProductForm>[0];
    const form = toProductForm(stored);
    expect(form.waterfallOrder).toBe('principal,interest,fees,penalties');
    expect(toProductInput(form).paymentWaterfall).toEqual({
      order: ['principal', 'interest', 'fees', 'penalties'],
      by: 'component',
    });
  });
});
