import { type LocalUserInput, localUserInput } from '@lending/core/inputs';
import {
  Alert,
  Avatar,
  Button,
  Card,
  Container,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { TruncatedText } from '../components/TruncatedText.tsx';
import { usePortalConfig } from '../config.tsx';
import { formatError } from '../errors.ts';
import { notifyError, notifySuccess } from '../notify.ts';
import { displayName, initials } from '../people.ts';
import type { SignInViewProps } from './context.ts';
import { useAuth } from './context.ts';
import { useLocalSignIn } from './local.tsx';
import { LocalAuthError, type LocalUser, localAuthApi } from './local-api.ts';

/** Local mode sign-in: the API's seeded (and locally created) users, one button each. */
export function LocalSignInPage(_props: SignInViewProps) {
  const { appName } = usePortalConfig();
  const { notice } = useAuth();
  const { signInAs } = useLocalSignIn();
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const users = useQuery({
    queryKey: ['local-auth', 'users'],
    queryFn: localAuthApi.listUsers,
    retry: (count, error) => !(error instanceof LocalAuthError) && count < 2,
  });

  const signIn = async (user: LocalUser) => {
    setPendingUserId(user.id);
    try {
      await signInAs(user.id);
      notifySuccess(`Signed in as ${displayName(user)}.`);
    } catch (error) {
      notifyError(error, 'Could not sign in');
    } finally {
      setPendingUserId(null);
    }
  };

  return (
    <Container component="main" size={560} py={{ base: 'lg', sm: 48 }} px="md">
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            Sign in to {appName}
          </Title>
          <Text c="dimmed" mt={4}>
            Local mode: the API runs its own identity provider with demo users, so no password is needed.
            Configure Clerk to use real accounts.
          </Text>
        </div>
        {notice && (
          <Alert color="yellow" title="Signed out" role="status">
            {notice}
          </Alert>
        )}

        <Card withBorder padding="lg" component="section" aria-labelledby="local-users-title">
          <Title order={2} size="h4" id="local-users-title" mb="sm">
            Choose a user
          </Title>
          {users.isPending ? (
            <Stack gap="sm" aria-busy="true" aria-label="Loading users">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} height={56} />
              ))}
            </Stack>
          ) : users.isError ? (
            <Alert color="red" title="Could not load the users">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{formatError(users.error)}</Text>
                <Button size="xs" variant="light" color="red" onClick={() => users.refetch()}>
                  Try again
                </Button>
              </Stack>
            </Alert>
          ) : users.data.users.length === 0 ? (
            <Text c="dimmed">No users yet. Create one below.</Text>
          ) : (
            <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {users.data.users.map((user) => (
                <Group
                  component="li"
                  key={user.id}
                  justify="space-between"
                  wrap="nowrap"
                  py="sm"
                  style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
                >
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Avatar src={user.imageUrl || null} color="brand" radius="xl" alt="">
                      {initials(user)}
                    </Avatar>
                    <div style={{ minWidth: 0 }}>
                      <TruncatedText fw={600}>{displayName(user)}</TruncatedText>
                      <TruncatedText size="sm" c="dimmed">
                        {user.email ?? ''}
                      </TruncatedText>
                      {user.description && (
                        <Text size="xs" c="dimmed">
                          {user.description}
                        </Text>
                      )}
                    </div>
                  </Group>
                  <Button
                    variant="light"
                    // Never shrinks: a long name or email truncates instead ("Sign i" on a phone).
                    style={{ flexShrink: 0 }}
                    onClick={() => signIn(user)}
                    loading={pendingUserId === user.id}
                    disabled={pendingUserId !== null && pendingUserId !== user.id}
                    aria-label={`Sign in as ${displayName(user)}`}
                  >
                    Sign in
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
        </Card>

        <CreateLocalUserCard onCreated={signIn} />
      </Stack>
    </Container>
  );
}

function CreateLocalUserCard({ onCreated }: { onCreated: (user: LocalUser) => Promise<void> }) {
  const form = useForm<LocalUserInput>({
    mode: 'uncontrolled',
    initialValues: { email: '', firstName: '', lastName: '' },
    validate: zod4Resolver(localUserInput),
    validateInputOnBlur: true,
  });
  const create = useMutation({ mutationFn: localAuthApi.createUser });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="create-user-title">
      <Title order={2} size="h4" id="create-user-title">
        Create a user
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A new person without any access yet, for trying onboarding, invitations or the apply link.
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          try {
            const { user } = await create.mutateAsync(localUserInput.parse(values));
            form.reset();
            await onCreated(user);
          } catch (error) {
            if (error instanceof LocalAuthError && error.status === 409)
              form.setFieldError('email', error.message);
          }
        })}
      >
        <Stack gap="sm">
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label="First name"
              required
              key={form.key('firstName')}
              {...form.getInputProps('firstName')}
            />
            <TextInput
              label="Last name"
              required
              key={form.key('lastName')}
              {...form.getInputProps('lastName')}
            />
          </SimpleGrid>
          {create.isError && !(create.error instanceof LocalAuthError && create.error.status === 409) && (
            <Alert color="red" title="Could not create the user">
              {formatError(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Create user and sign in
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
