import { type InviteMemberInput, inviteMemberInput, type Role } from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import { applyFieldErrors, formatError, notifySuccess, useTRPC } from '@lending/ui';
import { Alert, Button, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { lenderRoleOptions, roleDescriptions } from './roles.ts';
import { useInvalidateTeam } from './use-invalidate-team.ts';

export type InviteResult = RouterOutputs['team']['invite'];

const portalOptions = [
  { value: 'lender', label: 'Lender portal (staff)' },
  { value: 'borrower', label: 'Borrower portal' },
];

/** What honestly happened to the email: never "sent" when nothing was sent. */
export function deliverySentence(result: InviteResult): { title: string; text: string; color: string } {
  const email = result.invitation.email;
  const renewed = result.refreshed
    ? ' An invitation to this address was already pending: it was renewed, and its earlier link no longer works.'
    : '';
  switch (result.delivery) {
    case 'smtp':
      return {
        title: result.refreshed ? 'Invitation sent again' : 'Invitation sent',
        text: `An email with the link below was sent to ${email}.${renewed}`,
        color: 'teal',
      };
    case 'outbox':
      return {
        title: result.refreshed ? 'Invitation renewed — not emailed' : 'Invitation created — not emailed',
        text: `This server has no email (SMTP) configured: the message to ${email} is in the local outbox (\`pnpm lending outbox\`). Copy the link below and send it to them yourself.${renewed}`,
        color: 'yellow',
      };
    default:
      return {
        title: 'Invitation created — the email could not be sent',
        text: `Sending the email to ${email} failed. Copy the link below and send it to them yourself, or try Resend later.${renewed}`,
        color: 'red',
      };
  }
}

/** The link to copy, with what happened to the email. Used after inviting and after resending. */
export function InviteLinkResult({ result }: { result: InviteResult }) {
  const sentence = deliverySentence(result);
  return (
    <Stack gap="sm">
      <Alert color={sentence.color} title={sentence.title} role="status" style={{ overflowWrap: 'anywhere' }}>
        {sentence.text}
      </Alert>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        Nothing is granted until {result.invitation.email} signs in with that address and accepts. The link
        works once.
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          label="Invitation link"
          value={result.inviteUrl}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          style={{ flex: 1, minWidth: 0 }}
        />
        <CopyButton value={result.inviteUrl}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : 'brand'}
              onClick={copy}
              aria-label={copied ? 'Link copied' : 'Copy the invitation link'}
              style={{ flexShrink: 0 }}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

export function InviteModal({
  opened,
  onClose,
  onInvited,
}: {
  opened: boolean;
  onClose: () => void;
  onInvited: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateTeam();
  const invite = useMutation(trpc.team.invite.mutationOptions());
  const [result, setResult] = useState<InviteResult | null>(null);
  const form = useForm<InviteMemberInput>({
    initialValues: { email: '', portal: 'lender', role: 'viewer' },
    validate: zod4Resolver(inviteMemberInput),
    validateInputOnBlur: ['email'],
    onValuesChange: (values, previous) => {
      if (values.portal !== previous.portal) {
        form.setFieldValue('role', values.portal === 'borrower' ? 'borrower' : 'viewer');
      }
    },
  });
  const close = () => {
    form.reset();
    invite.reset();
    setResult(null);
    onClose();
  };
  const roleOptions =
    form.values.portal === 'borrower' ? [{ value: 'borrower', label: 'Borrower' }] : lenderRoleOptions;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={result ? 'Invitation' : 'Invite someone'}
      centered
      size="md"
    >
      {result ? (
        <Stack gap="md">
          <InviteLinkResult result={result} />
          <Group justify="flex-end" gap="xs">
            <Button
              variant="default"
              onClick={() => {
                form.reset();
                invite.reset();
                setResult(null);
              }}
            >
              Invite someone else
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit(async (values) => {
            try {
              const answer = await invite.mutateAsync(inviteMemberInput.parse(values));
              setResult(answer);
              const sentence = deliverySentence(answer);
              notifySuccess(`${answer.invitation.email}: ${sentence.title.toLowerCase()}.`, 'Invitation');
              void invalidate();
              onInvited();
            } catch (error) {
              applyFieldErrors(form, error);
            }
          })}
        >
          <Stack gap="md">
            <TextInput
              label="Email"
              type="email"
              placeholder="name@company.com"
              required
              maxLength={254}
              data-autofocus
              {...form.getInputProps('email')}
            />
            <Select
              label="Portal"
              data={portalOptions}
              allowDeselect={false}
              required
              {...form.getInputProps('portal')}
            />
            <Select
              label="Role"
              data={roleOptions}
              allowDeselect={false}
              required
              description={roleDescriptions[form.values.role as Role]}
              {...form.getInputProps('role')}
            />
            <Text size="xs" c="dimmed">
              They get an email with a link. Nothing is granted until they sign in with this address and
              accept.
            </Text>
            {invite.isError && Object.keys(form.errors).length === 0 && (
              <Alert color="red" title="Could not invite" role="alert">
                {formatError(invite.error)}
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close} disabled={invite.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Create invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
