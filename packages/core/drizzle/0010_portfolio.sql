CREATE TABLE "portfolio_daily_cash_flows" (
	"organization_id" uuid NOT NULL,
	"day" date NOT NULL,
	"expected" numeric(18, 2) DEFAULT 0 NOT NULL,
	"collected" numeric(18, 2) DEFAULT 0 NOT NULL,
	CONSTRAINT "portfolio_daily_cash_flows_organization_id_day_pk" PRIMARY KEY("organization_id","day")
);
--> statement-breakpoint
CREATE TABLE "portfolio_loan_positions" (
	"loan_id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "loan_status" NOT NULL,
	"annual_rate_percent" numeric(14, 10) NOT NULL,
	"maturity_date" date NOT NULL,
	"as_is_value" numeric(18, 2),
	"unpaid_principal" numeric(18, 2) DEFAULT '0' NOT NULL,
	"paid_toward_schedule" numeric(18, 2) DEFAULT '0' NOT NULL,
	"oldest_unpaid_due_date" date
);
--> statement-breakpoint
ALTER TABLE "portfolio_daily_cash_flows" ADD CONSTRAINT "portfolio_daily_cash_flows_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_loan_positions" ADD CONSTRAINT "portfolio_loan_positions_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_loan_positions" ADD CONSTRAINT "portfolio_loan_positions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portfolio_loan_positions_org_status_idx" ON "portfolio_loan_positions" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "applications_org_status_amount_idx" ON "applications" USING btree ("organization_id","status","requested_amount");