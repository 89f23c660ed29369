import { type CreateOrganizationInput, createOrganizationInput } from '@lending/core/inputs';
import {
  applyFieldErrors,
  formatError,
  isProcedureKey,
  notifySuccess,
  SimpleHeader,
  useOrganizations,
  usePageTitle,
  useTRPC,
} from '@lending/ui';
import { Alert, Anchor, Button, Card, Container, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { Link, useNavigate } from 'react-router';

/** Create a lending company: the signed-in user becomes its admin. */
export default function OnboardingPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { accesses, setActiveOrganization } = useOrganizations();
  usePageTitle('Create your lending company', { withOrganization: false });
  const create = useMutation(trpc.organizations.create.mutationOptions());
  const form = useForm<CreateOrganizationInput>({
    mode: 'uncontrolled',
    initialValues: { name: '' },
    validate: zod4Resolver(createOrganizationInput),
    validateInputOnBlur: true,
  });

  const onSubmit = form.onSubmit(async (values) => {
    try {
      const { organization } = await create.mutateAsync(createOrganizationInput.parse(values));
      await queryClient.invalidateQueries({ predicate: (q) => isProcedureKey(q.queryKey, ['auth', 'me']) });
      setActiveOrganization(organization.id);
      notifySuccess(`${organization.name} is ready. You are its admin.`, 'Organization created');
      navigate('/');
    } catch (error) {
      applyFieldErrors(form, error);
    }
  });

  return (
    <>
      <SimpleHeader />
      <Container component="main" size={560} py={{ base: 'lg', sm: 56 }}>
        <Card withBorder padding="xl" radius="md">
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  Create your lending company
                </Title>
                <Text c="dimmed" mt={4}>
                  You become its admin: you can set up products, invite your team and share the apply link
                  with borrowers.
                </Text>
              </div>
              <TextInput
                label="Company name"
                description="As borrowers will see it, e.g. “Acme Bridge Capital”."
                placeholder="Acme Bridge Capital"
                required
                data-autofocus
                autoFocus
                key={form.key('name')}
                {...form.getInputProps('name')}
              />
              {create.isError && !form.errors.name && (
                <Alert color="red" title="Could not create the organization" role="alert">
                  {formatError(create.error)}
                </Alert>
              )}
              <Group justify="space-between">
                {accesses.length > 0 ? (
                  <Anchor component={Link} to="/" size="sm">
                    Back to the dashboard
                  </Anchor>
                ) : (
                  <span />
                )}
                <Button type="submit" loading={create.isPending}>
                  Create organization
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Container>
    </>
  );
}
