/** Servicing (issue 9): ledger, payments, payoff, default, the daily run. See docs/servicing.md. */

export * from './agreement.ts';
export * from './balances.ts';
export * from './jobs.ts';
export * from './ledger.ts';
export * from './payments.ts';
export * from './payoff-requests.ts';
export * from './run.ts';
export * from './servicing.inputs.ts';
export * from './staff.ts';
export * from './submissions.ts';
