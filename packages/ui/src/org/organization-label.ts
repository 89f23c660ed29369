/** What tells an organization apart from others the person sees under the same name. */
interface OrganizationLike {
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  organizationCity?: string | null;
}

function sameName(a: string, b: string): boolean {
  return a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'base' }) === 0;
}

/**
 * Null when the name alone is unambiguous among `all`. Otherwise the city, when it differs from
 * every namesake's, else the link name (slug), which is unique by construction.
 */
export function organizationHint(
  organization: OrganizationLike,
  all: readonly OrganizationLike[],
): string | null {
  const namesakes = all.filter(
    (other) =>
      other.organizationId !== organization.organizationId &&
      sameName(other.organizationName, organization.organizationName),
  );
  if (namesakes.length === 0) return null;
  const city = organization.organizationCity?.trim();
  if (
    city &&
    namesakes.every((other) => !other.organizationCity || !sameName(other.organizationCity, city))
  ) {
    return city;
  }
  return organization.organizationSlug;
}

/** "Acme Lending (Austin)" where a namesake exists, else just the name. */
export function organizationLabel(organization: OrganizationLike, all: readonly OrganizationLike[]): string {
  const hint = organizationHint(organization, all);
  return hint ? `${organization.organizationName} (${hint})` : organization.organizationName;
}
