import { Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from './states.tsx';

const SKELETON_ROWS = ['row-1', 'row-2', 'row-3', 'row-4', 'row-5', 'row-6'];

/** Rows of grey while a table loads, announced to screen readers. */
export function TableSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label={label} role="status">
      {SKELETON_ROWS.slice(0, rows).map((row) => (
        <Skeleton key={row} height={44} />
      ))}
    </Stack>
  );
}

/** What a panel shows until its query has data: a skeleton, or the error with a retry. */
export function QueryFallback({ query, noun }: { query: UseQueryResult<unknown, unknown>; noun: string }) {
  if (query.isError) {
    return (
      <ErrorState error={query.error} title={`Could not load the ${noun}`} onRetry={() => query.refetch()} />
    );
  }
  return <TableSkeleton label={`Loading ${noun}`} />;
}
