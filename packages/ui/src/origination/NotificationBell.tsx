import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePortalConfig } from '../config.tsx';
import { notifyError } from '../notify.ts';
import { formatDateTime } from '../people.ts';
import { useTRPC } from '../trpc.ts';

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** In-app notifications with the unread count, in the header of either portal. */
export function NotificationBell() {
  const { portal } = usePortalConfig();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const lender = portal === 'lender';
  const countOptions = lender
    ? trpc.notifications.unreadCount.queryOptions()
    : trpc.notifications.myUnreadCount.queryOptions();
  const count = useQuery({ ...countOptions, refetchInterval: 30_000 });
  const listOptions = lender
    ? trpc.notifications.list.queryOptions({ limit: 20 })
    : trpc.notifications.mine.queryOptions({ limit: 20 });
  const list = useQuery({ ...listOptions, enabled: opened });
  const markRead = useMutation(
    lender
      ? trpc.notifications.markRead.mutationOptions()
      : trpc.notifications.markMineRead.mutationOptions(),
  );
  const unread = count.data?.unreadCount ?? 0;

  const mark = async (ids?: string[]) => {
    try {
      await markRead.mutateAsync(ids ? { ids } : {});
      await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
    } catch (e) {
      notifyError(e);
    }
  };

  const open = (n: {
    id: string;
    applicationId: string | null;
    loanId: string | null;
    readAt: string | null;
  }) => {
    if (!n.readAt) void mark([n.id]);
    setOpened(false);
    // A borrower's loan notifications are about servicing (payments, payoff, draws, fees), which
    // the borrower portal shows on the loan's payments page; lenders have one workspace per loan.
    if (n.loanId) navigate(lender ? `/loans/${n.loanId}` : `/payments/${n.loanId}`);
    else if (n.applicationId)
      navigate(lender ? `/pipeline/${n.applicationId}` : `/applications/${n.applicationId}`);
  };

  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={16}
          disabled={unread === 0}
          color="red"
          offset={4}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            onClick={() => setOpened((o) => !o)}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs" aria-label="Notifications">
        <Group justify="space-between" mb="xs" px={4}>
          <Text fw={600} size="sm">
            Notifications
          </Text>
          {unread > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => void mark()}
              loading={markRead.isPending}
            >
              Mark all read
            </Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={360}>
          {list.isPending ? (
            <Text size="sm" c="dimmed" p="xs" role="status">
              Loading…
            </Text>
          ) : list.isError ? (
            <Text size="sm" c="red" p="xs" role="alert">
              Could not load the notifications.
            </Text>
          ) : list.data.notifications.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              Nothing yet. Updates on applications and loans show here.
            </Text>
          ) : (
            <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {list.data.notifications.map((n) => (
                <li key={n.id}>
                  <UnstyledButton
                    onClick={() => open(n)}
                    p="xs"
                    w="100%"
                    style={{
                      borderRadius: 4,
                      background: n.readAt ? undefined : 'var(--mantine-primary-color-light)',
                    }}
                  >
                    <Text size="sm" fw={n.readAt ? 400 : 600}>
                      {n.title}
                      {n.readAt ? '' : <VisuallyHidden> (unread)</VisuallyHidden>}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {n.body}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
