import {
  downloadWithAuth,
  LoanDetailView,
  notifyError,
  PageHeader,
  QueryFallback,
  useApiHeaders,
  useTRPC,
} from '@lending/ui';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DrawsLink } from '../draws/DrawsLink.tsx';

/** `/loans/:loanId`: the funded loan, its schedule, what is owed next, and the signed term sheet. */
export default function LoanPage() {
  const { loanId = '' } = useParams();
  const trpc = useTRPC();
  const loan = useQuery(trpc.loans.myLoan.queryOptions({ loanId }));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/loans" size="sm">
        ← Loans
      </Anchor>
      {loan.data ? (
        <>
          <PageHeader title={`Loan ${loan.data.reference}`} />
          <DrawsLink loanId={loanId} />
          <LoanDetailView loan={loan.data} extra={<TermSheet applicationId={loan.data.applicationId} />} />
        </>
      ) : (
        <>
          <PageHeader title="Loan" />
          <QueryFallback query={loan} noun="loan" />
        </>
      )}
    </Stack>
  );
}

function TermSheet({ applicationId }: { applicationId: string }) {
  const trpc = useTRPC();
  const headers = useApiHeaders();
  const [busy, setBusy] = useState(false);
  const documents = useQuery(trpc.borrowerDocuments.list.queryOptions({ applicationId }));
  const sheet = documents.data?.documents
    .filter((d) => d.kind === 'term_sheet')
    .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))[0];
  return (
    <Group mt="md" gap="sm">
      {sheet ? (
        <Button
          variant="light"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await downloadWithAuth(sheet.downloadPath, await headers(), sheet.fileName);
            } catch (e) {
              notifyError(e, 'Could not download the term sheet');
            } finally {
              setBusy(false);
            }
          }}
        >
          Download the signed term sheet
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          {documents.isPending
            ? 'Looking for the signed term sheet…'
            : 'The signed term sheet is not available yet.'}
        </Text>
      )}
      <Anchor component={Link} to={`/applications/${applicationId}`} size="sm">
        The application
      </Anchor>
    </Group>
  );
}
