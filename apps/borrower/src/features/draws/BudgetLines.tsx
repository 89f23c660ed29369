import type { RouterOutputs } from '@lending/core/router';
import { formatMoney, useIsPhone } from '@lending/ui';
import { Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';

type Budget = RouterOutputs['draws']['mine']['budget'];

/** The draw budget: one row per line (a card per line on a phone) and the totals. */
export function BudgetLines({ budget }: { budget: Budget }) {
  const isPhone = useIsPhone();
  return (
    <Stack gap="xs">
      <Group gap="lg" wrap="wrap" aria-label="Draw budget totals">
        <Text size="sm">
          Held back for draws <b>{formatMoney(budget.holdback)}</b>
        </Text>
        <Text size="sm">
          Disbursed <b>{formatMoney(budget.drawn)}</b>
        </Text>
      </Group>
      {isPhone ? (
        <Stack gap="xs" aria-label="Budget lines">
          {budget.lines.map((l) => (
            <Card key={l.id} withBorder padding="xs" aria-label={l.name}>
              <Text fw={600} size="sm">
                {l.name}
              </Text>
              <SimpleGrid cols={2} spacing={2}>
                <Text size="xs">Budget {formatMoney(l.budget)}</Text>
                <Text size="xs">Approved {formatMoney(l.approved)}</Text>
                <Text size="xs">Disbursed {formatMoney(l.disbursed)}</Text>
                <Text size="xs" fw={600}>
                  Remaining {formatMoney(l.remaining)}
                </Text>
              </SimpleGrid>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped aria-label="Budget lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th ta="right">Budget</Table.Th>
                <Table.Th ta="right">Approved</Table.Th>
                <Table.Th ta="right">Disbursed</Table.Th>
                <Table.Th ta="right">Remaining</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {budget.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td ta="right">{formatMoney(l.budget)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(l.approved)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(l.disbursed)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(l.remaining)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
