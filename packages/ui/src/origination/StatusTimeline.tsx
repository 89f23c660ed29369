import { Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../people.ts';
import { applicationStatusLabel } from './status.tsx';

export interface TimelineEntry {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  at: string;
  bySide: 'borrower' | 'lender';
  actorName?: string | null;
}

/** An application's status history, oldest first. */
export function StatusTimeline({
  entries,
  viewer,
}: {
  entries: TimelineEntry[];
  viewer: 'borrower' | 'lender';
}) {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline active={sorted.length - 1} bulletSize={14} lineWidth={2} aria-label="Status history">
      {sorted.map((e) => {
        const who =
          e.actorName ??
          (e.bySide === viewer ? 'You' : e.bySide === 'lender' ? 'The lender' : 'The borrower');
        return (
          <Timeline.Item key={e.id} title={applicationStatusLabel(e.toStatus)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at)} · {who}
            </Text>
            {e.reason && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {e.reason}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
