import { EmptyState, PageHeader, useActiveOrganization } from '@lending/ui';
import { Alert, Stack } from '@mantine/core';
import { PeopleDirectory } from '../team/PeopleDirectory.tsx';

/** `/borrowers`: the people with borrower access to this organization; admins turn access off and on. */
export default function BorrowersPage() {
  const active = useActiveOrganization();
  const isAdmin = active.role === 'admin';
  return (
    <Stack gap="lg">
      <PageHeader
        title="Borrowers"
        description={`People connected to ${active.organizationName} in the borrower portal: through its apply link or an invitation.`}
      />
      {!isAdmin && (
        <Alert color="blue" variant="light" title="Read only">
          Only admins can deactivate or reactivate a borrower&apos;s access.
        </Alert>
      )}
      <PeopleDirectory
        portal="borrower"
        isAdmin={isAdmin}
        noun="borrower"
        emptyState={
          <EmptyState title="No borrowers yet">
            Borrowers join through your public apply link (on the dashboard) or an invitation from the Team
            page.
          </EmptyState>
        }
      />
    </Stack>
  );
}
