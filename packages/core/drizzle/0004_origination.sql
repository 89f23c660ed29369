CREATE TYPE "public"."applicant_kind" AS ENUM('individual', 'entity');--> statement-breakpoint
CREATE TYPE "public"."application_status" AS ENUM('draft', 'submitted', 'in_review', 'offered', 'accepted', 'approved', 'funded', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."condition_status" AS ENUM('open', 'satisfied', 'waived');--> statement-breakpoint
CREATE TYPE "public"."draw_interest_basis" AS ENUM('drawn_funds', 'full_commitment');--> statement-breakpoint
CREATE TYPE "public"."entity_type" AS ENUM('llc', 'corporation', 'partnership', 'trust', 'other');--> statement-breakpoint
CREATE TYPE "public"."ledger_entry_kind" AS ENUM('disbursement', 'draw_disbursement', 'payment', 'fee', 'late_fee', 'reversal', 'adjustment', 'payoff');--> statement-breakpoint
CREATE TYPE "public"."loan_purpose" AS ENUM('purchase', 'refinance', 'cash_out_refinance', 'construction');--> statement-breakpoint
CREATE TYPE "public"."loan_status" AS ENUM('active', 'paid_off', 'defaulted', 'charged_off');--> statement-breakpoint
CREATE TYPE "public"."message_side" AS ENUM('lender', 'borrower');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('application_submitted', 'document_rejected', 'offer_issued', 'offer_accepted', 'offer_declined', 'application_declined', 'application_approved', 'loan_funded', 'message_received', 'application_assigned');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('pending', 'accepted', 'declined', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."product_kind" AS ENUM('bridge', 'construction', 'term');--> statement-breakpoint
CREATE TYPE "public"."product_status" AS ENUM('active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."property_type" AS ENUM('single_family', 'condo', 'townhouse', 'multi_family_2_4', 'multi_family_5_plus', 'mixed_use', 'commercial', 'land');--> statement-breakpoint
CREATE TABLE "application_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" "condition_status" DEFAULT 'open' NOT NULL,
	"created_by" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"author_user_id" text NOT NULL,
	"side" "message_side" NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"author_user_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"from_status" "application_status",
	"to_status" "application_status" NOT NULL,
	"actor_user_id" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"borrower_user_id" text NOT NULL,
	"status" "application_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assignee_user_id" text,
	"product_id" uuid,
	"product_version_id" uuid,
	"requested_amount" numeric(18, 2),
	"requested_term_payments" integer,
	"loan_purpose" "loan_purpose",
	"applicant_kind" "applicant_kind",
	"first_name" text,
	"last_name" text,
	"entity_name" text,
	"entity_type" "entity_type",
	"phone" text,
	"email" text,
	"tax_id_last4" text,
	"experience_deals" integer,
	"property_address_line1" text,
	"property_address_line2" text,
	"property_city" text,
	"property_region" text,
	"property_postal_code" text,
	"property_type" "property_type",
	"purchase_price" numeric(18, 2),
	"as_is_value" numeric(18, 2),
	"after_repair_value" numeric(18, 2),
	"rehab_budget" numeric(18, 2),
	"monthly_rent" numeric(18, 2),
	"monthly_expenses" numeric(18, 2),
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"closing_reason" text,
	"search_text" text GENERATED ALWAYS AS (lower("applications"."number"::text || ' ' || coalesce("applications"."first_name", '') || ' ' || coalesce("applications"."last_name", '') || ' ' || coalesce("applications"."entity_name", '') || ' ' || coalesce("applications"."email", '') || ' ' || coalesce("applications"."property_address_line1", '') || ' ' || coalesce("applications"."property_city", '') || ' ' || coalesce("applications"."property_region", '') || ' ' || coalesce("applications"."property_postal_code", ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_tax_id_last4" CHECK ("applications"."tax_id_last4" is null or "applications"."tax_id_last4" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"status" "offer_status" DEFAULT 'pending' NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"annual_rate_percent" numeric(14, 10) NOT NULL,
	"term_payments" integer NOT NULL,
	"origination_points" numeric(14, 10) NOT NULL,
	"origination_fee" numeric(18, 2) NOT NULL,
	"terms" jsonb NOT NULL,
	"apr_percent" numeric(14, 10) NOT NULL,
	"payment_amount" numeric(18, 2) NOT NULL,
	"finance_charge" numeric(18, 2) NOT NULL,
	"prepaid_finance_charges" numeric(18, 2) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"notes" text,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signature_name" text,
	"accepted_by" text,
	"accepted_at" timestamp with time zone,
	"declined_by" text,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"superseded_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_counters" (
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "organization_counters_organization_id_name_pk" PRIMARY KEY("organization_id","name")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sequence" bigserial NOT NULL,
	"organization_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"kind" "ledger_entry_kind" NOT NULL,
	"effective_date" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"principal" numeric(18, 2) DEFAULT '0' NOT NULL,
	"interest" numeric(18, 2) DEFAULT '0' NOT NULL,
	"fees" numeric(18, 2) DEFAULT '0' NOT NULL,
	"penalties" numeric(18, 2) DEFAULT '0' NOT NULL,
	"description" text,
	"reverses_entry_id" uuid,
	"actor_user_id" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_amount_not_negative" CHECK ("ledger_entries"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "loan_installments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"loan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"period_start" date NOT NULL,
	"due_date" date NOT NULL,
	"principal" numeric(18, 2) NOT NULL,
	"interest" numeric(18, 2) NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"balance" numeric(18, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"application_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"borrower_user_id" text NOT NULL,
	"status" "loan_status" DEFAULT 'active' NOT NULL,
	"principal" numeric(18, 2) NOT NULL,
	"annual_rate_percent" numeric(14, 10) NOT NULL,
	"apr_percent" numeric(14, 10) NOT NULL,
	"terms" jsonb NOT NULL,
	"funded_on" date NOT NULL,
	"maturity_date" date NOT NULL,
	"idempotency_key" text NOT NULL,
	"funded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"recipient_user_id" text NOT NULL,
	"portal" "portal" NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"application_id" uuid,
	"loan_id" uuid,
	"data" jsonb,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_product_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"kind" "product_kind" NOT NULL,
	"description" text,
	"min_amount" numeric(18, 2) NOT NULL,
	"max_amount" numeric(18, 2) NOT NULL,
	"min_rate_percent" numeric(14, 10) NOT NULL,
	"max_rate_percent" numeric(14, 10) NOT NULL,
	"base_rate_percent" numeric(14, 10) NOT NULL,
	"min_term_payments" integer NOT NULL,
	"max_term_payments" integer NOT NULL,
	"origination_points" numeric(14, 10) DEFAULT '0' NOT NULL,
	"origination_fee" numeric(18, 2) DEFAULT '0' NOT NULL,
	"late_fee_percent" numeric(14, 10) DEFAULT '0' NOT NULL,
	"late_fee_minimum" numeric(18, 2),
	"late_fee_maximum" numeric(18, 2),
	"late_fee_grace_days" integer DEFAULT 0 NOT NULL,
	"default_rate_percent" numeric(14, 10) NOT NULL,
	"draw_interest_basis" "draw_interest_basis" DEFAULT 'drawn_funds' NOT NULL,
	"max_ltv_percent" numeric(14, 10),
	"max_ltc_percent" numeric(14, 10),
	"max_arv_ltv_percent" numeric(14, 10),
	"min_dscr" numeric(14, 10),
	"engine_settings" jsonb NOT NULL,
	"required_documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loan_product_versions_amount_bounds" CHECK ("loan_product_versions"."min_amount" > 0 and "loan_product_versions"."min_amount" <= "loan_product_versions"."max_amount"),
	CONSTRAINT "loan_product_versions_rate_bounds" CHECK ("loan_product_versions"."min_rate_percent" >= 0 and "loan_product_versions"."min_rate_percent" <= "loan_product_versions"."max_rate_percent"),
	CONSTRAINT "loan_product_versions_term_bounds" CHECK ("loan_product_versions"."min_term_payments" >= 1 and "loan_product_versions"."min_term_payments" <= "loan_product_versions"."max_term_payments")
);
--> statement-breakpoint
CREATE TABLE "loan_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "product_kind" NOT NULL,
	"status" "product_status" DEFAULT 'active' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_conditions" ADD CONSTRAINT "application_conditions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_conditions" ADD CONSTRAINT "application_conditions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_conditions" ADD CONSTRAINT "application_conditions_created_by_app_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_conditions" ADD CONSTRAINT "application_conditions_resolved_by_app_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_messages" ADD CONSTRAINT "application_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_messages" ADD CONSTRAINT "application_messages_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_messages" ADD CONSTRAINT "application_messages_author_user_id_app_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_notes" ADD CONSTRAINT "application_notes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_notes" ADD CONSTRAINT "application_notes_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_notes" ADD CONSTRAINT "application_notes_author_user_id_app_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_status_history" ADD CONSTRAINT "application_status_history_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_status_history" ADD CONSTRAINT "application_status_history_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_status_history" ADD CONSTRAINT "application_status_history_actor_user_id_app_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_borrower_user_id_app_users_id_fk" FOREIGN KEY ("borrower_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_assignee_user_id_app_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_product_id_loan_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."loan_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_product_version_id_loan_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."loan_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_product_version_id_loan_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."loan_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_issued_by_app_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_accepted_by_app_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_declined_by_app_users_id_fk" FOREIGN KEY ("declined_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_counters" ADD CONSTRAINT "organization_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_actor_user_id_app_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_installments" ADD CONSTRAINT "loan_installments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_installments" ADD CONSTRAINT "loan_installments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_product_version_id_loan_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."loan_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_borrower_user_id_app_users_id_fk" FOREIGN KEY ("borrower_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_funded_by_app_users_id_fk" FOREIGN KEY ("funded_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_user_id_app_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_product_versions" ADD CONSTRAINT "loan_product_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_product_versions" ADD CONSTRAINT "loan_product_versions_product_id_loan_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."loan_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_product_versions" ADD CONSTRAINT "loan_product_versions_created_by_app_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_products" ADD CONSTRAINT "loan_products_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_products" ADD CONSTRAINT "loan_products_created_by_app_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_conditions_app_idx" ON "application_conditions" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "application_messages_app_idx" ON "application_messages" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "application_notes_app_idx" ON "application_notes" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "application_status_history_app_idx" ON "application_status_history" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_org_number_uq" ON "applications" USING btree ("organization_id","number");--> statement-breakpoint
CREATE INDEX "applications_org_status_changed_idx" ON "applications" USING btree ("organization_id","status","status_changed_at");--> statement-breakpoint
CREATE INDEX "applications_org_created_idx" ON "applications" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "applications_org_assignee_idx" ON "applications" USING btree ("organization_id","assignee_user_id");--> statement-breakpoint
CREATE INDEX "applications_org_product_idx" ON "applications" USING btree ("organization_id","product_id");--> statement-breakpoint
CREATE INDEX "applications_org_borrower_idx" ON "applications" USING btree ("organization_id","borrower_user_id");--> statement-breakpoint
CREATE INDEX "applications_search_trgm_idx" ON "applications" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "offers_app_idx" ON "offers" USING btree ("application_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_pending_uq" ON "offers" USING btree ("application_id") WHERE "offers"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "offers_one_accepted_uq" ON "offers" USING btree ("application_id") WHERE "offers"."status" = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_org_idempotency_key_uq" ON "ledger_entries" USING btree ("organization_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "ledger_entries_loan_idx" ON "ledger_entries" USING btree ("loan_id","effective_date","sequence");--> statement-breakpoint
CREATE INDEX "ledger_entries_reverses_idx" ON "ledger_entries" USING btree ("reverses_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_installments_loan_number_uq" ON "loan_installments" USING btree ("loan_id","number");--> statement-breakpoint
CREATE INDEX "loan_installments_org_due_idx" ON "loan_installments" USING btree ("organization_id","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_org_number_uq" ON "loans" USING btree ("organization_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_org_idempotency_key_uq" ON "loans" USING btree ("organization_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "loans_application_uq" ON "loans" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "loans_org_borrower_idx" ON "loans" USING btree ("organization_id","borrower_user_id");--> statement-breakpoint
CREATE INDEX "loans_org_status_idx" ON "loans" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_user_id","organization_id","portal","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_product_versions_product_version_uq" ON "loan_product_versions" USING btree ("product_id","version");--> statement-breakpoint
CREATE INDEX "loan_product_versions_org_idx" ON "loan_product_versions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "loan_products_org_status_idx" ON "loan_products" USING btree ("organization_id","status");