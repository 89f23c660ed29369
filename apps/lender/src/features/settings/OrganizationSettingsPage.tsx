import {
  ORGANIZATION_DETAIL_LIMITS,
  ORGANIZATION_NAME_MAX_LENGTH,
  ORGANIZATION_SLUG_MAX_LENGTH,
  updateOrganizationSettingsInput,
} from '@lending/core/inputs';
import type { RouterOutputs } from '@lending/core/router';
import {
  applyFieldErrors,
  ConfirmModal,
  ErrorState,
  errorCode,
  formatError,
  isProcedureKey,
  notifySuccess,
  PageHeader,
  roleLabel,
  useActiveOrganization,
  usePortalConfig,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { type ReactNode, useState } from 'react';
import { SettingsTabs } from './SettingsTabs.tsx';

type Settings = RouterOutputs['organizations']['settings']['organization'];

/** The form's values: every field a string ('' for "not given"). A type, so zod4Resolver accepts it. */
type SettingsForm = {
  name: string;
  slug: string;
  contactEmail: string;
  phone: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
};

function toForm(settings: Settings): SettingsForm {
  return {
    name: settings.name,
    slug: settings.slug,
    contactEmail: settings.contactEmail ?? '',
    phone: settings.phone ?? '',
    addressLine1: settings.addressLine1 ?? '',
    addressLine2: settings.addressLine2 ?? '',
    city: settings.city ?? '',
    region: settings.region ?? '',
    postalCode: settings.postalCode ?? '',
    country: settings.country ?? '',
  };
}

/** Settings → Organization: name, link name (the public apply link) and contact details. */
export default function OrganizationSettingsPage() {
  const trpc = useTRPC();
  const active = useActiveOrganization();
  const settings = useQuery(trpc.organizations.settings.queryOptions());
  const isAdmin = active.role === 'admin';

  return (
    <Stack gap="lg">
      <PageHeader
        title="Settings"
        description="Your organization’s name, apply link and contact details."
        documentTitle="Organization settings"
      />
      <SettingsTabs />
      {!isAdmin && (
        <Alert color="blue" variant="light" title="Read only">
          You are {active.role === 'admin' ? 'an' : 'a'} {roleLabel(active.role).toLowerCase()} here. Only
          admins can change the organization’s settings.
        </Alert>
      )}
      {settings.isPending ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading the organization settings">
          <Skeleton height={180} />
          <Skeleton height={240} />
        </Stack>
      ) : settings.isError ? (
        <ErrorState
          error={settings.error}
          title="Could not load the organization settings"
          onRetry={() => settings.refetch()}
        />
      ) : isAdmin ? (
        // Keyed by the last save: the form starts again from what the API answered.
        <SettingsEditor key={settings.data.organization.updatedAt} settings={settings.data.organization} />
      ) : (
        <SettingsReadOnly settings={settings.data.organization} />
      )}
    </Stack>
  );
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      )}
      <Stack gap="sm" mt={description ? 0 : 'sm'}>
        {children}
      </Stack>
    </Card>
  );
}

function SettingsEditor({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { borrowerPortalUrl } = usePortalConfig();
  const update = useMutation(trpc.organizations.updateSettings.mutationOptions());
  const [confirmSlug, setConfirmSlug] = useState<SettingsForm | null>(null);
  const form = useForm<SettingsForm>({
    mode: 'controlled',
    initialValues: toForm(settings),
    validate: zod4Resolver(updateOrganizationSettingsInput),
    validateInputOnBlur: true,
  });
  const applyLink = (slug: string) => `${borrowerPortalUrl}/apply/${slug}`;
  const newSlug = form.values.slug.trim().toLowerCase();

  const save = async (values: SettingsForm) => {
    setConfirmSlug(null);
    try {
      const { organization } = await update.mutateAsync(updateOrganizationSettingsInput.parse(values));
      // The switcher, the dashboard's apply link and this page all read the new values.
      await queryClient.invalidateQueries({
        predicate: (q) =>
          isProcedureKey(q.queryKey, ['auth', 'me']) ||
          isProcedureKey(q.queryKey, ['organizations', 'settings']),
      });
      notifySuccess(
        organization.slug === settings.slug
          ? 'Organization settings saved.'
          : `Saved. The apply link is now ${applyLink(organization.slug)}.`,
      );
    } catch (error) {
      // A link name another organization holds (409) belongs under the link name field.
      if (errorCode(error) === 'CONFLICT') form.setFieldError('slug', formatError(error));
      else applyFieldErrors(form, error);
    }
  };

  const onSubmit = form.onSubmit((values) => {
    // A new link name breaks the old link: say so before saving.
    if (values.slug.trim().toLowerCase() !== settings.slug) setConfirmSlug(values);
    else void save(values);
  });

  const placedOnFields = update.isError && Object.keys(form.errors).length > 0;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Organization settings">
      <Stack gap="lg">
        <Section id="org-name-title" title="Name and apply link">
          <TextInput
            label="Organization name"
            description="As borrowers and your team see it."
            required
            maxLength={ORGANIZATION_NAME_MAX_LENGTH}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Link name"
            description={
              <>
                The end of your public apply link:{' '}
                <Text span ff="monospace" size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {applyLink(newSlug || '…')}
                </Text>
              </>
            }
            required
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={ORGANIZATION_SLUG_MAX_LENGTH}
            {...form.getInputProps('slug')}
          />
        </Section>
        <Section id="org-contact-title" title="Contact" description="Optional. How borrowers can reach you.">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Contact email"
              type="email"
              autoComplete="email"
              {...form.getInputProps('contactEmail')}
            />
            <TextInput
              label="Phone"
              type="tel"
              autoComplete="tel"
              maxLength={40}
              {...form.getInputProps('phone')}
            />
          </SimpleGrid>
        </Section>
        <Section
          id="org-address-title"
          title="Address"
          description="Optional. Printed on letters and offers; the city also tells you apart from organizations of the same name."
        >
          <TextInput
            label="Address"
            autoComplete="address-line1"
            maxLength={ORGANIZATION_DETAIL_LIMITS.addressLine1}
            {...form.getInputProps('addressLine1')}
          />
          <TextInput
            label="Address line 2"
            autoComplete="address-line2"
            maxLength={ORGANIZATION_DETAIL_LIMITS.addressLine2}
            {...form.getInputProps('addressLine2')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="City"
              autoComplete="address-level2"
              maxLength={ORGANIZATION_DETAIL_LIMITS.city}
              {...form.getInputProps('city')}
            />
            <TextInput
              label="State or region"
              autoComplete="address-level1"
              maxLength={ORGANIZATION_DETAIL_LIMITS.region}
              {...form.getInputProps('region')}
            />
            <TextInput
              label="Postal code"
              autoComplete="postal-code"
              maxLength={ORGANIZATION_DETAIL_LIMITS.postalCode}
              {...form.getInputProps('postalCode')}
            />
            <TextInput
              label="Country"
              autoComplete="country-name"
              maxLength={ORGANIZATION_DETAIL_LIMITS.country}
              {...form.getInputProps('country')}
            />
          </SimpleGrid>
        </Section>
        {update.isError && !placedOnFields && (
          <Alert color="red" title="Could not save" role="alert">
            {formatError(update.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => form.reset()}
            disabled={!form.isDirty() || update.isPending}
          >
            Undo changes
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirmSlug !== null}
        title="Change the apply link?"
        confirmLabel="Change the link"
        color="orange"
        loading={update.isPending}
        onClose={() => setConfirmSlug(null)}
        onConfirm={() => confirmSlug && void save(confirmSlug)}
      >
        <Stack gap="xs">
          <Text size="sm">
            The old link stops working at once: anyone who opens it will be told the lender cannot be found,
            and another organization may take that link name.
          </Text>
          <Text size="sm">
            Old: <Code style={{ overflowWrap: 'anywhere' }}>{applyLink(settings.slug)}</Code>
          </Text>
          <Text size="sm">
            New: <Code style={{ overflowWrap: 'anywhere' }}>{applyLink(newSlug)}</Code>
          </Text>
          <Text size="sm">
            Share the new link with your borrowers and update it wherever you published it.
          </Text>
        </Stack>
      </ConfirmModal>
    </form>
  );
}

function Detail({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

/** What non-admins see: the same facts, nothing to edit. */
function SettingsReadOnly({ settings }: { settings: Settings }) {
  const { borrowerPortalUrl } = usePortalConfig();
  const address = [
    settings.addressLine1,
    settings.addressLine2,
    [settings.postalCode, settings.city].filter(Boolean).join(' '),
    settings.region,
    settings.country,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Stack gap="lg">
      <Section id="org-name-title" title="Name and apply link">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <Detail label="Organization name" value={settings.name} />
          <Detail label="Apply link" value={`${borrowerPortalUrl}/apply/${settings.slug}`} />
        </SimpleGrid>
      </Section>
      <Section id="org-contact-title" title="Contact and address">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <Detail label="Contact email" value={settings.contactEmail} />
          <Detail label="Phone" value={settings.phone} />
          <Detail label="Address" value={address} />
        </SimpleGrid>
      </Section>
    </Stack>
  );
}
