import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { formatError } from '../errors.ts';
import { usePageTitle } from '../page-title.ts';

export function FullPageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center mih="60vh" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader aria-hidden="true" />
        <Text c="dimmed" size="sm">
          {label}…
        </Text>
      </Stack>
    </Center>
  );
}

/** A readable error with an optional retry. */
export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
  children,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{formatError(error)}</Text>
        {children}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** An empty state: what is (not) here and what to do about it. */
export function EmptyState({
  title,
  children,
  action,
  icon,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" radius="md" style={{ borderStyle: 'dashed' }}>
      <Stack align="center" gap="xs" ta="center">
        {icon && (
          <ThemeIcon variant="light" size={48} radius="xl" aria-hidden="true">
            {icon}
          </ThemeIcon>
        )}
        <Title order={3} size="h4">
          {title}
        </Title>
        {children && (
          <Text c="dimmed" size="sm" maw={480}>
            {children}
          </Text>
        )}
        {action}
      </Stack>
    </Paper>
  );
}

/** A whole page for a part of the product that is not built yet. */
export function ComingSoonPage({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Group gap="sm">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Badge variant="light" color="gray">
          Coming soon
        </Badge>
      </Group>
      <EmptyState title={`${title} is coming soon`}>{children}</EmptyState>
    </Stack>
  );
}

export function PageHeader({
  title,
  description,
  actions,
  documentTitle,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** The tab's name when the heading is not a good one ("Welcome, Casey" → "Home"). */
  documentTitle?: string;
}) {
  // Every page with a header names the browser tab after itself too.
  usePageTitle(documentTitle ?? title);
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" mt={4}>
            {description}
          </Text>
        )}
      </div>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
