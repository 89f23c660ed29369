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

-- Adds the positions `added` to their rollup rows and takes the positions `removed` away. PL/pgSQL
-- (not SQL) functions, so each statement is planned once per connection: a posting changes one
-- position, and its cost is mostly this function's fixed cost.
CREATE FUNCTION portfolio_rollup_apply(added portfolio_loan_positions[], removed portfolio_loan_positions[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  emptied portfolio_rollups[];
BEGIN
  WITH changes AS (
    SELECT p.*, 1 AS sign FROM unnest(added) p
    UNION ALL
    SELECT p.*, -1 AS sign FROM unnest(removed) p
  ),
  contributions AS (
    SELECT c.organization_id, c.status,
      CASE WHEN c.status IN ('active', 'defaulted') THEN coalesce(c.oldest_unpaid_due_date, 'infinity') ELSE 'infinity' END AS due,
      CASE WHEN c.status IN ('active', 'defaulted') THEN c.maturity_date ELSE 'infinity' END AS maturity,
      c.sign,
      c.sign * greatest(c.unpaid_principal, 0) AS upb,
      c.sign * greatest(c.unpaid_principal, 0) * c.annual_rate_percent AS rate_weight,
      CASE WHEN c.as_is_value > 0 THEN c.sign * greatest(c.unpaid_principal, 0) ELSE 0 END AS ltv_base,
      CASE WHEN c.as_is_value > 0
        THEN c.sign * round(greatest(c.unpaid_principal, 0) * greatest(c.unpaid_principal, 0) / c.as_is_value, 8)
        ELSE 0 END AS ltv_weight
    FROM changes c
  ),
  upserted AS (
    INSERT INTO portfolio_rollups AS r
      (organization_id, status, oldest_unpaid_due_date, maturity_date, loans, unpaid_principal, rate_weight, ltv_base, ltv_weight)
    SELECT organization_id, status, due, maturity,
      sum(sign), sum(upb), sum(rate_weight), sum(ltv_base), sum(ltv_weight)
    FROM contributions
    GROUP BY 1, 2, 3, 4
    -- Unchanged positions cancel out: no row is touched (or locked) for them.
    HAVING sum(sign) <> 0 OR sum(upb) <> 0 OR sum(rate_weight) <> 0 OR sum(ltv_base) <> 0 OR sum(ltv_weight) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (organization_id, status, oldest_unpaid_due_date, maturity_date) DO UPDATE SET
      loans = r.loans + excluded.loans,
      unpaid_principal = r.unpaid_principal + excluded.unpaid_principal,
      rate_weight = r.rate_weight + excluded.rate_weight,
      ltv_base = r.ltv_base + excluded.ltv_base,
      ltv_weight = r.ltv_weight + excluded.ltv_weight
    RETURNING r.*
  )
  SELECT array_agg(u) INTO emptied FROM upserted u WHERE u.loans = 0;
  -- A row whose loans all left sums to exactly 0 (the same expressions of the same values were
  -- added and taken away): delete it, so old due dates do not pile up.
  IF emptied IS NOT NULL THEN
    DELETE FROM portfolio_rollups r
    USING unnest(emptied) e
    WHERE r.organization_id = e.organization_id AND r.status = e.status
      AND r.oldest_unpaid_due_date = e.oldest_unpaid_due_date AND r.maturity_date = e.maturity_date
      AND r.loans = 0;
  END IF;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION portfolio_positions_rolled_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM portfolio_rollup_apply(
      ARRAY(SELECT ROW(n.*)::portfolio_loan_positions FROM new_rows n), '{}'::portfolio_loan_positions[]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM portfolio_rollup_apply(
      ARRAY(SELECT ROW(n.*)::portfolio_loan_positions FROM new_rows n),
      ARRAY(SELECT ROW(o.*)::portfolio_loan_positions FROM old_rows o));
  ELSE
    PERFORM portfolio_rollup_apply(
      '{}'::portfolio_loan_positions[], ARRAY(SELECT ROW(o.*)::portfolio_loan_positions FROM old_rows o));
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
CREATE FUNCTION portfolio_pipeline_add(changes portfolio_pipeline_counts[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO portfolio_pipeline_counts AS r (organization_id, status, applications, requested_amount)
  SELECT c.organization_id, c.status, sum(c.applications), sum(c.requested_amount)
  FROM unnest(changes) c
  GROUP BY 1, 2
  HAVING sum(c.applications) <> 0 OR sum(c.requested_amount) <> 0
  ORDER BY 1, 2
  ON CONFLICT (organization_id, status) DO UPDATE SET
    applications = r.applications + excluded.applications,
    requested_amount = r.requested_amount + excluded.requested_amount;
END;
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
SELECT portfolio_rollup_apply(ARRAY(SELECT p FROM portfolio_loan_positions p), '{}'::portfolio_loan_positions[]);
--> statement-breakpoint
INSERT INTO portfolio_pipeline_counts (organization_id, status, applications, requested_amount)
SELECT organization_id, status, count(*), coalesce(sum(requested_amount), 0)
FROM applications GROUP BY organization_id, status;
