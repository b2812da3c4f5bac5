-- role_mix.sql: who are the postings for, per period? The role mix of the
-- population, so a reader sees how the population itself moved.
--
-- For every period from the first to the last posting in range, and every
-- role of the contract (../shared/docs/roles.md in the development
-- workspace; the `roles` table lists them):
--   postings  postings of the period that offer a job in that role
--   total     all postings of the period (of the selected sources)
--   share     postings / total, a fraction from 0 to 1
-- A posting offering several jobs counts for each of their roles, so a
-- period's shares can add up to more than 1; a post offering no job (a
-- candidate's) counts in total only. A period with no postings is a row with
-- total 0 and an empty share. This is the query `skilltrend roles` runs.
--
-- Parameters (all optional; in sqlite3: .param set :by year):
--   :by       week | month | quarter | year    default month
--   :since    first day, YYYY-MM-DD            default: no lower bound
--   :until    last day, YYYY-MM-DD             default: no upper bound
--   :sources  JSON array of source names       default: every source
--   :levels   JSON array of seniority levels: only postings with any  default: all
--   :remote   1 = only remote postings, 0 = only on-site             default: all
--   :unique_jobs  1 = each job once, by its first posting  default: every posting
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/role_mix.sql

WITH
params AS (
    SELECT coalesce(nullif(:by, ''), 'month') AS by_,
           coalesce(nullif(:since, ''), '0000-01-01') AS since,
           coalesce(nullif(:until, ''), '9999-12-31') AS until,
           nullif(:sources, '') AS sources,
           nullif(:levels, '') AS levels,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask,
           nullif(:remote, '') AS remote
),
-- The postings counted per day, source and role mask, in the order of
-- the postings_population index (so nothing is sorted: the filters name the
-- parameters, not a join with params).
per_day AS (
    SELECT p.dated AS day, p.source, p.role_mask, count(*) AS n
    FROM postings AS p
    WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)
    GROUP BY p.dated, p.source, p.role_mask
),
-- The same per period (its first day) and role mask: a few rows per period.
per_mask AS (
    SELECT CASE params.by_
               WHEN 'year' THEN substr(d.day, 1, 4) || '-01-01'
               WHEN 'quarter' THEN substr(d.day, 1, 5)
                   || printf('%02d', (cast(substr(d.day, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1) || '-01'
               WHEN 'week' THEN date(d.day, '-6 days', 'weekday 1')
               ELSE substr(d.day, 1, 7) || '-01'
           END AS start,
           coalesce(d.role_mask, 0) AS role_mask, sum(d.n) AS n
    FROM per_day AS d, params
    GROUP BY start, coalesce(d.role_mask, 0)
),
totals AS (
    SELECT start, sum(n) AS total FROM per_mask GROUP BY start
),
per_role AS (
    SELECT pm.start, r.id AS role, sum(pm.n) AS n
    FROM per_mask AS pm JOIN roles AS r ON (pm.role_mask & (1 << r.bit)) != 0
    GROUP BY pm.start, r.id
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
       r.id AS role,
       coalesce(pr.n, 0) AS postings,
       coalesce(t.total, 0) AS total,
       CASE WHEN t.total > 0 THEN 1.0 * coalesce(pr.n, 0) / t.total END AS share
FROM calendar AS c
CROSS JOIN roles AS r
LEFT JOIN totals AS t ON t.start = c.start
LEFT JOIN per_role AS pr ON pr.start = c.start AND pr.role = r.id
WHERE c.start IS NOT NULL
ORDER BY c.start, r.bit;
