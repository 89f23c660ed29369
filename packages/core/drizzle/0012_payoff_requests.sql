ALTER TYPE "public"."notification_kind" ADD VALUE 'payoff_letter_sent';--> statement-breakpoint
CREATE TABLE "payoff_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"good_through" date NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"idempotency_key" text NOT NULL,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"answer_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payoff_requests_status_ck" CHECK ("payoff_requests"."status" in ('open', 'sent')),
	CONSTRAINT "payoff_requests_note_len_ck" CHECK (char_length("payoff_requests"."note") <= 1000),
	CONSTRAINT "payoff_requests_answer_note_len_ck" CHECK (char_length("payoff_requests"."answer_note") <= 500)
);
--> statement-breakpoint
ALTER TABLE "payoff_requests" ADD CONSTRAINT "payoff_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payoff_requests" ADD CONSTRAINT "payoff_requests_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payoff_requests" ADD CONSTRAINT "payoff_requests_requested_by_app_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payoff_requests" ADD CONSTRAINT "payoff_requests_answered_by_app_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payoff_requests_org_key_uq" ON "payoff_requests" USING btree ("organization_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "payoff_requests_org_status_idx" ON "payoff_requests" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "payoff_requests_loan_idx" ON "payoff_requests" USING btree ("loan_id","created_at");