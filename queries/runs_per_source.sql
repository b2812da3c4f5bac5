-- runs_per_source.sql: what did each crawl run bring, per source?
--
-- One row per run and source, newest first: when it ran, how it ended,
-- pages fetched (and answered 304), postings new, updated and unchanged,
-- failures and the first error.
--
-- Parameters (optional):
--   :source  a source name     default: every source
--   :limit   how many rows     default 100
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/runs_per_source.sql

SELECT r.id AS run, r.started_at, r.finished_at, s.source, s.status,
       s.pages_fetched, s.not_modified, s.robots_blocked, s.retried, s.failed,
       s.postings_new, s.postings_updated, s.postings_unchanged, s.error
FROM crawl_run_sources AS s
JOIN crawl_runs AS r ON r.id = s.run_id
WHERE nullif(:source, '') IS NULL OR s.source = nullif(:source, '')
ORDER BY r.id DESC, s.source
LIMIT coalesce(nullif(:limit, '') + 0, 100);
