import { describe, expect, test } from 'vitest';
import { pageTitle } from './page-title.ts';

describe('pageTitle', () => {
  test('page · organization — portal', () => {
    expect(pageTitle({ page: 'Team', organization: 'Acme Lending', portal: 'lender' })).toBe(
      'Team · Acme Lending — Lender portal',
    );
  });
  test('without an organization or a page', () => {
    expect(pageTitle({ page: 'Sign in', portal: 'borrower' })).toBe('Sign in — Borrower portal');
    expect(pageTitle({ portal: 'lender' })).toBe('Lending OS — Lender portal');
  });
});
