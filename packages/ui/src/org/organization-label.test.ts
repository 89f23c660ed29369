import { describe, expect, test } from 'vitest';
import { organizationHint, organizationLabel } from './organization-label.ts';

const org = (id: string, name: string, slug: string, city: string | null = null) => ({
  organizationId: id,
  organizationName: name,
  organizationSlug: slug,
  organizationCity: city,
});

describe('organizations of the same name', () => {
  test('a unique name needs no hint', () => {
    const all = [org('1', 'Acme Lending', 'acme-lending'), org('2', 'Harbor Capital', 'harbor-capital')];
    expect(organizationHint(all[0]!, all)).toBeNull();
    expect(organizationLabel(all[0]!, all)).toBe('Acme Lending');
  });

  test('namesakes are told apart by city, else by link name', () => {
    const all = [
      org('1', 'Acme Lending', 'acme-lending', 'Austin'),
      org('2', 'acme lending ', 'acme-lending-k3m9xq', 'Boston'),
      org('3', 'Acme Lending', 'acme-lending-p2r7tw', 'austin'),
      org('4', 'Acme Lending', 'acme-lending-zz22aa'),
    ];
    expect(organizationLabel(all[1]!, all)).toBe('acme lending  (Boston)');
    // Austin twice: the city does not tell them apart, the link name does.
    expect(organizationHint(all[0]!, all)).toBe('acme-lending');
    expect(organizationHint(all[2]!, all)).toBe('acme-lending-p2r7tw');
    expect(organizationHint(all[3]!, all)).toBe('acme-lending-zz22aa');
  });
});
