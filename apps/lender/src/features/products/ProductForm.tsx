import {
  DRAW_INTEREST_BASES,
  PRODUCT_KINDS,
  type ProductSettingsInput,
  productSettingsInput,
} from '@lending/core/inputs';
import {
  AMORTIZATIONS,
  BUSINESS_DAY_RULES,
  DAY_COUNTS,
  FREQUENCIES,
  INTEREST_METHODS,
  INTEREST_PERIODS,
  ODD_FIRST_PERIODS,
  PREPAYMENT_RECALCULATIONS,
  ROUNDINGS,
} from '@lending/loan-math';
import { humanize } from '@lending/ui';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { ReactNode } from 'react';

/** The form's values: decimals as strings, optional decimals '' when not given. */
export type ProductFormValues = {
  name: string;
  kind: string;
  description: string;
  minAmount: string;
  maxAmount: string;
  minRatePercent: string;
  maxRatePercent: string;
  baseRatePercent: string;
  minTermPayments: number | string;
  maxTermPayments: number | string;
  originationPoints: string;
  originationFee: string;
  lateFeePercent: string;
  lateFeeMinimum: string;
  lateFeeMaximum: string;
  lateFeeGraceDays: number | string;
  defaultRatePercent: string;
  drawInterestBasis: string;
  maxLtvPercent: string;
  maxLtcPercent: string;
  maxArvLtvPercent: string;
  minDscr: string;
  engineSettings: {
    frequency: string;
    interestMethod: string;
    amortization: string;
    amortizationPayments: number | string;
    dayCount: string;
    interestPeriod: string;
    rounding: string;
    installmentMultiple: string;
    oddFirstPeriod: string;
    businessDayRule: string;
    prepaymentRecalculation: string;
    principalGrace: number | string;
    interestGrace: number | string;
  };
  /** The payment waterfall: one of WATERFALL_ORDERS' keys, and installment or component. */
  waterfallOrder: string;
  waterfallBy: string;
  requiredDocuments: { key: string; label: string }[];
};

/**
 * The waterfall orders the form offers (the API takes any order of the four parts; a product set
 * to another order through the API shows it as "Custom" and keeps it unless changed here).
 */
export const WATERFALL_ORDERS = {
  'penalties,fees,interest,principal': 'Penalties → fees → interest → principal (standard)',
  'fees,penalties,interest,principal': 'Fees → penalties → interest → principal',
  'interest,principal,penalties,fees': 'Interest → principal → penalties → fees (charges last)',
  'interest,principal,fees,penalties': 'Interest → principal → fees → penalties',
} as const;
const STANDARD_WATERFALL = 'penalties,fees,interest,principal';

export const NEW_PRODUCT: ProductFormValues = {
  name: '',
  kind: 'bridge',
  description: '',
  minAmount: '50000.00',
  maxAmount: '2000000.00',
  minRatePercent: '9.5',
  maxRatePercent: '14',
  baseRatePercent: '11.5',
  minTermPayments: 6,
  maxTermPayments: 24,
  originationPoints: '2',
  originationFee: '995.00',
  lateFeePercent: '5',
  lateFeeMinimum: '25.00',
  lateFeeMaximum: '',
  lateFeeGraceDays: 10,
  defaultRatePercent: '24',
  drawInterestBasis: 'drawn_funds',
  maxLtvPercent: '75',
  maxLtcPercent: '85',
  maxArvLtvPercent: '70',
  minDscr: '',
  engineSettings: {
    frequency: 'monthly',
    interestMethod: 'declining_balance',
    amortization: 'interest_only',
    amortizationPayments: '',
    dayCount: '30/360',
    interestPeriod: 'repayment',
    rounding: 'half_up',
    installmentMultiple: '0.01',
    oddFirstPeriod: 'level',
    businessDayRule: 'none',
    prepaymentRecalculation: 'reduce_term',
    principalGrace: 0,
    interestGrace: 0,
  },
  waterfallOrder: STANDARD_WATERFALL,
  waterfallBy: 'installment',
  requiredDocuments: [
    { key: 'government_id', label: 'Government-issued photo ID' },
    { key: 'bank_statements', label: 'Bank statements (last 2 months)' },
    { key: 'purchase_contract', label: 'Purchase contract' },
  ],
};

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
const intOrNull = (v: number | string) => (v === '' ? null : typeof v === 'number' ? v : Number(v));

/** What the API receives: '' becomes null for the optional settings. */
export function toProductInput(v: ProductFormValues): ProductSettingsInput {
  const { waterfallOrder, waterfallBy, ...rest } = v;
  return {
    ...rest,
    paymentWaterfall: { order: waterfallOrder.split(','), by: waterfallBy },
    name: v.name.trim(),
    description: orNull(v.description),
    minTermPayments: intOrNull(v.minTermPayments) as number,
    maxTermPayments: intOrNull(v.maxTermPayments) as number,
    lateFeeGraceDays: intOrNull(v.lateFeeGraceDays) as number,
    lateFeeMinimum: orNull(v.lateFeeMinimum),
    lateFeeMaximum: orNull(v.lateFeeMaximum),
    maxLtvPercent: orNull(v.maxLtvPercent),
    maxLtcPercent: orNull(v.maxLtcPercent),
    maxArvLtvPercent: orNull(v.maxArvLtvPercent),
    minDscr: orNull(v.minDscr),
    engineSettings: {
      ...v.engineSettings,
      amortizationPayments: intOrNull(v.engineSettings.amortizationPayments),
      principalGrace: intOrNull(v.engineSettings.principalGrace) as number,
      interestGrace: intOrNull(v.engineSettings.interestGrace) as number,
    },
  } as ProductSettingsInput;
}

/** A stored product's settings as form values. */
export function toProductForm(s: Record<string, unknown> & { engineSettings: Record<string, unknown> }) {
  const str = (v: unknown) => (v == null ? '' : String(v));
  const e = s.engineSettings;
  const waterfall = s.paymentWaterfall as { order?: string[]; by?: string } | undefined;
  return {
    name: str(s.name),
    kind: str(s.kind),
    description: str(s.description),
    minAmount: str(s.minAmount),
    maxAmount: str(s.maxAmount),
    minRatePercent: str(s.minRatePercent),
    maxRatePercent: str(s.maxRatePercent),
    baseRatePercent: str(s.baseRatePercent),
    minTermPayments: (s.minTermPayments as number) ?? '',
    maxTermPayments: (s.maxTermPayments as number) ?? '',
    originationPoints: str(s.originationPoints),
    originationFee: str(s.originationFee),
    lateFeePercent: str(s.lateFeePercent),
    lateFeeMinimum: str(s.lateFeeMinimum),
    lateFeeMaximum: str(s.lateFeeMaximum),
    lateFeeGraceDays: (s.lateFeeGraceDays as number) ?? 0,
    defaultRatePercent: str(s.defaultRatePercent),
    drawInterestBasis: str(s.drawInterestBasis),
    maxLtvPercent: str(s.maxLtvPercent),
    maxLtcPercent: str(s.maxLtcPercent),
    maxArvLtvPercent: str(s.maxArvLtvPercent),
    minDscr: str(s.minDscr),
    engineSettings: {
      frequency: str(e.frequency),
      interestMethod: str(e.interestMethod),
      amortization: str(e.amortization),
      amortizationPayments: (e.amortizationPayments as number | null) ?? '',
      dayCount: str(e.dayCount),
      interestPeriod: str(e.interestPeriod),
      rounding: str(e.rounding),
      installmentMultiple: str(e.installmentMultiple),
      oddFirstPeriod: str(e.oddFirstPeriod),
      businessDayRule: str(e.businessDayRule),
      prepaymentRecalculation: str(e.prepaymentRecalculation),
      principalGrace: (e.principalGrace as number) ?? 0,
      interestGrace: (e.interestGrace as number) ?? 0,
    },
    waterfallOrder: waterfall?.order?.join(',') ?? STANDARD_WATERFALL,
    waterfallBy: waterfall?.by ?? 'installment',
    requiredDocuments: ((s.requiredDocuments as { key: string; label: string }[] | undefined) ?? []).map(
      (d) => ({ key: d.key, label: d.label }),
    ),
  } satisfies ProductFormValues;
}

const validateProduct = zod4Resolver(productSettingsInput);

const options = (values: readonly string[]) => values.map((value) => ({ value, label: humanize(value) }));

function Section({ title, children, id }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

export function useProductForm(initialValues: ProductFormValues) {
  return useForm<ProductFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => validateProduct(toProductInput(values) as never),
    validateInputOnBlur: true,
  });
}

export function ProductForm({
  form,
  onSubmit,
  submitLabel,
  pending,
  error,
  readOnly,
}: {
  form: ReturnType<typeof useProductForm>;
  onSubmit: (values: ProductFormValues) => void;
  submitLabel: string;
  pending: boolean;
  error?: string | null;
  readOnly?: boolean;
}) {
  const docs = form.values.requiredDocuments;
  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate aria-label="Product settings">
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="lg">
          <Section title="Product" id="product-basics">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Name" required {...form.getInputProps('name')} />
              <Select
                label="Kind"
                required
                allowDeselect={false}
                data={options(PRODUCT_KINDS)}
                {...form.getInputProps('kind')}
              />
            </SimpleGrid>
            <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          </Section>

          <Section title="Amount, rate and term" id="product-bounds">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Smallest amount ($)"
                inputMode="decimal"
                {...form.getInputProps('minAmount')}
              />
              <TextInput
                label="Largest amount ($)"
                inputMode="decimal"
                {...form.getInputProps('maxAmount')}
              />
              <TextInput
                label="Lowest rate (% a year)"
                inputMode="decimal"
                {...form.getInputProps('minRatePercent')}
              />
              <TextInput
                label="Highest rate (% a year)"
                inputMode="decimal"
                {...form.getInputProps('maxRatePercent')}
              />
              <TextInput
                label="Usual rate (% a year)"
                inputMode="decimal"
                {...form.getInputProps('baseRatePercent')}
              />
              <TextInput
                label="Default rate (% a year)"
                description="Charged while the loan is in default."
                inputMode="decimal"
                {...form.getInputProps('defaultRatePercent')}
              />
              <NumberInput
                label="Shortest term (installments)"
                allowDecimal={false}
                min={1}
                {...form.getInputProps('minTermPayments')}
              />
              <NumberInput
                label="Longest term (installments)"
                allowDecimal={false}
                min={1}
                {...form.getInputProps('maxTermPayments')}
              />
            </SimpleGrid>
          </Section>

          <Section title="Repayment" id="product-repayment">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Payment frequency"
                allowDeselect={false}
                data={options(FREQUENCIES)}
                {...form.getInputProps('engineSettings.frequency')}
              />
              <Select
                label="Amortization"
                allowDeselect={false}
                data={options(AMORTIZATIONS)}
                {...form.getInputProps('engineSettings.amortization')}
              />
              <NumberInput
                label="Amortize over (installments)"
                description="Empty: the term. Longer than the term makes a balloon."
                allowDecimal={false}
                min={1}
                {...form.getInputProps('engineSettings.amortizationPayments')}
              />
              <Select
                label="Interest method"
                allowDeselect={false}
                data={options(INTEREST_METHODS)}
                {...form.getInputProps('engineSettings.interestMethod')}
              />
              <Select
                label="Day count"
                allowDeselect={false}
                data={DAY_COUNTS.map((v) => ({ value: v, label: v }))}
                {...form.getInputProps('engineSettings.dayCount')}
              />
              <Select
                label="Interest period"
                allowDeselect={false}
                data={options(INTEREST_PERIODS)}
                {...form.getInputProps('engineSettings.interestPeriod')}
              />
              <Select
                label="Rounding"
                allowDeselect={false}
                data={options(ROUNDINGS)}
                {...form.getInputProps('engineSettings.rounding')}
              />
              <TextInput
                label="Installment multiple ($)"
                description="Installments are rounded up to this step."
                inputMode="decimal"
                {...form.getInputProps('engineSettings.installmentMultiple')}
              />
              <Select
                label="Odd first period"
                allowDeselect={false}
                data={options(ODD_FIRST_PERIODS)}
                {...form.getInputProps('engineSettings.oddFirstPeriod')}
              />
              <Select
                label="Business-day rule"
                allowDeselect={false}
                data={options(BUSINESS_DAY_RULES)}
                {...form.getInputProps('engineSettings.businessDayRule')}
              />
              <Select
                label="After a prepayment"
                allowDeselect={false}
                data={options(PREPAYMENT_RECALCULATIONS)}
                {...form.getInputProps('engineSettings.prepaymentRecalculation')}
              />
              <NumberInput
                label="Interest-only installments first"
                allowDecimal={false}
                min={0}
                {...form.getInputProps('engineSettings.principalGrace')}
              />
              <NumberInput
                label="Installments with deferred interest"
                allowDecimal={false}
                min={0}
                {...form.getInputProps('engineSettings.interestGrace')}
              />
              <Select
                label="Draw interest basis"
                description="Construction: interest on drawn funds or on the full commitment."
                allowDeselect={false}
                data={options(DRAW_INTEREST_BASES)}
                {...form.getInputProps('drawInterestBasis')}
              />
            </SimpleGrid>
          </Section>

          <Section title="Points, fees and late fees" id="product-fees">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Origination points (%)"
                inputMode="decimal"
                {...form.getInputProps('originationPoints')}
              />
              <TextInput
                label="Origination fees ($)"
                inputMode="decimal"
                {...form.getInputProps('originationFee')}
              />
              <TextInput
                label="Late fee (% of the installment)"
                inputMode="decimal"
                {...form.getInputProps('lateFeePercent')}
              />
              <NumberInput
                label="Grace days before a late fee"
                allowDecimal={false}
                min={0}
                {...form.getInputProps('lateFeeGraceDays')}
              />
              <TextInput
                label="Smallest late fee ($)"
                description="Optional."
                inputMode="decimal"
                {...form.getInputProps('lateFeeMinimum')}
              />
              <TextInput
                label="Largest late fee ($)"
                description="Optional."
                inputMode="decimal"
                {...form.getInputProps('lateFeeMaximum')}
              />
            </SimpleGrid>
          </Section>

          <Section title="Payment waterfall" id="product-waterfall">
            <Text size="sm" c="dimmed">
              The order in which a payment pays what is due. Loans keep the waterfall of the product version
              they were funded on.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Order"
                allowDeselect={false}
                data={[
                  ...Object.entries(WATERFALL_ORDERS).map(([value, label]) => ({ value, label })),
                  ...(form.values.waterfallOrder in WATERFALL_ORDERS
                    ? []
                    : [
                        {
                          value: form.values.waterfallOrder,
                          label: `Custom: ${form.values.waterfallOrder.split(',').join(' → ')}`,
                        },
                      ]),
                ]}
                {...form.getInputProps('waterfallOrder')}
              />
              <Select
                label="Oldest first by"
                description="Installment: all of the oldest installment, then the next. Component: the first part on every installment, then the next part."
                allowDeselect={false}
                data={[
                  { value: 'installment', label: 'Installment' },
                  { value: 'component', label: 'Component' },
                ]}
                {...form.getInputProps('waterfallBy')}
              />
            </SimpleGrid>
          </Section>

          <Section title="Underwriting limits" id="product-limits">
            <Text size="sm" c="dimmed">
              Applications beyond these limits are flagged in the workspace. Leave empty for no limit.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Largest LTV (%)"
                inputMode="decimal"
                {...form.getInputProps('maxLtvPercent')}
              />
              <TextInput
                label="Largest LTC (%)"
                inputMode="decimal"
                {...form.getInputProps('maxLtcPercent')}
              />
              <TextInput
                label="Largest ARV-LTV (%)"
                inputMode="decimal"
                {...form.getInputProps('maxArvLtvPercent')}
              />
              <TextInput label="Smallest DSCR" inputMode="decimal" {...form.getInputProps('minDscr')} />
            </SimpleGrid>
          </Section>

          <Section title="Required documents" id="product-documents">
            <Text size="sm" c="dimmed">
              The checklist borrowers upload against. The key is what the checklist refers to.
            </Text>
            {docs.length === 0 && (
              <Text size="sm" c="dimmed">
                No required documents.
              </Text>
            )}
            {docs.map((doc, index) => (
              <Group key={`doc-${index.toString()}`} align="flex-start" wrap="nowrap" gap="xs">
                <TextInput
                  label="Key"
                  style={{ flex: '0 1 200px', minWidth: 0 }}
                  {...form.getInputProps(`requiredDocuments.${index}.key`)}
                />
                <TextInput
                  label="Label"
                  style={{ flex: 1, minWidth: 0 }}
                  {...form.getInputProps(`requiredDocuments.${index}.label`)}
                />
                <ActionIcon
                  mt={26}
                  variant="subtle"
                  color="red"
                  aria-label={`Remove the required document ${doc.label || doc.key || index + 1}`}
                  onClick={() => form.removeListItem('requiredDocuments', index)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                onClick={() => form.insertListItem('requiredDocuments', { key: '', label: '' })}
              >
                Add a required document
              </Button>
            </Group>
          </Section>

          {error && (
            <Alert color="red" role="alert" title="Could not save the product">
              {error}
            </Alert>
          )}
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={pending}>
                {submitLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
