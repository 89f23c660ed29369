import {
  ApplicationStatusBadge,
  formatMoney,
  humanize,
  PageHeader,
  QueryFallback,
  StatusTimeline,
  useTRPC,
} from '@lending/ui';
import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApplicationWizard } from './ApplicationWizard.tsx';
import { BorrowerMessages } from './BorrowerMessages.tsx';
import { DocumentChecklist } from './DocumentChecklist.tsx';
import { OfferCard } from './OfferCard.tsx';
import type { Draft } from './wizard-fields.ts';

const STATUS_TEXT: Record<string, string> = {
  draft: 'Not submitted yet.',
  submitted: 'Submitted. The lender will start the review soon.',
  in_review: 'The lender is reviewing your application.',
  offered: 'You have an offer: review it below.',
  accepted: 'You accepted the offer. The lender is preparing the approval.',
  approved: 'Approved. The loan is being funded.',
  funded: 'Funded. Your loan is active.',
  declined: 'The lender declined this application.',
  withdrawn: 'You withdrew this application.',
};

/** `/applications/:applicationId`: the wizard while a draft, then the status, offer, documents and messages. */
export default function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const trpc = useTRPC();
  const application = useQuery(trpc.applications.myApplication.queryOptions({ applicationId }));
  const a = application.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/applications" size="sm">
        ← Applications
      </Anchor>
      {!a ? (
        <>
          <PageHeader title="Application" />
          <QueryFallback query={application} noun="application" />
        </>
      ) : a.status === 'draft' ? (
        <>
          <PageHeader
            title={`Application ${a.reference}`}
            description="Tell us about the loan, yourself and the property."
          />
          <ApplicationWizard key={a.id} draft={a} />
        </>
      ) : (
        <StatusView application={a} />
      )}
    </Stack>
  );
}

function signerName(a: Draft): string {
  return [a.firstName, a.lastName].filter(Boolean).join(' ');
}

function StatusView({ application: a }: { application: Draft }) {
  const trpc = useTRPC();
  const offers = useQuery(trpc.offers.mine.queryOptions({ applicationId: a.id }));
  const sorted = [...(offers.data?.offers ?? [])].sort((x, y) => y.issuedAt.localeCompare(x.issuedAt));
  const current = sorted.find((o) => o.status === 'pending') ?? sorted.find((o) => o.status === 'accepted');
  const open = !['funded', 'declined', 'withdrawn'].includes(a.status);
  const property = [a.propertyAddressLine1, a.propertyCity, a.propertyRegion].filter(Boolean).join(', ');
  return (
    <>
      <PageHeader
        title={`Application ${a.reference}`}
        description={`${formatMoney(a.requestedAmount)}${a.product ? ` · ${a.product.name}` : ''}${property ? ` · ${property}` : ''}`}
      />
      <Card withBorder padding="lg" component="section" aria-labelledby="status-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="status-title">
            Status
          </Title>
          <ApplicationStatusBadge status={a.status} size="lg" />
        </Group>
        <Text size="sm">{STATUS_TEXT[a.status] ?? humanize(a.status)}</Text>
        {a.closingReason && (
          <Alert color={a.status === 'declined' ? 'red' : 'gray'} mt="sm" title="Reason">
            {a.closingReason}
          </Alert>
        )}
        {a.loanId && (
          <Button component={Link} to={`/loans/${a.loanId}`} mt="sm">
            See your loan
          </Button>
        )}
      </Card>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {current && <OfferCard offer={current} signerName={signerName(a)} />}
            <DocumentChecklist applicationId={a.id} canUpload={open} />
            {a.conditions.length > 0 && (
              <Card withBorder padding="lg" component="section" aria-labelledby="conditions-title">
                <Title order={2} size="h4" id="conditions-title" mb="xs">
                  Conditions
                </Title>
                <Text size="sm" c="dimmed" mb="xs">
                  What the lender needs cleared before approval.
                </Text>
                <Stack gap={4}>
                  {a.conditions.map((c) => (
                    <Group key={c.id} justify="space-between" wrap="nowrap">
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {c.title}
                      </Text>
                      <Badge
                        variant="light"
                        color={c.status === 'open' ? 'orange' : 'teal'}
                        style={{ flexShrink: 0 }}
                      >
                        {humanize(c.status)}
                      </Badge>
                    </Group>
                  ))}
                </Stack>
              </Card>
            )}
            <BorrowerMessages applicationId={a.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="lg" component="section" aria-labelledby="timeline-title">
            <Title order={2} size="h4" id="timeline-title" mb="sm">
              Timeline
            </Title>
            <StatusTimeline entries={a.timeline} viewer="borrower" />
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
