CREATE TYPE "public"."draw_status" AS ENUM('requested', 'inspection_scheduled', 'inspected', 'approved', 'rejected', 'disbursed');--> statement-breakpoint
CREATE TABLE "draw_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"budget" numeric(18, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draw_budget_lines_budget_positive" CHECK ("draw_budget_lines"."budget" > 0)
);
--> statement-breakpoint
CREATE TABLE "draw_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"draw_request_id" uuid NOT NULL,
	"scheduled_for" date NOT NULL,
	"inspector" text NOT NULL,
	"scheduled_by" text NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"percent_complete" integer,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "draw_inspections_percent_range" CHECK ("draw_inspections"."percent_complete" is null or ("draw_inspections"."percent_complete" between 0 and 100))
);
--> statement-breakpoint
CREATE TABLE "draw_request_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"draw_request_id" uuid NOT NULL,
	"budget_line_id" uuid NOT NULL,
	"amount_requested" numeric(18, 2) NOT NULL,
	"amount_approved" numeric(18, 2),
	CONSTRAINT "draw_request_lines_requested_positive" CHECK ("draw_request_lines"."amount_requested" > 0),
	CONSTRAINT "draw_request_lines_approved_not_negative" CHECK ("draw_request_lines"."amount_approved" is null or "draw_request_lines"."amount_approved" >= 0)
);
--> statement-breakpoint
CREATE TABLE "draw_request_photos" (
	"organization_id" uuid NOT NULL,
	"draw_request_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	CONSTRAINT "draw_request_photos_draw_request_id_document_id_pk" PRIMARY KEY("draw_request_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "draw_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "draw_status" DEFAULT 'requested' NOT NULL,
	"requested_by" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"note" text,
	"amount_requested" numeric(18, 2) NOT NULL,
	"amount_approved" numeric(18, 2),
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"disbursed_on" date,
	"disbursed_by" text,
	"ledger_entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draw_budget_lines" ADD CONSTRAINT "draw_budget_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_budget_lines" ADD CONSTRAINT "draw_budget_lines_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_inspections" ADD CONSTRAINT "draw_inspections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_inspections" ADD CONSTRAINT "draw_inspections_draw_request_id_draw_requests_id_fk" FOREIGN KEY ("draw_request_id") REFERENCES "public"."draw_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_inspections" ADD CONSTRAINT "draw_inspections_scheduled_by_app_users_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_inspections" ADD CONSTRAINT "draw_inspections_completed_by_app_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_request_lines" ADD CONSTRAINT "draw_request_lines_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_request_lines" ADD CONSTRAINT "draw_request_lines_draw_request_id_draw_requests_id_fk" FOREIGN KEY ("draw_request_id") REFERENCES "public"."draw_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_request_lines" ADD CONSTRAINT "draw_request_lines_budget_line_id_draw_budget_lines_id_fk" FOREIGN KEY ("budget_line_id") REFERENCES "public"."draw_budget_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_request_photos" ADD CONSTRAINT "draw_request_photos_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_request_photos" ADD CONSTRAINT "draw_request_photos_draw_request_id_draw_requests_id_fk" FOREIGN KEY ("draw_request_id") REFERENCES "public"."draw_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_request_photos" ADD CONSTRAINT "draw_request_photos_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_requested_by_app_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_decided_by_app_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_disbursed_by_app_users_id_fk" FOREIGN KEY ("disbursed_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_requests" ADD CONSTRAINT "draw_requests_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "draw_budget_lines_loan_name_uq" ON "draw_budget_lines" USING btree ("loan_id","name");--> statement-breakpoint
CREATE INDEX "draw_budget_lines_org_loan_idx" ON "draw_budget_lines" USING btree ("organization_id","loan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_inspections_request_uq" ON "draw_inspections" USING btree ("draw_request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_request_lines_request_line_uq" ON "draw_request_lines" USING btree ("draw_request_id","budget_line_id");--> statement-breakpoint
CREATE INDEX "draw_request_lines_budget_line_idx" ON "draw_request_lines" USING btree ("budget_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_requests_loan_number_uq" ON "draw_requests" USING btree ("loan_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_requests_org_idempotency_key_uq" ON "draw_requests" USING btree ("organization_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "draw_requests_org_loan_idx" ON "draw_requests" USING btree ("organization_id","loan_id","created_at");--> statement-breakpoint
CREATE INDEX "draw_requests_org_status_idx" ON "draw_requests" USING btree ("organization_id","status");