-- Hand-edited after drizzle-kit generate: text has no automatic cast to numeric, so USING converts the existing values.
ALTER TABLE "loan_rate_changes" ALTER COLUMN "annual_rate_percent" SET DATA TYPE numeric(14, 10) USING "annual_rate_percent"::numeric(14, 10);
