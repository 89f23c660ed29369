-- Per-organization rollups of the portfolio (src/db/schema/portfolio.ts), kept by statement-level
-- triggers in the same transaction as the write that changed a position or an application, so the
-- dashboard folds a few thousand rows instead of one row per loan (docs/benchmarks.md, issue 9).
--
-- A position contributes to one rollup row: open loans (active, defaulted) by status, the due date
-- of their oldest unpaid installment ('infinity' when covered) and their maturity date; closed
-- loans (paid off, charged off) to one row per status. Every change adds the new rows'
-- contributions and subtracts the old rows' (the same expressions of the same values, so a row
-- whose loans all left sums to exactly 0 and is deleted); unchanged positions cancel out and touch
-- nothing. Rows are upserted in key order, so concurrent writers lock them in the same order.

-- What one position adds to its rollup row (sign -1: what it takes away).
CREATE FUNCTION portfolio_rollup_contribution(p portfolio_loan_positions, sign integer)
RETURNS portfolio_rollups LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(
    p.organization_id,
    p.status,
    CASE WHEN p.status IN ('active', 'defaulted') THEN coalesce(p.oldest_unpaid_due_date, 'infinity') ELSE 'infinity' END,
    CASE WHEN p.status IN ('active', 'defaulted') THEN p.maturity_date ELSE 'infinity' END,
    sign,
    sign * greatest(p.unpaid_principal, 0),
    sign * greatest(p.unpaid_principal, 0) * p.annual_rate_percent,
    CASE WHEN p.as_is_value > 0 THEN sign * greatest(p.unpaid_principal, 0) ELSE 0 END,
    CASE WHEN p.as_is_value > 0
      THEN sign * round(greatest(p.unpaid_principal, 0) * greatest(p.unpaid_principal, 0) / p.as_is_value, 8)
      ELSE 0 END
  )::portfolio_rollups
$$;
--> statement-breakpoint
CREATE FUNCTION portfolio_rollup_add(changes portfolio_rollups[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO portfolio_rollups AS r
    (organization_id, status, oldest_unpaid_due_date, maturity_date, loans, unpaid_principal, rate_weight, ltv_base, ltv_weight)
  SELECT c.organization_id, c.status, c.oldest_unpaid_due_date, c.maturity_date,
    sum(c.loans), sum(c.unpaid_principal), sum(c.rate_weight), sum(c.ltv_base), sum(c.ltv_weight)
  FROM unnest(changes) c
  GROUP BY 1, 2, 3, 4
  HAVING sum(c.loans) <> 0 OR sum(c.unpaid_principal) <> 0 OR sum(c.rate_weight) <> 0
    OR sum(c.ltv_base) <> 0 OR sum(c.ltv_weight) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (organization_id, status, oldest_unpaid_due_date, maturity_date) DO UPDATE SET
    loans = r.loans + excluded.loans,
    unpaid_principal = r.unpaid_principal + excluded.unpaid_principal,
    rate_weight = r.rate_weight + excluded.rate_weight,
    ltv_base = r.ltv_base + excluded.ltv_base,
    ltv_weight = r.ltv_weight + excluded.ltv_weight;
  DELETE FROM portfolio_rollups r
  USING (SELECT DISTINCT organization_id, status, oldest_unpaid_due_date, maturity_date FROM unnest(changes)) c
  WHERE r.loans = 0 AND r.organization_id = c.organization_id AND r.status = c.status
    AND r.oldest_unpaid_due_date = c.oldest_unpaid_due_date AND r.maturity_date = c.maturity_date;
$$;
--> statement-breakpoint
CREATE FUNCTION portfolio_positions_rolled_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM portfolio_rollup_add(ARRAY(SELECT portfolio_rollup_contribution(n, 1) FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM portfolio_rollup_add(ARRAY(
      SELECT portfolio_rollup_contribution(n, 1) FROM new_rows n
      UNION ALL
      SELECT portfolio_rollup_contribution(o, -1) FROM old_rows o));
  ELSE
    PERFORM portfolio_rollup_add(ARRAY(SELECT portfolio_rollup_contribution(o, -1) FROM old_rows o));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portfolio_positions_insert AFTER INSERT ON portfolio_loan_positions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_positions_rolled_up();
--> statement-breakpoint
CREATE TRIGGER portfolio_positions_update AFTER UPDATE ON portfolio_loan_positions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portfolio_positions_rolled_up();
--> statement-breakpoint
CREATE TRIGGER portfolio_positions_delete AFTER DELETE ON portfolio_loan_positions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_positions_rolled_up();
--> statement-breakpoint
-- The pipeline funnel: applications and requested amounts per organization and status.
CREATE FUNCTION portfolio_pipeline_add(changes portfolio_pipeline_counts[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO portfolio_pipeline_counts AS r (organization_id, status, applications, requested_amount)
  SELECT c.organization_id, c.status, sum(c.applications), sum(c.requested_amount)
  FROM unnest(changes) c
  GROUP BY 1, 2
  HAVING sum(c.applications) <> 0 OR sum(c.requested_amount) <> 0
  ORDER BY 1, 2
  ON CONFLICT (organization_id, status) DO UPDATE SET
    applications = r.applications + excluded.applications,
    requested_amount = r.requested_amount + excluded.requested_amount;
$$;
--> statement-breakpoint
CREATE FUNCTION portfolio_applications_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM portfolio_pipeline_add(ARRAY(
      SELECT ROW(n.organization_id, n.status, 1, coalesce(n.requested_amount, 0))::portfolio_pipeline_counts
      FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    -- Most updates (a draft saved, a note, an assignee) change neither: they cancel out.
    PERFORM portfolio_pipeline_add(ARRAY(
      SELECT ROW(n.organization_id, n.status, 1, coalesce(n.requested_amount, 0))::portfolio_pipeline_counts
      FROM new_rows n
      UNION ALL
      SELECT ROW(o.organization_id, o.status, -1, -coalesce(o.requested_amount, 0))::portfolio_pipeline_counts
      FROM old_rows o));
  ELSE
    PERFORM portfolio_pipeline_add(ARRAY(
      SELECT ROW(o.organization_id, o.status, -1, -coalesce(o.requested_amount, 0))::portfolio_pipeline_counts
      FROM old_rows o));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portfolio_applications_insert AFTER INSERT ON applications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_applications_counted();
--> statement-breakpoint
CREATE TRIGGER portfolio_applications_update AFTER UPDATE ON applications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portfolio_applications_counted();
--> statement-breakpoint
CREATE TRIGGER portfolio_applications_delete AFTER DELETE ON applications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_applications_counted();
--> statement-breakpoint
-- What exists already.
SELECT portfolio_rollup_add(ARRAY(SELECT portfolio_rollup_contribution(p, 1) FROM portfolio_loan_positions p));
--> statement-breakpoint
INSERT INTO portfolio_pipeline_counts (organization_id, status, applications, requested_amount)
SELECT organization_id, status, count(*), coalesce(sum(requested_amount), 0)
FROM applications GROUP BY organization_id, status;
