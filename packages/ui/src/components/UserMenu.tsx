import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { useAuth } from '../auth/context.ts';
import { notifySuccess } from '../notify.ts';
import { useOrganizations } from '../org/OrganizationProvider.tsx';
import { displayName, initials } from '../people.ts';

/** The signed-in person in the header: Clerk's UserButton in Clerk mode, a small menu otherwise. */
export function UserMenu() {
  const auth = useAuth();
  const { me } = useOrganizations();
  if (auth.AccountButton) return <auth.AccountButton />;
  if (!me) return null;
  const name = displayName(me.user);
  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${name}`} style={{ borderRadius: '50%' }}>
          <Avatar src={me.user.imageUrl || null} color="brand" radius="xl" alt="">
            {initials(me.user)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {name}
          <br />
          {me.user.email}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item
          color="red"
          onClick={async () => {
            await auth.signOut();
            notifySuccess('You are signed out.');
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
