import { LoanDetailView, PageHeader, QueryFallback, useTRPC } from '@lending/ui';
import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';

/** `/loans/:loanId`: a funded loan's terms, schedule and ledger. */
export default function LoanPage() {
  const { loanId = '' } = useParams();
  const trpc = useTRPC();
  const loan = useQuery(trpc.loans.get.queryOptions({ loanId }));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/loans" size="sm">
        ← Loans
      </Anchor>
      {loan.data ? (
        <>
          <PageHeader title={`Loan ${loan.data.reference}`} />
          <Anchor component={Link} to={`/pipeline/${loan.data.applicationId}`} size="sm">
            Open its application
          </Anchor>
          <LoanDetailView loan={loan.data} />
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
