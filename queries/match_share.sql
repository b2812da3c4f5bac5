-- match_share.sql: what share of postings match a full-text expression,
-- per period?
--
-- :match is an FTS5 expression over title, company and description (the
-- `postings_fts` index, as `skilltrend search` uses it), e.g.
-- '"visa sponsorship"' or 'rust AND (kafka OR "event sourcing")'.
--   skill       the expression itself
--   mentioning  postings of the population that match it
--   total       all postings of the period (and population)
--   share       mentioning / total (empty for a period with no postings)
-- This is the query `skilltrend report --match EXPR` runs, once per
-- expression; its periods are those of skill_share.sql.
--
-- Parameters: :match (default '"visa sponsorship"'), and :by, :since, :until, :sources,
-- :roles, :levels, :remote, :unique_jobs as in skill_share.sql.
--
-- Run as it is:  sqlite3 -header -csv -cmd '.param set :match rust' jobs.db < queries/match_share.sql

WITH
params AS (
    SELECT coalesce(nullif(:by, ''), 'month') AS by_,
           (SELECT coalesce(sum(1 << bit), 0) FROM roles
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:roles, ''), '[]')))) AS role_mask,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask
),
matched AS MATERIALIZED (
    SELECT rowid AS id FROM postings_fts WHERE postings_fts MATCH coalesce(nullif(:match, ''), '"visa sponsorship"')
),
-- The population's postings per day in range, and those that match.
per_day AS (
    SELECT p.dated AS day, count(*) AS total, count(m.id) AS n
    FROM postings AS p
    LEFT JOIN matched AS m ON m.id = p.id
    WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)
    GROUP BY p.dated
),
periods AS (
    SELECT day,
           CASE params.by_
               WHEN 'year' THEN substr(day, 1, 4) || '-01-01'
               WHEN 'quarter' THEN substr(day, 1, 5)
                   || printf('%02d', (cast(substr(day, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1) || '-01'
               WHEN 'week' THEN date(day, '-6 days', 'weekday 1')
               ELSE substr(day, 1, 7) || '-01'
           END AS start
    FROM per_day, params
),
totals AS (
    SELECT pr.start, sum(pd.total) AS total, sum(pd.n) AS mentioning
    FROM per_day AS pd JOIN periods AS pr USING (day)
    GROUP BY pr.start
),
calendar (start) AS (
    SELECT min(start) FROM totals
    UNION ALL
    SELECT CASE (SELECT by_ FROM params)
               WHEN 'year' THEN date(start, '+1 year')
               WHEN 'quarter' THEN date(start, '+3 months')
               WHEN 'week' THEN date(start, '+7 days')
               ELSE date(start, '+1 month')
           END
    FROM calendar
    WHERE start < (SELECT max(start) FROM totals)
)
SELECT CASE (SELECT by_ FROM params)
           WHEN 'year' THEN strftime('%Y', c.start)
           WHEN 'quarter' THEN strftime('%Y', c.start) || '-Q' || ((cast(strftime('%m', c.start) AS INTEGER) + 2) / 3)
           WHEN 'week' THEN strftime('%Y', c.start, '+3 days') || '-W'
               || printf('%02d', (cast(strftime('%j', c.start, '+3 days') AS INTEGER) - 1) / 7 + 1)
           ELSE strftime('%Y-%m', c.start)
       END AS period,
       coalesce(nullif(:match, ''), '"visa sponsorship"') AS skill,
       coalesce(t.mentioning, 0) AS mentioning,
       coalesce(t.total, 0) AS total,
       CASE WHEN t.total > 0 THEN 1.0 * coalesce(t.mentioning, 0) / t.total END AS share
FROM calendar AS c
LEFT JOIN totals AS t ON t.start = c.start
WHERE c.start IS NOT NULL
ORDER BY c.start;
