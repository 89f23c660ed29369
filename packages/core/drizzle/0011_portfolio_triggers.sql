-- The portfolio's running figures (src/db/schema/portfolio.ts), kept by triggers so they always
-- agree with the loans, the schedule and the ledger in the same transaction. Statement-level
-- triggers with transition tables: a bulk insert (a servicing run, a boarding import) costs one
-- set-based update, not one per row.

-- The due date of a loan's oldest installment not covered by what it has paid toward the schedule.
CREATE FUNCTION portfolio_oldest_unpaid_due_date(p_loan_id uuid, p_paid numeric) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT min(due_date) FROM (
    SELECT due_date, sum(total) OVER (ORDER BY number) AS cumulative
    FROM loan_installments WHERE loan_id = p_loan_id
  ) s WHERE s.cumulative > p_paid
$$;
--> statement-breakpoint
CREATE FUNCTION portfolio_loans_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO portfolio_loan_positions
    (loan_id, organization_id, status, annual_rate_percent, maturity_date, as_is_value)
  SELECT n.id, n.organization_id, n.status, n.annual_rate_percent, n.maturity_date, a.as_is_value
  FROM new_rows n LEFT JOIN applications a ON a.id = n.application_id
  ON CONFLICT (loan_id) DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portfolio_loans_insert AFTER INSERT ON loans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_loans_inserted();
--> statement-breakpoint
CREATE FUNCTION portfolio_loans_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE portfolio_loan_positions p
  SET status = n.status, annual_rate_percent = n.annual_rate_percent, maturity_date = n.maturity_date
  FROM new_rows n
  WHERE p.loan_id = n.id
    AND (p.status, p.annual_rate_percent, p.maturity_date)
      IS DISTINCT FROM (n.status, n.annual_rate_percent, n.maturity_date);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portfolio_loans_update AFTER UPDATE ON loans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_loans_updated();
--> statement-breakpoint
CREATE FUNCTION portfolio_installments_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO portfolio_daily_cash_flows AS f (organization_id, day, expected)
  SELECT organization_id, due_date, sum(total) FROM new_rows GROUP BY organization_id, due_date
  ORDER BY organization_id, due_date
  ON CONFLICT (organization_id, day) DO UPDATE SET expected = f.expected + excluded.expected;
  UPDATE portfolio_loan_positions p
  SET oldest_unpaid_due_date = portfolio_oldest_unpaid_due_date(p.loan_id, p.paid_toward_schedule)
  WHERE p.loan_id IN (SELECT DISTINCT loan_id FROM new_rows);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portfolio_installments_insert AFTER INSERT ON loan_installments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_installments_inserted();
--> statement-breakpoint
-- A schedule rewritten in place (construction draws recompute amounts and dates).
CREATE FUNCTION portfolio_installments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO portfolio_daily_cash_flows AS f (organization_id, day, expected)
  SELECT organization_id, day, sum(amount) FROM (
    SELECT organization_id, due_date AS day, total AS amount FROM new_rows
    UNION ALL
    SELECT organization_id, due_date, -total FROM old_rows
  ) d GROUP BY organization_id, day
  ORDER BY organization_id, day
  ON CONFLICT (organization_id, day) DO UPDATE SET expected = f.expected + excluded.expected;
  UPDATE portfolio_loan_positions p
  SET oldest_unpaid_due_date = portfolio_oldest_unpaid_due_date(p.loan_id, p.paid_toward_schedule)
  WHERE p.loan_id IN (SELECT DISTINCT loan_id FROM new_rows);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portfolio_installments_update AFTER UPDATE ON loan_installments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION portfolio_installments_updated();
--> statement-breakpoint
CREATE FUNCTION portfolio_ledger_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Received money: payments and payoffs, less reversals of them.
  INSERT INTO portfolio_daily_cash_flows AS f (organization_id, day, collected)
  SELECT n.organization_id, n.effective_date,
    sum(CASE WHEN n.kind = 'reversal' THEN -n.amount ELSE n.amount END)
  FROM new_rows n
  LEFT JOIN ledger_entries r ON n.kind = 'reversal' AND r.id = n.reverses_entry_id
  WHERE n.kind IN ('payment', 'payoff') OR (n.kind = 'reversal' AND r.kind IN ('payment', 'payoff'))
  GROUP BY n.organization_id, n.effective_date
  ORDER BY n.organization_id, n.effective_date
  ON CONFLICT (organization_id, day) DO UPDATE SET collected = f.collected + excluded.collected;
  -- Balances, and the oldest installment the payments do not cover yet.
  UPDATE portfolio_loan_positions p
  SET unpaid_principal = p.unpaid_principal + d.principal,
      paid_toward_schedule = p.paid_toward_schedule + d.paid,
      oldest_unpaid_due_date = portfolio_oldest_unpaid_due_date(p.loan_id, p.paid_toward_schedule + d.paid)
  FROM (
    SELECT loan_id, sum(principal) AS principal,
      coalesce(-sum(principal + interest) FILTER (WHERE kind NOT IN ('disbursement', 'draw_disbursement')), 0) AS paid
    FROM new_rows GROUP BY loan_id
  ) d
  WHERE p.loan_id = d.loan_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portfolio_ledger_insert AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION portfolio_ledger_inserted();
--> statement-breakpoint
-- Loans funded before this migration.
INSERT INTO portfolio_loan_positions
  (loan_id, organization_id, status, annual_rate_percent, maturity_date, as_is_value, unpaid_principal, paid_toward_schedule)
SELECT l.id, l.organization_id, l.status, l.annual_rate_percent, l.maturity_date, a.as_is_value,
  coalesce((SELECT sum(e.principal) FROM ledger_entries e WHERE e.loan_id = l.id), 0),
  coalesce((SELECT -sum(e.principal + e.interest) FROM ledger_entries e
    WHERE e.loan_id = l.id AND e.kind NOT IN ('disbursement', 'draw_disbursement')), 0)
FROM loans l LEFT JOIN applications a ON a.id = l.application_id;
--> statement-breakpoint
UPDATE portfolio_loan_positions
SET oldest_unpaid_due_date = portfolio_oldest_unpaid_due_date(loan_id, paid_toward_schedule);
--> statement-breakpoint
INSERT INTO portfolio_daily_cash_flows (organization_id, day, expected, collected)
SELECT organization_id, day, sum(expected), sum(collected) FROM (
  SELECT organization_id, due_date AS day, total AS expected, 0 AS collected FROM loan_installments
  UNION ALL
  SELECT n.organization_id, n.effective_date, 0,
    CASE WHEN n.kind = 'reversal' THEN -n.amount ELSE n.amount END
  FROM ledger_entries n LEFT JOIN ledger_entries r ON n.kind = 'reversal' AND r.id = n.reverses_entry_id
  WHERE n.kind IN ('payment', 'payoff') OR (n.kind = 'reversal' AND r.kind IN ('payment', 'payoff'))
) flows GROUP BY organization_id, day;
