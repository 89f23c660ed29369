/**
 * Lending OS loan math engine — pure (no database, clock or I/O) and browser-safe.
 * See docs/loan-math.md for every setting, formula and rounding decision.
 */

export { generateSchedule, type Schedule, type ScheduleInstallment } from './schedule.ts';
export * from './schema.ts';
