/**
 * The command registry. To add a command: create `commands/<name>.ts` exporting a `Command`,
 * and add it to this list.
 */
import type { Command } from '../command.ts';
import { allocateCommand } from './allocate.ts';
import { aprCommand } from './apr.ts';
import { boardCommand } from './board.ts';
import { migrateCommand } from './migrate.ts';
import { outboxCommand } from './outbox.ts';
import { payoffCommand } from './payoff.ts';
import { reamortizeCommand } from './reamortize.ts';
import { scheduleCommand } from './schedule.ts';
import { servicingCommand } from './servicing.ts';

export const commands: readonly Command[] = [
  scheduleCommand,
  payoffCommand,
  reamortizeCommand,
  allocateCommand,
  aprCommand,
  migrateCommand,
  outboxCommand,
  boardCommand,
  servicingCommand,
];
