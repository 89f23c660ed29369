-- Trigram matching for the pipeline search (applications.search_text, a GIN index): a substring
-- search ("smith", "oak st", "1042") served by an index, also at 50,000 applications.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
