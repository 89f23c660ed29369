import { PageHeader, roleLabel, useActiveOrganization, withArticle } from '@lending/ui';
import { Alert, Button, Stack, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { InviteModal } from './InviteModal.tsx';
import { PeopleDirectory } from './PeopleDirectory.tsx';
import { SessionsPanel } from './SessionsPanel.tsx';

/** `/team`: the organization's staff, invitations and staff sessions. Borrowers have their own page. */
export default function TeamPage() {
  const active = useActiveOrganization();
  const isAdmin = active.role === 'admin';
  const [inviteOpened, invite] = useDisclosure(false);
  const [tab, setTab] = useState<string | null>('staff');

  return (
    <Stack gap="lg">
      <PageHeader
        title="Team"
        description={`The staff of ${active.organizationName}: who has access to the lender portal, and with which role.`}
        actions={isAdmin && <Button onClick={invite.open}>Invite someone</Button>}
      />
      {!isAdmin && (
        <Alert color="blue" variant="light" title="Read only">
          You are {withArticle(roleLabel(active.role).toLowerCase())} here. Only admins can invite people,
          change roles, deactivate access and revoke sessions.
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="staff">Staff</Tabs.Tab>
          <Tabs.Tab value="invitations">Invitations</Tabs.Tab>
          {isAdmin && <Tabs.Tab value="sessions">Sessions</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="staff" pt="md">
          <PeopleDirectory portal="lender" isAdmin={isAdmin} noun="staff member" emptyState={null} />
        </Tabs.Panel>
        <Tabs.Panel value="invitations" pt="md">
          <InvitationsPanel isAdmin={isAdmin} onInvite={invite.open} />
        </Tabs.Panel>
        {isAdmin && (
          <Tabs.Panel value="sessions" pt="md">
            <SessionsPanel />
          </Tabs.Panel>
        )}
      </Tabs>
      {isAdmin && (
        <InviteModal opened={inviteOpened} onClose={invite.close} onInvited={() => setTab('invitations')} />
      )}
    </Stack>
  );
}
