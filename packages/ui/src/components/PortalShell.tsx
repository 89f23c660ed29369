import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { usePortalConfig } from '../config.tsx';
import { OrgSwitcher } from '../org/OrgSwitcher.tsx';
import { NotificationBell } from '../origination/NotificationBell.tsx';
import { BrandMark } from './BrandMark.tsx';
import { FullPageLoader } from './states.tsx';
import { useIsPhone } from './TruncatedText.tsx';
import { UserMenu } from './UserMenu.tsx';

export interface NavItem {
  label: string;
  to: string;
  description?: string;
  /** Shown as a small badge, e.g. "Soon". */
  badge?: string;
  /** Active only on the exact path (for `/`). */
  end?: boolean;
}

/**
 * The frame of a portal: header (menu button on phones, name, organization switcher, account)
 * and the navigation, which collapses behind the burger below the `sm` breakpoint.
 */
export function PortalShell({
  nav,
  createOrganizationPath,
  footer,
}: {
  nav: NavItem[];
  createOrganizationPath?: string;
  footer?: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure();
  const { appName } = usePortalConfig();
  const location = useLocation();
  // Below `sm` the navigation slides out of view when closed: keep it out of the tab order too.
  const isPhone = useIsPhone();

  // Navigating closes the navigation on phones.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run on every navigation
  useEffect(() => close(), [location.pathname, close]);

  const isActive = (item: NavItem) =>
    item.end
      ? location.pathname === item.to
      : location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="portal-navigation"
            />
            <UnstyledButton component={Link} to="/" aria-label={`${appName} home`}>
              <Text fw={700} size="lg" c="brand.8" truncate visibleFrom="xs">
                {appName}
              </Text>
              <BrandMark hiddenFrom="xs" />
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <OrgSwitcher createPath={createOrganizationPath} />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        id="portal-navigation"
        aria-label="Main navigation"
        component="nav"
        inert={isPhone && !opened}
      >
        <AppShell.Section grow component={ScrollArea}>
          {nav.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              description={item.description}
              active={isActive(item)}
              aria-current={isActive(item) ? 'page' : undefined}
              rightSection={
                item.badge ? (
                  <Badge size="xs" variant="light" color="gray">
                    {item.badge}
                  </Badge>
                ) : undefined
              }
              styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
            />
          ))}
        </AppShell.Section>
        {footer && <AppShell.Section>{footer}</AppShell.Section>}
      </AppShell.Navbar>

      <AppShell.Main>
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
