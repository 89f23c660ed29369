interface PersonLike {
  email: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

export function displayName(person: PersonLike): string {
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ').trim();
  return name || person.email || 'Unnamed user';
}

export function initials(person: PersonLike): string {
  const letters = [person.firstName, person.lastName]
    .filter((part): part is string => Boolean(part))
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
  return letters || (person.email?.[0]?.toUpperCase() ?? '?');
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** An ISO timestamp from the API, for people. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** The calendar day of an ISO timestamp, in the person's time zone. Not for plain dates: see formatPlainDate. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

const plainDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * A plain calendar date ("2026-07-06", e.g. a due date) for people: "Jul 6, 2026". Formatted at
 * UTC midnight in UTC, so the day never shifts with the viewer's time zone.
 */
export function formatPlainDate(date: string | null | undefined): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return plainDate.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** "a viewer", "an underwriter", "an admin": the article follows the sound of the word. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
