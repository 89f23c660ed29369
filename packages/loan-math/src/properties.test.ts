import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termsArb } from './arbitraries.test-support.ts';
import { allocatePayments, generateSchedule, parseLoanTerms, quotePayoff } from './index.ts';

const D = (s: string) => new Decimal(s);
const runs = { numRuns: 300 };

describe('schedule properties over random valid terms', () => {
  it('principal sums exactly to what was disbursed; totals add up', () => {
    fc.assert(
      fc.property(termsArb(), (terms) => {
        const s = generateSchedule(terms);
        const sum = s.installments.reduce((a, i) => a.plus(i.principal), D('0'));
        expect(sum.toFixed(2)).toBe(s.disbursed);
        expect(s.totals.principal).toBe(s.disbursed);
        const interest = s.installments.reduce((a, i) => a.plus(i.interest), D('0'));
        expect(interest.toFixed(2)).toBe(s.totals.interest);
        expect(s.installments.at(-1)?.balance).toBe('0.00');
        for (const i of s.installments) expect(D(i.principal).plus(i.interest).toFixed(2)).toBe(i.total);
      }),
      runs,
    );
  });

  it('no negative amount anywhere', () => {
    fc.assert(
      fc.property(termsArb(), (terms) => {
        for (const i of generateSchedule(terms).installments)
          for (const v of [i.principal, i.interest, i.total, i.balance])
            expect(D(v).isNegative()).toBe(false);
      }),
      runs,
    );
  });

  it('the balance never rises except by a draw', () => {
    fc.assert(
      fc.property(termsArb(), (terms) => {
        const t = parseLoanTerms(terms);
        const s = generateSchedule(terms);
        let prev = D('0');
        for (const i of s.installments) {
          // The first installment's period may start after the funding (`prepaid` odd days).
          const from = i.number === 1 ? t.startDate : i.periodStart;
          const drawn = t.draws
            .filter((d) => d.date >= from && d.date < i.dueDate)
            .reduce((a, d) => a.plus(d.amount), D('0'));
          const withoutDraws = t.draws.length === 0 && i.number === 1 ? D(t.principal) : drawn;
          expect(D(i.balance).lte(prev.plus(withoutDraws))).toBe(true);
          prev = D(i.balance);
        }
      }),
      runs,
    );
  });

  it('level installments are equal except the last', () => {
    fc.assert(
      fc.property(termsArb({ draws: false, issue7: false }), (terms) => {
        const t = parseLoanTerms(terms);
        fc.pre(t.amortization === 'equal_installments');
        const s = generateSchedule(terms);
        const level = s.installmentAmount!;
        const rows = s.installments;
        for (let k = Math.max(t.principalGrace, t.interestGrace); k < rows.length - 1; k++) {
          if (t.interestGrace > 0 && k === t.interestGrace) continue; // collects the deferred interest
          const r = rows[k]!;
          const paidOff = D(rows[k - 1]?.balance ?? t.principal).lte(D(level)); // nothing left to level
          const interestAboveLevel = D(r.interest).gt(level); // period interest alone exceeds it
          if (!paidOff && !interestAboveLevel) expect(r.total).toBe(level);
        }
      }),
      runs,
    );
  });

  it('paying every installment on its due date leaves nothing owed', () => {
    fc.assert(
      fc.property(termsArb({ maxPayments: 60 }), (terms) => {
        const s = generateSchedule(terms);
        const payments = s.installments
          .filter((i) => i.total !== '0.00')
          .map((i) => ({ date: i.dueDate, amount: i.total }));
        const a = allocatePayments({ terms, payments });
        expect(a.totals.principalOutstanding).toBe('0.00');
        expect(a.totals.interest).toBe(s.totals.interest);
        expect(a.totals.unapplied).toBe('0.00');
        expect(a.installments.every((i) => i.status === 'paid')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('a payoff quote on a due date equals the remaining principal plus that period’s interest', () => {
    fc.assert(
      fc.property(termsArb({ maxPayments: 60, grace: false }), fc.nat(), (terms, pick) => {
        const s = generateSchedule(terms);
        const k = pick % s.installments.length; // 0-based installment whose due date is the payoff date
        const due = s.installments[k]!;
        const payments = s.installments
          .slice(0, k)
          .filter((i) => i.total !== '0.00')
          .map((i) => ({ date: i.dueDate, amount: i.total }));
        const q = quotePayoff({ terms, payments, payoffDate: due.dueDate });
        const t = parseLoanTerms(terms);
        // before installment k's principal, plus a draw made on the payoff date itself
        const remaining = t.draws
          .filter((d) => d.date === due.dueDate)
          .reduce((a, d) => a.plus(d.amount), D(due.balance).plus(due.principal));
        expect(q.principal).toBe(remaining.toFixed(2));
        expect(q.interest).toBe(due.interest);
        expect(q.fees).toBe('0.00');
        expect(q.total).toBe(remaining.plus(due.interest).toFixed(2));
        expect(q.goodThrough).toBe(due.dueDate);
      }),
      runs,
    );
  });
});
