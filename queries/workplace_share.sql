-- workplace_share.sql: what share of postings are remote, hybrid, on-site,
-- or do not say, per period?
--
-- A posting's class is its `workplace` column, which holds what its source
-- states: remote (HN's REMOTE, Lever's and Ashby's workplace type,
-- JSON-LD's TELECOMMUTE, "Remote" in a location), hybrid (HN's HYBRID,
-- Lever's and Ashby's workplace type, "Hybrid" in a location), on-site
-- (HN's ONSITE, the workplace types); unstated when it says none (NULL). A
-- first line offering several ("REMOTE or ONSITE") counts as the most
-- remote it offers. Postings stored before migration 0009 read hybrid as
-- on-site until their source is crawled again.
--   skill       remote | hybrid | onsite | unstated
--   mentioning  postings of the period in that class
--   total       all postings of the period (and population)
--   share       mentioning / total (the four add up to 1; empty for a
--               period with no postings)
-- This is the query `skilltrend report --metric remote` runs.
--
-- Parameters (all optional): :by, :since, :until, :sources, :roles,
-- :levels, :unique_jobs as in skill_share.sql.
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/workplace_share.sql

WITH
params AS (
    SELECT coalesce(nullif(:by, ''), 'month') AS by_,
           (SELECT coalesce(sum(1 << bit), 0) FROM roles
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:roles, ''), '[]')))) AS role_mask,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask
),
classes (skill, ord) AS (
    VALUES ('remote', 0), ('hybrid', 1), ('onsite', 2), ('unstated', 3)
),
per_day AS (
    SELECT p.dated AS day, count(*) AS total,
           sum(p.workplace IS 'remote') AS remote, sum(p.workplace IS 'hybrid') AS hybrid,
           sum(p.workplace IS 'onsite') AS onsite, sum(p.workplace IS NULL) AS unstated
    FROM postings AS p
    WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
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
    SELECT pr.start, sum(pd.total) AS total,
           sum(pd.remote) AS remote, sum(pd.hybrid) AS hybrid, sum(pd.onsite) AS onsite,
           sum(pd.unstated) AS unstated
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
),
counted AS (
    SELECT c.start, k.skill, k.ord, coalesce(t.total, 0) AS total,
           coalesce(CASE k.skill WHEN 'remote' THEN t.remote WHEN 'hybrid' THEN t.hybrid WHEN 'onsite' THEN t.onsite
                        ELSE t.unstated END, 0)
               AS mentioning
    FROM calendar AS c
    CROSS JOIN classes AS k
    LEFT JOIN totals AS t ON t.start = c.start
    WHERE c.start IS NOT NULL
)
SELECT CASE (SELECT by_ FROM params)
           WHEN 'year' THEN strftime('%Y', start)
           WHEN 'quarter' THEN strftime('%Y', start) || '-Q' || ((cast(strftime('%m', start) AS INTEGER) + 2) / 3)
           WHEN 'week' THEN strftime('%Y', start, '+3 days') || '-W'
               || printf('%02d', (cast(strftime('%j', start, '+3 days') AS INTEGER) - 1) / 7 + 1)
           ELSE strftime('%Y-%m', start)
       END AS period,
       skill,
       mentioning,
       total,
       CASE WHEN total > 0 THEN 1.0 * mentioning / total END AS share
FROM counted
ORDER BY start, ord;
