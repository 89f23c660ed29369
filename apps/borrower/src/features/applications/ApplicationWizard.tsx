import { ENTITY_TYPES, LOAN_PURPOSES, PROPERTY_TYPES } from '@lending/core/inputs';
import {
  formatError,
  formatMoney,
  formatPercent,
  humanize,
  notifySuccess,
  useIsPhone,
  useTRPC,
} from '@lending/ui';
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DocumentChecklist } from './DocumentChecklist.tsx';
import {
  apiValue,
  type Draft,
  fieldError,
  toWizardValues,
  WIZARD_FIELDS,
  type WizardField,
  type WizardValues,
} from './wizard-fields.ts';

const STEPS: { label: string; fields: WizardField[] }[] = [
  { label: 'Loan', fields: ['productId', 'requestedAmount', 'requestedTermPayments', 'loanPurpose'] },
  {
    label: 'About you',
    fields: [
      'applicantKind',
      'firstName',
      'lastName',
      'entityName',
      'entityType',
      'email',
      'phone',
      'taxIdLast4',
      'experienceDeals',
    ],
  },
  {
    label: 'Property',
    fields: [
      'propertyAddressLine1',
      'propertyAddressLine2',
      'propertyCity',
      'propertyRegion',
      'propertyPostalCode',
      'propertyType',
      'purchasePrice',
      'asIsValue',
      'afterRepairValue',
      'rehabBudget',
      'monthlyRent',
      'monthlyExpenses',
    ],
  },
  { label: 'Documents and submit', fields: [] },
];

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string };

const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: humanize(v) }));

/** The step-by-step application: every change is saved (debounced) through the API, so it resumes anywhere. */
export function ApplicationWizard({ draft }: { draft: Draft }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isPhone = useIsPhone();
  const save = useMutation(trpc.applications.save.mutationOptions());
  const submit = useMutation(trpc.applications.submit.mutationOptions());
  const products = useQuery(trpc.products.available.queryOptions());
  const [step, setStep] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [submitError, setSubmitError] = useState<string | null>(null);
  // A new applicant is an individual unless they say otherwise (saved with the first autosave).
  const form = useForm<WizardValues>({
    mode: 'controlled',
    initialValues: { ...toWizardValues(draft), applicantKind: draft.applicantKind ?? 'individual' },
  });
  const saved = useRef<WizardValues>(toWizardValues(draft));
  const inFlight = useRef<Promise<unknown> | null>(null);

  const formRef = useRef(form);
  formRef.current = form;
  const saveRef = useRef(save.mutateAsync);
  saveRef.current = save.mutateAsync;

  /**
   * Sends the changed fields that pass the schema; the others show their message and wait. The
   * values sent count as saved at once (so an overlapping call does not send them again) and are
   * put back as unsaved if the request fails.
   */
  const flush = useCallback(
    async (values: WizardValues) => {
      const changes: Record<string, unknown> = {};
      const before: Partial<WizardValues> = {};
      for (const f of WIZARD_FIELDS) {
        if (values[f] === saved.current[f]) continue;
        const error = fieldError(f, values[f]);
        if (error) formRef.current.setFieldError(f, error);
        else {
          changes[f] = apiValue(f, values[f]);
          before[f] = saved.current[f];
        }
      }
      if (Object.keys(changes).length === 0) return inFlight.current ?? undefined;
      saved.current = {
        ...saved.current,
        ...Object.fromEntries(Object.keys(changes).map((k) => [k, values[k as WizardField]])),
      };
      if (inFlight.current) await inFlight.current.catch(() => {});
      setSaveState({ kind: 'saving' });
      const request = saveRef.current({ applicationId: draft.id, ...changes } as never);
      inFlight.current = request;
      try {
        await request;
        setSaveState({ kind: 'saved', at: new Date() });
        // What is still missing (the submit step) follows the saved fields.
        void queryClient.invalidateQueries({ queryKey: trpc.applications.myApplication.pathKey() });
      } catch (e) {
        saved.current = { ...saved.current, ...before };
        setSaveState({ kind: 'error', message: formatError(e) });
      } finally {
        if (inFlight.current === request) inFlight.current = null;
      }
    },
    [draft.id, queryClient, trpc],
  );

  const [debounced] = useDebouncedValue(form.values, 800);
  useEffect(() => {
    void flush(debounced);
  }, [debounced, flush]);

  const blur = (field: WizardField) => () => {
    const error = fieldError(field, form.values[field]);
    if (error) form.setFieldError(field, error);
  };
  const input = (field: WizardField) => ({ ...form.getInputProps(field), onBlur: blur(field) });

  const goTo = async (next: number) => {
    // Each field shown is checked against the API's schema before moving on.
    const fields = STEPS[step]?.fields ?? [];
    let ok = true;
    for (const f of fields) {
      const error = fieldError(f, form.values[f]);
      if (error) {
        form.setFieldError(f, error);
        ok = false;
      }
    }
    if (!ok && next > step) return;
    await flush(form.values);
    setStep(next);
  };

  const doSubmit = async () => {
    setSubmitError(null);
    await flush(form.values);
    try {
      await submit.mutateAsync({ applicationId: draft.id });
      await queryClient.invalidateQueries({ queryKey: trpc.applications.pathKey() });
      notifySuccess('Application submitted. We will let you know when the lender reviews it.');
    } catch (e) {
      setSubmitError(formatError(e));
      await queryClient.invalidateQueries({ queryKey: trpc.applications.myApplication.pathKey() });
    }
  };

  const product = products.data?.products.find((p) => p.productId === form.values.productId);
  const entity = form.values.applicantKind === 'entity';

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed">
          Your answers are saved as you type: come back on any device to finish.
        </Text>
        <Text size="sm" c={saveState.kind === 'error' ? 'red' : 'dimmed'} role="status" aria-live="polite">
          {saveState.kind === 'saving'
            ? 'Saving…'
            : saveState.kind === 'saved'
              ? `Saved at ${saveState.at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
              : saveState.kind === 'error'
                ? `Not saved: ${saveState.message}`
                : 'All changes saved'}
        </Text>
      </Group>
      <Stepper
        active={step}
        onStepClick={(s) => void goTo(s)}
        orientation={isPhone ? 'vertical' : 'horizontal'}
        size="sm"
        allowNextStepsSelect
        aria-label="Application steps"
      >
        <Stepper.Step label="Loan" description={isPhone ? 'Product, amount, term' : undefined}>
          <Card withBorder padding="lg" component="section" aria-labelledby="step-loan">
            <Title order={2} size="h4" id="step-loan" mb="sm">
              The loan
            </Title>
            <Stack gap="sm">
              <Select
                label="Loan product"
                placeholder={products.isPending ? 'Loading…' : 'Choose a product'}
                data={(products.data?.products ?? []).map((p) => ({ value: p.productId, label: p.name }))}
                {...input('productId')}
                onChange={(v) => form.setFieldValue('productId', v ?? '')}
                nothingFoundMessage="No products"
              />
              {product && (
                <Text size="sm" c="dimmed">
                  {product.description ? `${product.description} ` : ''}
                  {formatMoney(product.minAmount)} to {formatMoney(product.maxAmount)},{' '}
                  {product.minTermPayments} to {product.maxTermPayments} {product.frequency} payments.
                </Text>
              )}
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label="Amount ($)"
                  inputMode="decimal"
                  placeholder="250,000"
                  {...input('requestedAmount')}
                />
                <TextInput
                  label="Term (payments)"
                  inputMode="numeric"
                  placeholder="12"
                  {...input('requestedTermPayments')}
                />
                <Select
                  label="Purpose"
                  data={options(LOAN_PURPOSES)}
                  {...input('loanPurpose')}
                  onChange={(v) => form.setFieldValue('loanPurpose', v ?? '')}
                />
              </SimpleGrid>
              <LiveEstimate values={form.values} />
            </Stack>
          </Card>
        </Stepper.Step>
        <Stepper.Step label="About you" description={isPhone ? 'Individual or entity' : undefined}>
          <Card withBorder padding="lg" component="section" aria-labelledby="step-you">
            <Title order={2} size="h4" id="step-you" mb="sm">
              About you
            </Title>
            <Stack gap="sm">
              <div>
                <Text size="sm" fw={500} id="applicant-kind-label" mb={4}>
                  You apply as
                </Text>
                <SegmentedControl
                  aria-labelledby="applicant-kind-label"
                  data={[
                    { value: 'individual', label: 'An individual' },
                    { value: 'entity', label: 'An entity' },
                  ]}
                  value={form.values.applicantKind || 'individual'}
                  onChange={(v) => form.setFieldValue('applicantKind', v)}
                />
              </div>
              {entity && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label="Entity name" {...input('entityName')} />
                  <Select
                    label="Entity type"
                    data={options(ENTITY_TYPES)}
                    {...input('entityType')}
                    onChange={(v) => form.setFieldValue('entityType', v ?? '')}
                  />
                </SimpleGrid>
              )}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={entity ? 'Signer’s first name' : 'First name'}
                  autoComplete="given-name"
                  {...input('firstName')}
                />
                <TextInput
                  label={entity ? 'Signer’s last name' : 'Last name'}
                  autoComplete="family-name"
                  {...input('lastName')}
                />
                <TextInput label="Email" type="email" autoComplete="email" {...input('email')} />
                <TextInput label="Phone" type="tel" autoComplete="tel" {...input('phone')} />
                <TextInput
                  label={entity ? 'Last 4 digits of the EIN' : 'Last 4 digits of your SSN'}
                  description="Only the last four digits: we never ask for the full number."
                  inputMode="numeric"
                  maxLength={4}
                  {...input('taxIdLast4')}
                />
                <TextInput label="Deals done in the past" inputMode="numeric" {...input('experienceDeals')} />
              </SimpleGrid>
            </Stack>
          </Card>
        </Stepper.Step>
        <Stepper.Step label="Property" description={isPhone ? 'Address and values' : undefined}>
          <Card withBorder padding="lg" component="section" aria-labelledby="step-property">
            <Title order={2} size="h4" id="step-property" mb="sm">
              The property
            </Title>
            <Stack gap="sm">
              <TextInput label="Address" autoComplete="address-line1" {...input('propertyAddressLine1')} />
              <TextInput
                label="Address line 2 (optional)"
                autoComplete="address-line2"
                {...input('propertyAddressLine2')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label="City" autoComplete="address-level2" {...input('propertyCity')} />
                <TextInput label="State" autoComplete="address-level1" {...input('propertyRegion')} />
                <TextInput label="ZIP code" autoComplete="postal-code" {...input('propertyPostalCode')} />
              </SimpleGrid>
              <Select
                label="Property type"
                data={options(PROPERTY_TYPES)}
                {...input('propertyType')}
                onChange={(v) => form.setFieldValue('propertyType', v ?? '')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Purchase price ($)" inputMode="decimal" {...input('purchasePrice')} />
                <TextInput label="As-is value ($)" inputMode="decimal" {...input('asIsValue')} />
                <TextInput
                  label="After-repair value ($)"
                  inputMode="decimal"
                  {...input('afterRepairValue')}
                />
                <TextInput label="Rehab budget ($)" inputMode="decimal" {...input('rehabBudget')} />
                <TextInput
                  label="Monthly rent ($, if rented)"
                  inputMode="decimal"
                  {...input('monthlyRent')}
                />
                <TextInput label="Monthly expenses ($)" inputMode="decimal" {...input('monthlyExpenses')} />
              </SimpleGrid>
            </Stack>
          </Card>
        </Stepper.Step>
        <Stepper.Step
          label="Documents and submit"
          description={isPhone ? 'Upload, review, submit' : undefined}
        >
          <Stack gap="md">
            {draft.productId ? (
              <DocumentChecklist applicationId={draft.id} canUpload />
            ) : (
              <Alert color="blue">Choose a loan product first: its document checklist shows here.</Alert>
            )}
            <Card withBorder padding="lg" component="section" aria-labelledby="step-submit">
              <Title order={2} size="h4" id="step-submit" mb="sm">
                Submit
              </Title>
              {draft.missing.length > 0 ? (
                <>
                  <Text size="sm" mb="xs">
                    Still needed before you can submit:
                  </Text>
                  <List size="sm" mb="sm">
                    {draft.missing.map((m) => (
                      <List.Item key={m}>{m}</List.Item>
                    ))}
                  </List>
                </>
              ) : (
                <Text size="sm" mb="sm">
                  Everything needed is filled in. Documents can still be uploaded after submitting.
                </Text>
              )}
              {submitError && (
                <Alert color="red" role="alert" mb="sm" title="Not submitted yet">
                  {submitError}
                </Alert>
              )}
              <Group>
                <Button onClick={doSubmit} loading={submit.isPending || saveState.kind === 'saving'}>
                  Submit application
                </Button>
              </Group>
            </Card>
          </Stack>
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between">
        <Button variant="default" disabled={step === 0} onClick={() => void goTo(step - 1)}>
          Back
        </Button>
        {step < STEPS.length - 1 && <Button onClick={() => void goTo(step + 1)}>Next</Button>}
      </Group>
    </Stack>
  );
}

/** The payment and APR at the product's usual rate, points and fees, from the API's engine. */
function LiveEstimate({ values }: { values: WizardValues }) {
  const trpc = useTRPC();
  const [debounced] = useDebouncedValue(
    { productId: values.productId, amount: values.requestedAmount, term: values.requestedTermPayments },
    500,
  );
  const amount = apiValue('requestedAmount', debounced.amount);
  const term = apiValue('requestedTermPayments', debounced.term);
  const ready =
    !!debounced.productId &&
    typeof amount === 'string' &&
    typeof term === 'number' &&
    !fieldError('requestedAmount', debounced.amount) &&
    !fieldError('requestedTermPayments', debounced.term);
  const estimate = useQuery({
    ...trpc.applications.estimate.queryOptions(
      ready
        ? { productId: debounced.productId, amount: amount as string, termPayments: term as number }
        : (undefined as never),
    ),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <Card
      withBorder
      padding="sm"
      bg="var(--mantine-color-default-hover)"
      aria-label="Estimate"
      component="section"
    >
      <div aria-live="polite">
        {!ready ? (
          <Text size="sm" c="dimmed">
            Choose a product, an amount and a term to see your payment and APR.
          </Text>
        ) : estimate.isError ? (
          <Text size="sm" c="red">
            {formatError(estimate.error)}
          </Text>
        ) : !estimate.data ? (
          <Text size="sm" c="dimmed">
            Calculating…
          </Text>
        ) : (
          <Stack gap={4} style={{ opacity: estimate.isPlaceholderData ? 0.6 : 1 }}>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              <Figure label="Estimated payment" value={formatMoney(estimate.data.paymentAmount)} />
              <Figure label="APR" value={formatPercent(estimate.data.aprPercent)} />
              <Figure label="Rate" value={formatPercent(estimate.data.annualRatePercent)} />
              <Figure label="Final payment" value={formatMoney(estimate.data.finalPaymentAmount)} />
            </SimpleGrid>
            {estimate.data.warnings.map((w) => (
              <Text key={w} size="xs" c="orange">
                {w}
              </Text>
            ))}
            <Text size="xs" c="dimmed">
              An estimate at the product’s usual rate, points and fees. Your offer states the terms.
            </Text>
          </Stack>
        )}
      </div>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}
