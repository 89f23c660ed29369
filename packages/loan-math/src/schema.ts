/**
 * The loan's terms: one zod schema shared by the engine, the CLI, the tRPC calculator and the
 * portals' forms. Every error names its field in plain words (see `describeLoanMathError`).
 */
import { z } from 'zod';
import { formatDate, isCalendarDate, parseDate } from './dates.ts';
import { Dec } from './decimal.ts';
import { BUSINESS_DAY_RULES, dueDatesOf, FREQUENCIES, maturityOf } from './due-dates.ts';

export { BUSINESS_DAY_RULES, type BusinessDayRule, FREQUENCIES, type Frequency } from './due-dates.ts';
export const INTEREST_METHODS = ['declining_balance', 'flat'] as const;
export const AMORTIZATIONS = ['equal_installments', 'equal_principal', 'interest_only'] as const;
export const DAY_COUNTS = ['30/360', 'actual/360', 'actual/365', 'actual/actual'] as const;
export const INTEREST_PERIODS = ['repayment', 'daily'] as const;
export const ODD_FIRST_PERIODS = ['level', 'accrue', 'prepaid'] as const;
export const PREPAYMENT_RECALCULATIONS = ['reduce_term', 'reduce_installment'] as const;
export const ROUNDINGS = ['half_even', 'half_up'] as const;
export const WATERFALL_PARTS = ['penalties', 'fees', 'interest', 'principal'] as const;

export type InterestMethod = (typeof INTEREST_METHODS)[number];
export type Amortization = (typeof AMORTIZATIONS)[number];
export type DayCount = (typeof DAY_COUNTS)[number];
export type InterestPeriod = (typeof INTEREST_PERIODS)[number];
export type OddFirstPeriod = (typeof ODD_FIRST_PERIODS)[number];
export type PrepaymentRecalculation = (typeof PREPAYMENT_RECALCULATIONS)[number];
export type Rounding = (typeof ROUNDINGS)[number];
export type WaterfallPart = (typeof WATERFALL_PARTS)[number];

/** Upper bounds that keep every input sane (and every schedule small enough to compute). */
export const LIMITS = {
  maxPayments: 3000,
  maxAmountDigits: 15,
  maxAnnualRate: 1000,
  maxRateDecimals: 10,
  /** Longest decimal string accepted: checked before any other parsing (a long string must not cost time). */
  maxDecimalLength: 40,
  /** Longest date string accepted (YYYY-MM-DD, with some surrounding blanks). */
  maxDateLength: 20,
  /** Longest choice string accepted (every enum value is shorter). */
  maxChoiceLength: 40,
  /** Dates (and so every due date) lie within these years. */
  minYear: 1900,
  maxYear: 2200,
  maxListLength: 10_000,
} as const;

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

export interface DecimalRules {
  what: string;
  example: string;
  allowZero: boolean;
  maxDecimals: number;
  max?: number;
}

/**
 * A decimal given as a string ("5000.00"); a plain JSON number is accepted too and read through
 * its shortest decimal form (5000 → "5000"). Output: the trimmed decimal string.
 */
function decimalString(rules: DecimalRules) {
  return z
    .union([z.string(), z.number()], {
      error: (iss) =>
        iss.input === undefined
          ? `is required: give ${rules.what} such as "${rules.example}"`
          : `must be ${rules.what} written as a decimal string such as "${rules.example}" (got ${show(iss.input)})`,
    })
    .check((ctx) => {
      // First, before any other parsing: a long string must cost nothing (issue 6 §2).
      if (typeof ctx.value === 'string' && ctx.value.length > LIMITS.maxDecimalLength)
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          continue: false,
          message: `is too long: a decimal number has at most ${LIMITS.maxDecimalLength} characters (got ${ctx.value.length})`,
        });
    })
    .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
    .superRefine((s, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (!DECIMAL_RE.test(s)) {
        fail(`must be ${rules.what} written as a decimal number such as "${rules.example}" (got ${show(s)})`);
        return;
      }
      const negative = s.startsWith('-');
      const digits = s.replace(/^[+-]/, '');
      const [intPart = '', frac = ''] = digits.split('.');
      const isZero = /^0*$/.test(intPart) && /^0*$/.test(frac);
      if (negative && !isZero) return fail(`must not be negative (got ${show(s)})`);
      if (isZero && !rules.allowZero) return fail(`must be more than zero (got ${show(s)})`);
      if (frac.replace(/0+$/, '').length > rules.maxDecimals)
        return fail(`can have at most ${rules.maxDecimals} decimal places (got ${show(s)})`);
      if (intPart.replace(/^0+/, '').length > LIMITS.maxAmountDigits)
        return fail(`is too large (got ${show(s)})`);
      if (rules.max !== undefined && new Dec(digits).gt(rules.max))
        return fail(`can be at most ${rules.max} (got ${show(s)})`);
    })
    .transform((s) => {
      const t = s.replace(/^\+/, '');
      return t.startsWith('-') ? t.slice(1) : t; // only "-0" can reach this point
    });
}

/** A decimal string (or JSON number) with the given rules; see decimalString. */
export const decimalSchema = (rules: DecimalRules) => decimalString(rules);

export const moneySchema = (what = 'an amount', example = '5000.00') =>
  decimalString({ what, example, allowZero: false, maxDecimals: 2 });

function isoDate(what: string) {
  return z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? `is required: give ${what} as YYYY-MM-DD`
          : `must be ${what} written as YYYY-MM-DD (got ${show(iss.input)})`,
    })
    .max(LIMITS.maxDateLength, {
      abort: true,
      error: (iss) =>
        `is too long: give ${what} as YYYY-MM-DD (got ${typeof iss.input === 'string' ? iss.input.length : '?'} characters)`,
    })
    .trim()
    .superRefine((s, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `must be ${what} written as YYYY-MM-DD (got ${show(s)})` });
        return;
      }
      if (!isCalendarDate(s)) {
        ctx.addIssue({ code: 'custom', message: `is not a real calendar date (got ${show(s)})` });
        return;
      }
      const year = Number.parseInt(s.slice(0, 4), 10);
      if (year < LIMITS.minYear || year > LIMITS.maxYear)
        ctx.addIssue({
          code: 'custom',
          message: `must be between the years ${LIMITS.minYear} and ${LIMITS.maxYear} (got ${show(s)})`,
        });
    });
}

export const dateSchema = isoDate;

function count(what: string, minimum: number) {
  return z
    .number({
      error: (iss) =>
        iss.input === undefined
          ? `is required: give ${what} as a whole number`
          : `must be ${what} as a whole number (got ${show(iss.input)})`,
    })
    .int({ error: (iss) => `must be a whole number (got ${show(iss.input)})` })
    .min(minimum, { error: (iss) => `must be at least ${minimum} (got ${show(iss.input)})` })
    .max(LIMITS.maxPayments, {
      error: (iss) => `can be at most ${LIMITS.maxPayments} (got ${show(iss.input)})`,
    });
}

function choice<const T extends readonly [string, ...string[]]>(values: T) {
  const message = (input: unknown) =>
    input === undefined
      ? `is required: choose one of ${values.join(', ')}`
      : `must be one of ${values.join(', ')} (got ${show(input)})`;
  // The length is checked first, so that no string is looked at beyond 40 characters.
  return z
    .string({ error: (iss) => message(iss.input) })
    .max(LIMITS.maxChoiceLength, { abort: true, error: (iss) => message(iss.input) })
    .pipe(z.enum(values, { error: (iss) => message(iss.input) }));
}

/** A strict object (unknown fields are errors) whose errors read well; see strict. */
export const strictObject = <T extends z.core.$ZodLooseShape>(shape: T, what: string) => strict(shape, what);

function strict<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys')
        return `has unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')} (the known fields are ${Object.keys(shape).join(', ')})`;
      if (iss.code === 'invalid_type') return `must be ${what} (a JSON object)`;
      return undefined;
    },
  });
}

export const drawSchema = strict(
  {
    date: isoDate('the date of the disbursement'),
    amount: moneySchema('the amount disbursed', '25000.00'),
  },
  'a disbursement with a date and an amount',
);

export const lateFeeSchema = strict(
  {
    percent: decimalString({
      what: 'a percentage of the installment',
      example: '5',
      allowZero: true,
      maxDecimals: 10,
      max: 100,
    }),
    minimum: decimalString({
      what: 'an amount',
      example: '25.00',
      allowZero: true,
      maxDecimals: 2,
    }).optional(),
    maximum: decimalString({
      what: 'an amount',
      example: '500.00',
      allowZero: true,
      maxDecimals: 2,
    }).optional(),
    graceDays: z
      .number({ error: (iss) => `must be a whole number of days (got ${show(iss.input)})` })
      .int({ error: (iss) => `must be a whole number of days (got ${show(iss.input)})` })
      .min(0, { error: (iss) => `must not be negative (got ${show(iss.input)})` })
      .max(365, { error: (iss) => `can be at most 365 (got ${show(iss.input)})` })
      .default(0),
  },
  'a late-fee rule',
);

const annualRateSchema = () =>
  decimalString({
    what: 'the yearly interest rate in percent',
    example: '12.5',
    allowZero: true,
    maxDecimals: LIMITS.maxRateDecimals,
    max: LIMITS.maxAnnualRate,
  });

export const rateChangeSchema = strict(
  {
    from: isoDate('the date the new rate applies from'),
    annualRate: annualRateSchema(),
  },
  'a rate change with a "from" date and an annualRate',
);

const termsShape = {
  principal: moneySchema('the loan amount', '5000.00'),
  annualRate: annualRateSchema(),
  startDate: isoDate('the disbursement date'),
  payments: count('the number of installments', 1),
  frequency: choice(FREQUENCIES).default('monthly'),
  firstDueDate: isoDate('the first due date').optional(),
  interestMethod: choice(INTEREST_METHODS).default('declining_balance'),
  amortization: choice(AMORTIZATIONS).default('equal_installments'),
  amortizationPayments: count('the number of installments to amortize over', 1).optional(),
  dayCount: choice(DAY_COUNTS).default('actual/365'),
  interestPeriod: choice(INTEREST_PERIODS).default('repayment'),
  rounding: choice(ROUNDINGS).default('half_even'),
  installmentMultiple: moneySchema('the step installments are rounded to', '0.01').default('0.01'),
  principalGrace: count('the number of interest-only installments', 0).default(0),
  interestGrace: count('the number of installments whose interest is deferred', 0).default(0),
  draws: z
    .array(drawSchema, {
      error: (iss) => `must be a list of disbursements { "date", "amount" } (got ${show(iss.input)})`,
    })
    .max(LIMITS.maxPayments, { error: `can have at most ${LIMITS.maxPayments} disbursements` })
    .default([]),
  lateFee: lateFeeSchema.optional(),
  oddFirstPeriod: choice(ODD_FIRST_PERIODS).default('level'),
  businessDayRule: choice(BUSINESS_DAY_RULES).default('none'),
  holidays: z
    .array(isoDate('a holiday'), {
      error: (iss) => `must be a list of dates YYYY-MM-DD (got ${show(iss.input)})`,
    })
    .max(LIMITS.maxListLength, { error: `can have at most ${LIMITS.maxListLength} holidays` })
    .default([]),
  rateChanges: z
    .array(rateChangeSchema, {
      error: (iss) => `must be a list of rate changes { "from", "annualRate" } (got ${show(iss.input)})`,
    })
    .max(LIMITS.maxPayments, { error: `can have at most ${LIMITS.maxPayments} rate changes` })
    .default([]),
  prepaymentRecalculation: choice(PREPAYMENT_RECALCULATIONS).default('reduce_term'),
  originationPoints: decimalString({
    what: 'the origination points in percent of the loan amount',
    example: '2',
    allowZero: true,
    maxDecimals: LIMITS.maxRateDecimals,
    max: 100,
  }).default('0'),
  originationFee: decimalString({
    what: 'the fees charged at funding',
    example: '995.00',
    allowZero: true,
    maxDecimals: 2,
  }).default('0'),
};

function isRealDate(s: unknown): s is string {
  return typeof s === 'string' && s.length === 10 && /^\d{4}-\d{2}-\d{2}$/.test(s) && isCalendarDate(s);
}

/** Two valid YYYY-MM-DD dates compare as their strings do. */
function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isCount = (n: unknown, min: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= LIMITS.maxPayments;

export const loanTermsSchema = strict(termsShape, 'the loan terms').superRefine((t, ctx) => {
  // zod runs this even when single fields failed: only cross-check fields that are themselves valid.
  const decimalOk = (v: unknown): v is string =>
    typeof v === 'string' && v.length <= LIMITS.maxDecimalLength && /^(\d+(\.\d*)?|\.\d+)$/.test(v);
  const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (!isRealDate(t.startDate) || !isCount(t.payments, 1)) return;
  const start = t.startDate;
  if (t.firstDueDate !== undefined && isRealDate(t.firstDueDate) && compareDates(t.firstDueDate, start) <= 0)
    add(['firstDueDate'], `must be after the start date, ${t.startDate} (it is ${t.firstDueDate})`);
  if (isCount(t.amortizationPayments, 1) && t.amortizationPayments < t.payments)
    add(
      ['amortizationPayments'],
      `must be at least the number of payments, ${t.payments} (got ${t.amortizationPayments}); a longer amortization makes the last installment a balloon`,
    );
  if (isCount(t.principalGrace, 0) && t.principalGrace >= t.payments)
    add(
      ['principalGrace'],
      `must be less than the number of payments, ${t.payments} (got ${t.principalGrace})`,
    );
  if (isCount(t.interestGrace, 0) && t.interestGrace >= t.payments)
    add(
      ['interestGrace'],
      `must be less than the number of payments, ${t.payments} (got ${t.interestGrace})`,
    );
  if (t.lateFee?.minimum !== undefined && t.lateFee.maximum !== undefined) {
    if (
      decimalOk(t.lateFee.minimum) &&
      decimalOk(t.lateFee.maximum) &&
      new Dec(t.lateFee.minimum).gt(t.lateFee.maximum)
    )
      add(['lateFee', 'maximum'], `must not be below lateFee.minimum ${t.lateFee.minimum}`);
  }
  const firstDueOk = t.firstDueDate === undefined || isRealDate(t.firstDueDate);
  const holidaysOk = Array.isArray(t.holidays) && t.holidays.every(isRealDate);
  const calendarOk = firstDueOk && holidaysOk && (FREQUENCIES as readonly unknown[]).includes(t.frequency);
  if (calendarOk) {
    // Every date the engine produces stays within the dates it accepts (payoff dates included).
    const due = dueDatesOf(t);
    const last = due.dues[due.dues.length - 1]!;
    if (last > parseDate(`${LIMITS.maxYear}-12-31`))
      add(
        ['payments'],
        `make the last due date ${formatDate(last)}, after ${LIMITS.maxYear}-12-31, the last date the engine accepts (got ${t.payments})`,
      );
    else if (due.dues[0]! <= parseDate(start))
      add(
        ['businessDayRule'],
        `moves the first due date ${formatDate(due.contractual[0]!)} back to ${formatDate(due.dues[0]!)}, not after the start date ${start}: choose a later first due date or "following"`,
      );
    else if (t.oddFirstPeriod === 'prepaid' && due.irregular.w === 0)
      add(
        ['oddFirstPeriod'],
        `"prepaid" needs a first period of at least one whole period, and the first due date ${formatDate(due.dues[0]!)} is sooner: choose "level" or "accrue"`,
      );
    for (let k = 1; k < due.dues.length; k++)
      if (due.dues[k]! <= due.dues[k - 1]!) {
        add(
          ['holidays'],
          `move due date ${formatDate(due.contractual[k]!)} onto or before the previous one: the business-day rule leaves no business day between them`,
        );
        break;
      }
  }
  if (Array.isArray(t.rateChanges) && t.rateChanges.every((c) => c && isRealDate(c.from))) {
    const seen = new Set<string>();
    t.rateChanges.forEach((c, i) => {
      if (compareDates(c.from, start) <= 0)
        add(['rateChanges', i, 'from'], `must be after the start date, ${t.startDate} (it is ${c.from})`);
      if (seen.has(c.from)) add(['rateChanges', i, 'from'], `is given twice ("${c.from}")`);
      seen.add(c.from);
    });
  }
  const drawsOk =
    Array.isArray(t.draws) && t.draws.every((d) => d && isRealDate(d.date) && typeof d.amount === 'string');
  if (
    firstDueOk &&
    drawsOk &&
    t.draws.length > 0 &&
    decimalOk(t.principal) &&
    t.draws.every((d) => decimalOk(d.amount))
  ) {
    // Exact sum in cents (amounts have at most 2 decimals, ≤ 15 integer digits: BigInt is exact).
    const last = formatDate(maturityOf({ ...t, holidays: holidaysOk ? t.holidays : [] }));
    let sum = new Dec(0);
    t.draws.forEach((d, i) => {
      sum = sum.plus(d.amount);
      if (compareDates(d.date, start) < 0)
        add(['draws', i, 'date'], `must be on or after the start date, ${t.startDate} (it is ${d.date})`);
      else if (compareDates(d.date, last) >= 0)
        add(['draws', i, 'date'], `must be before the last due date ${last} (got "${d.date}")`);
    });
    if (sum.gt(t.principal))
      add(['draws'], `add up to ${sum.toFixed(2)}, more than the committed principal ${t.principal}`);
  }
});

/** Accepts `as const` literals: every array and object of an input may be readonly. */
export type ReadonlyInput<T> = T extends readonly (infer U)[]
  ? readonly ReadonlyInput<U>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyInput<T[K]> }
    : T;

/** Terms as the engine receives them (optional fields may be left out). */
export type LoanTermsInput = ReadonlyInput<z.input<typeof loanTermsSchema>>;
/** Terms after validation, with every default filled in. */
export type LoanTerms = z.output<typeof loanTermsSchema>;

export const paymentSchema = strict(
  {
    date: isoDate('the date the payment was received'),
    amount: moneySchema('the amount received', '305.00'),
  },
  'a payment with a date and an amount',
);
export type PaymentInput = ReadonlyInput<z.input<typeof paymentSchema>>;

export const chargeSchema = strict(
  {
    date: isoDate('the date the fee was charged'),
    amount: moneySchema('the fee amount', '50.00'),
    kind: choice(['fee', 'penalty']).default('fee'),
    description: z
      .string({ error: 'must be text' })
      .max(200, { abort: true, error: 'can have at most 200 characters' })
      .optional(),
  },
  'a fee with a date and an amount',
);
export type ChargeInput = ReadonlyInput<z.input<typeof chargeSchema>>;

export const allocationOptionsShape = {
  /** Components in the order a payment pays them. Default: penalties, fees, interest, principal. */
  waterfall: z
    .array(choice(WATERFALL_PARTS))
    .superRefine((w, ctx) => {
      const missing = WATERFALL_PARTS.filter((p) => !w.includes(p));
      if (missing.length > 0 || w.length !== WATERFALL_PARTS.length)
        ctx.addIssue({
          code: 'custom',
          message: `must list each of ${WATERFALL_PARTS.join(', ')} exactly once (missing or repeated: ${missing.join(', ') || 'a repeated part'})`,
        });
    })
    .default([...WATERFALL_PARTS]),
  /**
   * `installment`: pay the oldest installment's items in waterfall order before the next
   * installment's; `component`: pay the first waterfall component on every installment (oldest
   * first) before the next component.
   */
  waterfallBy: choice(['installment', 'component']).default('installment'),
};

export const allocationRequestSchema = strict(
  {
    terms: loanTermsSchema,
    payments: z
      .array(paymentSchema, { error: 'must be a list of payments { "date", "amount" }' })
      .max(10000, 'can have at most 10000 payments')
      .default([]),
    fees: z
      .array(chargeSchema, { error: 'must be a list of fees { "date", "amount" }' })
      .max(LIMITS.maxListLength, `can have at most ${LIMITS.maxListLength} fees`)
      .default([]),
    ...allocationOptionsShape,
  },
  'a request with terms and payments',
);
export type AllocationRequestInput = ReadonlyInput<z.input<typeof allocationRequestSchema>>;
export type AllocationRequest = z.output<typeof allocationRequestSchema>;

/**
 * The terms and options of a request whose payments and fees were validated before (see
 * `allocateRecordedPayments`): only these are parsed with zod (one object, cheap).
 */
export const recordedRequestSchema = strict(
  { terms: loanTermsSchema, ...allocationOptionsShape },
  'a request with terms',
);

export const payoffRequestSchema = strict(
  {
    terms: loanTermsSchema,
    payments: z
      .array(paymentSchema, { error: 'must be a list of payments { "date", "amount" }' })
      .max(10000, 'can have at most 10000 payments')
      .default([]),
    fees: z
      .array(chargeSchema, { error: 'must be a list of fees { "date", "amount" }' })
      .max(LIMITS.maxListLength, `can have at most ${LIMITS.maxListLength} fees`)
      .default([]),
    payoffDate: isoDate('the payoff date'),
    ...allocationOptionsShape,
  },
  'a payoff request with terms, payments and a payoffDate',
).superRefine((r, ctx) => {
  if (
    isRealDate(r.payoffDate) &&
    isRealDate(r.terms?.startDate) &&
    compareDates(r.payoffDate, r.terms.startDate) < 0
  )
    ctx.addIssue({
      code: 'custom',
      path: ['payoffDate'],
      message: `must be on or after the loan's start date, ${r.terms.startDate} (it is ${r.payoffDate})`,
    });
});
export type PayoffRequestInput = ReadonlyInput<z.input<typeof payoffRequestSchema>>;
export type PayoffRequest = z.output<typeof payoffRequestSchema>;

export const reamortizeRequestSchema = strict(
  {
    terms: loanTermsSchema,
    asOf: isoDate('the date to regenerate the schedule from'),
    balance: decimalString({
      what: 'the principal outstanding on that date',
      example: '4200.00',
      allowZero: true,
      maxDecimals: 2,
    }),
  },
  'a request with terms, asOf and balance',
).superRefine((r, ctx) => {
  if (isRealDate(r.asOf) && isRealDate(r.terms?.startDate) && compareDates(r.asOf, r.terms.startDate) < 0)
    ctx.addIssue({
      code: 'custom',
      path: ['asOf'],
      message: `must be on or after the loan's start date, ${r.terms.startDate} (it is ${r.asOf})`,
    });
});
export type ReamortizeRequestInput = ReadonlyInput<z.input<typeof reamortizeRequestSchema>>;

// ---------------------------------------------------------------------------------------------
// Errors for people

function pathLabel(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** One line per problem, each starting with the field it is about: `payments: must be at least 1 (got 0)`. */
export function describeZodError(error: z.ZodError, prefix: readonly PropertyKey[] = []): string {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const label = pathLabel([...prefix, ...issue.path]);
    let message = issue.message;
    if (message.startsWith('Invalid input') || message.startsWith('Unrecognized key')) {
      if (issue.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.join(', ')}`;
      else if (issue.code === 'invalid_type') message = `must be ${issue.expected} (${message})`;
    }
    lines.push(label ? `${label}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1));
  }
  return lines.join('\n');
}

/** Thrown by the engine's entry points when their input is not valid. */
export class LoanMathInputError extends Error {
  readonly issues: z.core.$ZodIssue[];
  constructor(error: z.ZodError, prefix: readonly PropertyKey[] = []) {
    super(describeZodError(error, prefix));
    this.name = 'LoanMathInputError';
    this.issues = error.issues;
  }
}

/** An input error found after validation (by the computation itself), naming the field. */
export function inputError(path: PropertyKey[], message: string): LoanMathInputError {
  return new LoanMathInputError(new z.ZodError([{ code: 'custom', path, message, input: undefined }]));
}

/** The person-readable message of any error the engine throws (or of a zod error). */
export function describeLoanMathError(error: unknown): string {
  if (error instanceof z.ZodError) return describeZodError(error);
  if (error instanceof Error) return error.message;
  return String(error);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new LoanMathInputError(r.error);
  return r.data;
}

/** Validates terms and fills defaults; throws `LoanMathInputError` naming the fields. */
export function parseLoanTerms(input: unknown): LoanTerms {
  return parseWith(loanTermsSchema, input);
}
