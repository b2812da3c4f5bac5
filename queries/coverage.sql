-- coverage.sql: what did the crawls cover, source by source?
--
-- One row per fact, (source, what, day):
--   first   the day of the source's first posting
--   last    the day of its last posting
--   month   a month (its first day) whose HN "Who is hiring?" thread is
--           stored complete (source_state month:YYYY-MM)
--   crawl   a day on which a crawl of the source began that ended ok
-- `skilltrend report` turns these into each period's coverage: for a
-- source with complete months (HN), the share of the period's months that
-- are complete; for any other source, the share of the period's days with
-- a successful crawl; a period's coverage is the mean over the sources
-- whose postings span it (a source with no crawl record is not counted).
--
-- Parameters (optional; in sqlite3: .param set :sources '["hn"]'):
--   :sources  JSON array of source names       default: every source
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/coverage.sql

WITH
sources AS (
    SELECT DISTINCT source FROM postings
    WHERE nullif(:sources, '') IS NULL OR source IN (SELECT value FROM json_each(nullif(:sources, '')))
)
-- (`+source`: read the by-day index in order, so each is one short scan.)
SELECT s.source, 'first' AS what,
       (SELECT p.dated FROM postings AS p WHERE +p.source = s.source ORDER BY p.dated LIMIT 1) AS day
FROM sources AS s
UNION ALL
SELECT s.source, 'last',
       (SELECT p.dated FROM postings AS p WHERE +p.source = s.source ORDER BY p.dated DESC LIMIT 1)
FROM sources AS s
UNION ALL
SELECT st.source, 'month', substr(st.key, 7) || '-01'
FROM source_state AS st JOIN sources AS s ON s.source = st.source
WHERE st.key LIKE 'month:%'
UNION ALL
SELECT DISTINCT r.source, 'crawl', date(c.started_at)
FROM crawl_run_sources AS r
JOIN crawl_runs AS c ON c.id = r.run_id
JOIN sources AS s ON s.source = r.source
WHERE r.status = 'ok';
