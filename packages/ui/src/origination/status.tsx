import { Badge, type BadgeProps } from '@mantine/core';

type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'offered'
  | 'accepted'
  | 'approved'
  | 'funded'
  | 'declined'
  | 'withdrawn';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  in_review: 'In review',
  offered: 'Offered',
  accepted: 'Accepted',
  approved: 'Approved',
  funded: 'Funded',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

const COLORS: Record<ApplicationStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_review: 'indigo',
  offered: 'violet',
  accepted: 'grape',
  approved: 'teal',
  funded: 'green',
  declined: 'red',
  withdrawn: 'gray',
};

export function applicationStatusLabel(status: string): string {
  return APPLICATION_STATUS_LABELS[status as ApplicationStatus] ?? status;
}

/** An application's status as a coloured badge. */
export function ApplicationStatusBadge({ status, ...props }: { status: string } & Omit<BadgeProps, 'color'>) {
  return (
    <Badge variant="light" color={COLORS[status as ApplicationStatus] ?? 'gray'} {...props}>
      {applicationStatusLabel(status)}
    </Badge>
  );
}

/** "single_family" → "Single family"; "multi_family_2_4" → "Multi family 2 4" unless labelled. */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
