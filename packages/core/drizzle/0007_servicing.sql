ALTER TYPE "public"."notification_kind" ADD VALUE 'payment_posted';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'payment_reversed';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'payment_submitted';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'payment_rejected';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'late_fee_charged';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'loan_delinquent';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'loan_matured';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'loan_defaulted';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'loan_charged_off';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'loan_paid_off';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'payoff_quote_requested';--> statement-breakpoint
CREATE TABLE "loan_rate_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"annual_rate_percent" text NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_servicing_state" (
	"loan_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"days_past_due" integer NOT NULL,
	"bucket" text NOT NULL,
	"past_due" numeric(18, 2) NOT NULL,
	"principal_outstanding" numeric(18, 2) NOT NULL,
	"next_due_date" date,
	"next_due_amount" numeric(18, 2),
	"matured_unpaid" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_receipts" (
	"ledger_entry_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"submission_id" uuid
);
--> statement-breakpoint
CREATE TABLE "payment_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"submitted_by" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"payment_date" date NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"ledger_entry_id" uuid,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_submissions_status_ck" CHECK ("payment_submissions"."status" in ('pending', 'confirmed', 'rejected')),
	CONSTRAINT "payment_submissions_amount_ck" CHECK ("payment_submissions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "servicing_run_batches" (
	"run_id" uuid NOT NULL,
	"batch" integer NOT NULL,
	"loans_processed" integer NOT NULL,
	"late_fees" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "servicing_run_batches_run_id_batch_pk" PRIMARY KEY("run_id","batch")
);
--> statement-breakpoint
CREATE TABLE "servicing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"batch_count" integer NOT NULL,
	"loan_count" integer NOT NULL,
	"ranges" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "loan_rate_changes" ADD CONSTRAINT "loan_rate_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_rate_changes" ADD CONSTRAINT "loan_rate_changes_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_rate_changes" ADD CONSTRAINT "loan_rate_changes_actor_user_id_app_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_servicing_state" ADD CONSTRAINT "loan_servicing_state_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_servicing_state" ADD CONSTRAINT "loan_servicing_state_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_submissions" ADD CONSTRAINT "payment_submissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_submissions" ADD CONSTRAINT "payment_submissions_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_submissions" ADD CONSTRAINT "payment_submissions_submitted_by_app_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_submissions" ADD CONSTRAINT "payment_submissions_decided_by_app_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_run_batches" ADD CONSTRAINT "servicing_run_batches_run_id_servicing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."servicing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "servicing_runs" ADD CONSTRAINT "servicing_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loan_rate_changes_loan_from_uq" ON "loan_rate_changes" USING btree ("loan_id","from_date");--> statement-breakpoint
CREATE INDEX "loan_servicing_state_org_bucket_idx" ON "loan_servicing_state" USING btree ("organization_id","bucket");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_submissions_org_key_uq" ON "payment_submissions" USING btree ("organization_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payment_submissions_org_status_idx" ON "payment_submissions" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "payment_submissions_loan_idx" ON "payment_submissions" USING btree ("loan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "servicing_runs_org_as_of_uq" ON "servicing_runs" USING btree ("organization_id","as_of");