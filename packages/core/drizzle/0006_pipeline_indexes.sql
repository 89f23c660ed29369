DROP INDEX "applications_org_assignee_idx";--> statement-breakpoint
DROP INDEX "applications_org_product_idx";--> statement-breakpoint
CREATE INDEX "applications_org_changed_idx" ON "applications" USING btree ("organization_id","status_changed_at");--> statement-breakpoint
CREATE INDEX "applications_org_assignee_changed_idx" ON "applications" USING btree ("organization_id","assignee_user_id","status_changed_at");--> statement-breakpoint
CREATE INDEX "applications_org_product_changed_idx" ON "applications" USING btree ("organization_id","product_id","status_changed_at");