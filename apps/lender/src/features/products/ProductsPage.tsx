import type { RouterOutputs } from '@lending/core/router';
import {
  EmptyState,
  formatDate,
  formatMoneyShort,
  formatPercent,
  humanize,
  notifyError,
  notifySuccess,
  PageHeader,
  QueryFallback,
  TruncatedText,
  useActiveOrganization,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';

type Product = RouterOutputs['products']['list']['products'][number];

/** `/products`: the organization's loan products; admins create, edit (a new version) and archive. */
export default function ProductsPage() {
  const trpc = useTRPC();
  const active = useActiveOrganization();
  const isAdmin = active.role === 'admin';
  const isPhone = useIsPhone();
  const [status, setStatus] = useState<'active' | 'archived'>('active');
  const products = useQuery(trpc.products.list.queryOptions({ status }));

  return (
    <Stack gap="lg">
      <PageHeader
        title="Products"
        description="Loan products borrowers apply for: bounds, pricing, repayment, limits and required documents."
        actions={
          isAdmin && (
            <Button component={Link} to="/products/new">
              New product
            </Button>
          )
        }
      />
      <SegmentedControl
        aria-label="Show products"
        value={status}
        onChange={(v) => setStatus(v as 'active' | 'archived')}
        data={[
          { value: 'active', label: 'Active' },
          { value: 'archived', label: 'Archived' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {!products.data ? (
        <QueryFallback query={products} noun="products" />
      ) : products.data.products.length === 0 ? (
        <EmptyState
          title={status === 'active' ? 'No products yet' : 'No archived products'}
          action={
            isAdmin &&
            status === 'active' && (
              <Button component={Link} to="/products/new">
                Create a product
              </Button>
            )
          }
        >
          {status === 'active'
            ? 'Borrowers choose a product when they apply. Create one with its rates, terms, fees and checklist.'
            : 'Archived products are kept for the applications and loans that use them.'}
        </EmptyState>
      ) : isPhone ? (
        <Stack
          gap="sm"
          component="ul"
          aria-label="Products"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {products.data.products.map((p) => (
            <Card key={p.id} component="li" withBorder padding="md">
              <Group justify="space-between" wrap="nowrap">
                <Text
                  component={Link}
                  to={`/products/${p.id}`}
                  fw={600}
                  truncate
                  style={{ minWidth: 0 }}
                  c="var(--mantine-primary-color-filled)"
                >
                  {p.settings.name}
                </Text>
                <Badge variant="light">{humanize(p.settings.kind)}</Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {formatMoneyShort(p.settings.minAmount)}–{formatMoneyShort(p.settings.maxAmount)} ·{' '}
                {formatPercent(p.settings.minRatePercent)}–{formatPercent(p.settings.maxRatePercent)} ·{' '}
                {p.settings.minTermPayments}–{p.settings.maxTermPayments} payments
              </Text>
              <Text size="xs" c="dimmed">
                Version {p.currentVersion}
              </Text>
              {isAdmin && <ArchiveButton product={p} />}
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Products" layout="fixed" highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="28%">Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Amount</Table.Th>
                <Table.Th>Rate</Table.Th>
                <Table.Th>Term</Table.Th>
                <Table.Th>Version</Table.Th>
                {isAdmin && <Table.Th w={110}>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.data.products.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Link to={`/products/${p.id}`} style={{ color: 'var(--mantine-primary-color-filled)' }}>
                      <TruncatedText size="sm" fw={500}>
                        {p.settings.name}
                      </TruncatedText>
                    </Link>
                  </Table.Td>
                  <Table.Td>{humanize(p.settings.kind)}</Table.Td>
                  <Table.Td>
                    {formatMoneyShort(p.settings.minAmount)}–{formatMoneyShort(p.settings.maxAmount)}
                  </Table.Td>
                  <Table.Td>
                    {formatPercent(p.settings.minRatePercent)}–{formatPercent(p.settings.maxRatePercent)}
                  </Table.Td>
                  <Table.Td>
                    {p.settings.minTermPayments}–{p.settings.maxTermPayments}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">v{p.currentVersion}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDate(p.updatedAt)}
                    </Text>
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      <ArchiveButton product={p} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ArchiveButton({ product }: { product: Product }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const archive = useMutation(trpc.products.archive.mutationOptions());
  const restore = useMutation(trpc.products.restore.mutationOptions());
  const archived = product.status === 'archived';
  const run = async () => {
    try {
      if (archived) await restore.mutateAsync({ productId: product.id });
      else await archive.mutateAsync({ productId: product.id });
      await queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() });
      notifySuccess(
        archived
          ? `${product.settings.name} is active again.`
          : `${product.settings.name} archived: borrowers can no longer choose it.`,
      );
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      color={archived ? undefined : 'red'}
      loading={archive.isPending || restore.isPending}
      onClick={run}
      aria-label={`${archived ? 'Restore' : 'Archive'} ${product.settings.name}`}
    >
      {archived ? 'Restore' : 'Archive'}
    </Button>
  );
}
