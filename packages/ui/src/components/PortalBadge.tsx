import type { Portal } from '@lending/core/inputs';
import { Badge } from '@mantine/core';

export function PortalBadge({ portal }: { portal: Portal }) {
  return (
    <Badge variant="light" color={portal === 'lender' ? 'brand' : 'grape'}>
      {portal === 'lender' ? 'Lender' : 'Borrower'}
    </Badge>
  );
}
