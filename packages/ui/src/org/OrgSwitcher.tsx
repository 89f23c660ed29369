import { Button, Menu, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { notifySuccess } from '../notify.ts';
import { useOrganizations } from './OrganizationProvider.tsx';
import { organizationHint, organizationLabel } from './organization-label.ts';

const roleLabels: Record<string, string> = {
  admin: 'Admin',
  underwriter: 'Underwriter',
  servicer: 'Servicer',
  viewer: 'Viewer',
  borrower: 'Borrower',
};

export function roleLabel(role: string): string {
  return roleLabels[role] ?? role;
}

/**
 * The active organization in the header. A menu when there is a choice to make (several
 * organizations, or `createPath` to create one); plain text otherwise.
 */
export function OrgSwitcher({ createPath }: { createPath?: string }) {
  const { accesses, active, setActiveOrganization } = useOrganizations();
  const navigate = useNavigate();
  if (!active) return null;
  // Two organizations may share a name: then the city or the link name tells them apart.
  const activeLabel = organizationLabel(active, accesses);
  if (accesses.length < 2 && !createPath) {
    return (
      <Text fw={600} size="sm" truncate maw={220} title={activeLabel}>
        {activeLabel}
      </Text>
    );
  }
  return (
    <Menu position="bottom-end" width={280} shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          rightSection={<span aria-hidden="true">▾</span>}
          aria-label={`Organization: ${activeLabel}. Switch organization`}
          title={activeLabel}
          maw={{ base: 170, sm: 280 }}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {activeLabel}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your organizations</Menu.Label>
        {accesses.map((access) => {
          const isActive = access.organizationId === active.organizationId;
          const hint = organizationHint(access, accesses);
          return (
            <Menu.Item
              key={access.organizationId}
              onClick={() => {
                if (isActive) return;
                setActiveOrganization(access.organizationId);
                navigate('/');
                notifySuccess(`Switched to ${organizationLabel(access, accesses)}.`);
              }}
              leftSection={<span aria-hidden="true">{isActive ? '✓' : ''}</span>}
              rightSection={
                <Text size="xs" c="dimmed">
                  {roleLabel(access.role)}
                </Text>
              }
              aria-current={isActive ? 'true' : undefined}
            >
              <Text size="sm" truncate maw={190} title={access.organizationName}>
                {access.organizationName}
              </Text>
              {hint && (
                <Text size="xs" c="dimmed" truncate maw={190}>
                  {hint}
                </Text>
              )}
            </Menu.Item>
          );
        })}
        {createPath && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={() => navigate(createPath)} leftSection={<span aria-hidden="true">+</span>}>
              Create organization
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
