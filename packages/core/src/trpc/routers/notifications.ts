import { z } from 'zod';
import {
  listNotificationsInput,
  markNotificationsReadInput,
} from '../../notifications/notifications.inputs.ts';
import { listNotifications, markNotificationsRead, unreadCount } from '../../notifications/notifications.ts';
import { notificationListOut } from '../origination-outputs.ts';
import { borrowerProcedure, lenderProcedure, router } from '../trpc.ts';

const countOut = z.object({ unreadCount: z.number() });

/** In-app notifications, per portal: the lender's staff and the borrower each read their own. */
export const notificationsRouter = router({
  list: lenderProcedure('viewer')
    .input(listNotificationsInput)
    .output(notificationListOut)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.access, input)),
  unreadCount: lenderProcedure('viewer')
    .output(countOut)
    .query(async ({ ctx }) => ({ unreadCount: await unreadCount(ctx.db, ctx.access) })),
  markRead: lenderProcedure('viewer')
    .input(markNotificationsReadInput)
    .output(countOut)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.access, input.ids)),
  mine: borrowerProcedure
    .input(listNotificationsInput)
    .output(notificationListOut)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.access, input)),
  myUnreadCount: borrowerProcedure
    .output(countOut)
    .query(async ({ ctx }) => ({ unreadCount: await unreadCount(ctx.db, ctx.access) })),
  markMineRead: borrowerProcedure
    .input(markNotificationsReadInput)
    .output(countOut)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.access, input.ids)),
});
