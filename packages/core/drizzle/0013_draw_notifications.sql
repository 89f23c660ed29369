ALTER TYPE "public"."notification_kind" ADD VALUE 'draw_requested';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'draw_inspection_scheduled';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'draw_approved';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'draw_rejected';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'draw_disbursed';