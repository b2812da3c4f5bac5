-- new_vs_open.sql: per month, how many postings appeared, and how many were
-- still open?
--
-- From the crawls' own observations (first_seen_at, last_seen_at), per
-- month: postings first seen that month (new), and postings open during it
-- (first seen on or before its last day and last seen on or after its first
-- day). Meaningful for boards crawled on a schedule (Greenhouse, Lever,
-- Ashby, feeds); HN backfills are all "first seen" on the day of the crawl.
--
-- Parameters (optional):
--   :sources  JSON array of source names    default: every source
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/new_vs_open.sql

WITH RECURSIVE
params AS (SELECT nullif(:sources, '') AS sources),
scoped AS (
    SELECT p.first_seen_at, p.last_seen_at FROM postings AS p, params
    WHERE params.sources IS NULL OR p.source IN (SELECT value FROM json_each(params.sources))
),
months (start) AS (
    SELECT date(min(first_seen_at), 'start of month') FROM scoped
    UNION ALL
    SELECT date(start, '+1 month') FROM months
    WHERE start < (SELECT date(max(last_seen_at), 'start of month') FROM scoped)
)
SELECT strftime('%Y-%m', m.start) AS month,
       (SELECT count(*) FROM scoped
        WHERE first_seen_at >= m.start AND first_seen_at < date(m.start, '+1 month')) AS new,
       (SELECT count(*) FROM scoped
        WHERE first_seen_at < date(m.start, '+1 month') AND last_seen_at >= m.start) AS open
FROM months AS m
WHERE m.start IS NOT NULL
ORDER BY m.start;
