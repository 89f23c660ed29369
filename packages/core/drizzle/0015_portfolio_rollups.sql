CREATE TABLE "portfolio_pipeline_counts" (
	"organization_id" uuid NOT NULL,
	"status" "application_status" NOT NULL,
	"applications" bigint DEFAULT 0 NOT NULL,
	"requested_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "portfolio_pipeline_counts_organization_id_status_pk" PRIMARY KEY("organization_id","status")
);
--> statement-breakpoint
CREATE TABLE "portfolio_rollups" (
	"organization_id" uuid NOT NULL,
	"status" "loan_status" NOT NULL,
	"oldest_unpaid_due_date" date NOT NULL,
	"maturity_date" date NOT NULL,
	"loans" bigint DEFAULT 0 NOT NULL,
	"unpaid_principal" numeric(20, 2) DEFAULT '0' NOT NULL,
	"rate_weight" numeric DEFAULT '0' NOT NULL,
	"ltv_base" numeric(20, 2) DEFAULT '0' NOT NULL,
	"ltv_weight" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "portfolio_rollups_organization_id_status_oldest_unpaid_due_date_maturity_date_pk" PRIMARY KEY("organization_id","status","oldest_unpaid_due_date","maturity_date")
);
--> statement-breakpoint
ALTER TABLE "portfolio_pipeline_counts" ADD CONSTRAINT "portfolio_pipeline_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rollups" ADD CONSTRAINT "portfolio_rollups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;