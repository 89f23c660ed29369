import { describe, expect, test } from 'vitest';
import { safeRedirect, signInPath } from './redirect.ts';

describe('safeRedirect', () => {
  test('accepts paths of this portal', () => {
    expect(safeRedirect('/team')).toBe('/team');
    expect(safeRedirect('/apply/demo-lending?x=1')).toBe('/apply/demo-lending?x=1');
  });

  test('refuses other sites, protocol-relative URLs and the sign-in page itself', () => {
    for (const value of [
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      '/sign-in',
      '/sign-in?redirect=/x',
      '',
      null,
      undefined,
    ]) {
      expect(safeRedirect(value)).toBe('/');
    }
  });
});

test('signInPath keeps where the person was going', () => {
  expect(signInPath('/')).toBe('/sign-in');
  expect(signInPath('/apply/demo-lending')).toBe('/sign-in?redirect=%2Fapply%2Fdemo-lending');
});
