import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useAuth } from '../auth/context.ts';
import { usePortalConfig } from '../config.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The header of pages outside the app shell (onboarding, apply link). */
export function SimpleHeader() {
  const { appName } = usePortalConfig();
  const { status } = useAuth();
  return (
    <Box component="header" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" px="md" h={60} wrap="nowrap">
        <UnstyledButton component={Link} to="/" aria-label={`${appName} home`}>
          <Text fw={700} size="lg" c="brand.8" truncate>
            {appName}
          </Text>
        </UnstyledButton>
        {status === 'signed-in' && <UserMenu />}
      </Group>
    </Box>
  );
}
