import { declineApplicationInput, fundLoanInput, REASON_MAX_LENGTH } from '@lending/core/inputs';
import {
  ApplicationStatusBadge,
  applyFieldErrors,
  errorCode,
  formatError,
  formatMoney,
  humanize,
  notifyError,
  notifySuccess,
  PageHeader,
  QueryFallback,
  StatusTimeline,
  TruncatedText,
  useActiveOrganization,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConditionsPanel } from './ConditionsPanel.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { OfferPanel } from './OfferPanel.tsx';
import { useStaffOptions } from './staff.ts';
import { MessagesPanel, NotesPanel } from './ThreadPanels.tsx';
import { UnderwritingPanel } from './UnderwritingPanel.tsx';
import type { Workspace } from './workspace-types.ts';

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `/pipeline/:applicationId`: everything about one application, and what can be done next. */
export default function WorkspacePage() {
  const { applicationId = '' } = useParams();
  const trpc = useTRPC();
  const workspace = useQuery(trpc.applications.workspace.queryOptions({ applicationId }));
  if (!workspace.data) {
    return (
      <Stack gap="lg">
        <Anchor component={Link} to="/pipeline" size="sm">
          ← Pipeline
        </Anchor>
        <PageHeader title="Application" />
        <QueryFallback query={workspace} noun="application" />
      </Stack>
    );
  }
  return <WorkspaceView workspace={workspace.data} />;
}

function applicantName(w: Workspace): string {
  if (w.applicantKind === 'entity' && w.entityName) return w.entityName;
  const name = [w.firstName, w.lastName].filter(Boolean).join(' ');
  return name || w.borrower.name || w.borrower.email || 'Unnamed borrower';
}

function WorkspaceView({ workspace: w }: { workspace: Workspace }) {
  const active = useActiveOrganization();
  const canAct = active.role === 'admin' || active.role === 'underwriter';
  const name = applicantName(w);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/pipeline" size="sm">
        ← Pipeline
      </Anchor>
      <PageHeader
        title={`${w.reference} · ${name}`}
        documentTitle={`${w.reference} · ${name}`}
        description={`${formatMoney(w.requestedAmount)}${w.product ? ` · ${w.product.name} (v${w.product.version})` : ''}`}
        actions={<Actions workspace={w} />}
      />
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Status
        </Text>
        <ApplicationStatusBadge status={w.status} />
      </Group>
      {w.closingReason && (
        <Alert color={w.status === 'declined' ? 'red' : 'gray'} title={`${humanize(w.status)}: the reason`}>
          {w.closingReason}
        </Alert>
      )}
      {w.loanId && (
        <Alert color="green" title="Funded">
          This application became a loan.{' '}
          <Anchor component={Link} to={`/loans/${w.loanId}`}>
            Open the loan
          </Anchor>
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <UnderwritingPanel workspace={w} />
            <OfferPanel workspace={w} canIssue={canAct} />
            <DocumentsPanel applicationId={w.id} canReview={canAct} />
            <ConditionsPanel
              workspace={w}
              canEdit={canAct && !['funded', 'declined', 'withdrawn'].includes(w.status)}
            />
            <MessagesPanel workspace={w} canWrite={canAct} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <AssignmentPanel workspace={w} canAssign={canAct} />
            <DetailsPanel workspace={w} />
            <Card withBorder padding="lg" component="section" aria-labelledby="history-title">
              <Title order={2} size="h4" id="history-title" mb="sm">
                History
              </Title>
              <StatusTimeline entries={w.timeline} viewer="lender" />
            </Card>
            <NotesPanel workspace={w} canWrite={canAct} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children ?? '—'}
      </Text>
    </div>
  );
}

function DetailsPanel({ workspace: w }: { workspace: Workspace }) {
  const address = [w.propertyAddressLine1, w.propertyAddressLine2].filter(Boolean).join(', ');
  const place = [w.propertyCity, w.propertyRegion, w.propertyPostalCode].filter(Boolean).join(', ');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="details-title">
      <Title order={2} size="h4" id="details-title" mb="sm">
        Borrower and property
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="xs">
          <Field label="Applicant">{w.applicantKind ? humanize(w.applicantKind) : null}</Field>
          <Field label="Name">{applicantName(w)}</Field>
          {w.applicantKind === 'entity' && (
            <Field label="Entity type">{w.entityType ? humanize(w.entityType) : null}</Field>
          )}
          {w.applicantKind === 'entity' && (
            <Field label="Signer">{[w.firstName, w.lastName].filter(Boolean).join(' ') || null}</Field>
          )}
          <Field label="Email">{w.email ?? w.borrower.email}</Field>
          <Field label="Phone">{w.phone}</Field>
          <Field label="Tax id">{w.taxIdLast4 ? `•••• ${w.taxIdLast4}` : null}</Field>
          <Field label="Past deals">{w.experienceDeals}</Field>
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="xs">
          <Field label="Property">{address || null}</Field>
          <Field label="City">{place || null}</Field>
          <Field label="Type">{w.propertyType ? humanize(w.propertyType) : null}</Field>
          <Field label="Purpose">{w.loanPurpose ? humanize(w.loanPurpose) : null}</Field>
          <Field label="Purchase price">{formatMoney(w.purchasePrice)}</Field>
          <Field label="As-is value">{formatMoney(w.asIsValue)}</Field>
          <Field label="After-repair value">{formatMoney(w.afterRepairValue)}</Field>
          <Field label="Rehab budget">{formatMoney(w.rehabBudget)}</Field>
          <Field label="Monthly rent">{formatMoney(w.monthlyRent)}</Field>
          <Field label="Monthly expenses">{formatMoney(w.monthlyExpenses)}</Field>
          <Field label="Amount requested">{formatMoney(w.requestedAmount)}</Field>
          <Field label="Term">{w.requestedTermPayments ? `${w.requestedTermPayments} payments` : null}</Field>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function AssignmentPanel({ workspace: w, canAssign }: { workspace: Workspace; canAssign: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const staff = useStaffOptions();
  const assign = useMutation(trpc.applications.assign.mutationOptions());
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="assignee-title">
      <Title order={2} size="h4" id="assignee-title" mb="xs">
        Assignee
      </Title>
      {canAssign ? (
        <Select
          aria-label="Assignee"
          placeholder="Unassigned"
          clearable
          data={staff.options}
          value={w.assignee?.userId ?? null}
          disabled={assign.isPending}
          onChange={async (userId) => {
            try {
              await assign.mutateAsync({ applicationId: w.id, assigneeUserId: userId });
              await queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
              notifySuccess(
                userId
                  ? `Assigned to ${staff.options.find((o) => o.value === userId)?.label ?? 'them'}.`
                  : 'Unassigned.',
              );
            } catch (e) {
              notifyError(e);
            }
          }}
        />
      ) : (
        <TruncatedText size="sm">{w.assignee?.name ?? w.assignee?.email ?? 'Unassigned'}</TruncatedText>
      )}
    </Card>
  );
}

function Actions({ workspace: w }: { workspace: Workspace }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const active = useActiveOrganization();
  const startReview = useMutation(trpc.applications.startReview.mutationOptions());
  const approve = useMutation(trpc.applications.approve.mutationOptions());
  const [declining, setDeclining] = useState(false);
  const [funding, setFunding] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
  const can = (a: Workspace['availableActions'][number]) => w.availableActions.includes(a);
  const run = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      await refresh();
      notifySuccess(message);
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') await refresh();
      notifyError(e);
    }
  };
  const openConditions = w.conditions.filter((c) => c.status === 'open').length;
  return (
    <>
      {can('start_review') && (
        <Button
          loading={startReview.isPending}
          onClick={() =>
            run(
              () => startReview.mutateAsync({ applicationId: w.id, expectedVersion: w.version }),
              'Review started.',
            )
          }
        >
          Start review
        </Button>
      )}
      {can('approve') && (
        <Button
          color="teal"
          loading={approve.isPending}
          disabled={openConditions > 0}
          title={openConditions > 0 ? 'Clear the open conditions first' : undefined}
          onClick={() =>
            run(
              () => approve.mutateAsync({ applicationId: w.id, expectedVersion: w.version }),
              'Application approved.',
            )
          }
        >
          Approve
        </Button>
      )}
      {can('fund') && active.role === 'admin' && (
        <Button color="green" onClick={() => setFunding(true)}>
          Fund
        </Button>
      )}
      {can('decline') && (
        <Button color="red" variant="light" onClick={() => setDeclining(true)}>
          Decline
        </Button>
      )}
      {declining && <DeclineModal workspace={w} onClose={() => setDeclining(false)} />}
      {funding && <FundModal workspace={w} onClose={() => setFunding(false)} />}
    </>
  );
}

type DeclineForm = { applicationId: string; reason: string };

function DeclineModal({ workspace: w, onClose }: { workspace: Workspace; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decline = useMutation(trpc.applications.decline.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<DeclineForm>({
    mode: 'controlled',
    initialValues: { applicationId: w.id, reason: '' },
    validate: zod4Resolver(declineApplicationInput),
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await decline.mutateAsync({ ...values, reason: values.reason.trim(), expectedVersion: w.version });
      await queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
      notifySuccess(`${w.reference} declined. The borrower sees the reason.`);
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title={`Decline ${w.reference}`}>
      <form onSubmit={submit} noValidate aria-label="Decline the application">
        <Stack gap="sm">
          <Textarea
            label="Reason"
            description="The borrower reads it."
            required
            autosize
            minRows={3}
            maxLength={REASON_MAX_LENGTH}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={decline.isPending}>
              Decline application
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type FundForm = { applicationId: string; idempotencyKey: string; fundedOn: string };

/**
 * Funding moves money: one idempotency key per attempt, made when the dialog opens and kept while it
 * is open, so a double click or a retry after a network error sends the same key and funds once.
 */
function FundModal({ workspace: w, onClose }: { workspace: Workspace; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fund = useMutation(trpc.loans.fund.mutationOptions());
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const accepted = w.offers.find((o) => o.status === 'accepted');
  const form = useForm<FundForm>({
    mode: 'controlled',
    initialValues: { applicationId: w.id, idempotencyKey, fundedOn: localToday() },
    validate: zod4Resolver(fundLoanInput),
    validateInputOnBlur: true,
  });
  const submit = form.onSubmit(async (values) => {
    if (fund.isPending) return;
    setError(null);
    try {
      const { loan } = await fund.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.loans.pathKey() });
      notifySuccess(`Funded: loan ${loan.reference} of ${formatMoney(loan.principal)}.`);
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title={`Fund ${w.reference}`}>
      <form onSubmit={submit} noValidate aria-label="Fund the loan">
        <Stack gap="sm">
          <Text size="sm">
            Creates the loan with the accepted offer’s terms
            {accepted ? ` (${formatMoney(accepted.amount)})` : ''}, records the disbursement in the ledger and
            builds the schedule. It happens once, however often this is retried.
          </Text>
          <TextInput type="date" label="Funding date" required {...form.getInputProps('fundedOn')} />
          {error && (
            <Alert color="red" role="alert">
              {error} Trying again is safe: it cannot fund twice.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="green" loading={fund.isPending}>
              {error ? 'Try again' : 'Fund loan'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
