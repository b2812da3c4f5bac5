-- company_share.sql: what share of the companies posting in a period
-- mention each skill?
--
-- HN companies repost every month; counting companies instead of postings
-- keeps one company's reposts from weighing as many. A company is its name
-- trimmed and case-folded (SQLite's lower(): ASCII letters); postings
-- without a company are left out of both counts and counted in
-- `without_company`.
--   mentioning       distinct companies with a posting that mentions the skill
--   total            distinct companies with a posting in the period
--   share            mentioning / total (empty when no company: a gap)
--   without_company  the period's postings (of the population) with no company
-- This is the query `skilltrend report --metric companies` runs.
--
-- Parameters: as skill_share.sql (:skills, :by, :since, :until, :sources,
-- :rollup, :roles, :levels, :remote, :unique_jobs).
--
-- Each period is counted on its own (one range of postings_population for
-- the companies, one range of posting_skills_series per skill, each
-- posting_skills row carrying its posting's company since migration 0013):
-- a count(DISTINCT) over a period's few thousand postings at a time, never
-- a sort of every posting at once.
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/company_share.sql

WITH
params AS (
    SELECT coalesce(nullif(:skills, ''), '["python","java","php","sql"]') AS skills,
           coalesce(nullif(:by, ''), 'month') AS by_,
           (SELECT coalesce(sum(1 << bit), 0) FROM roles
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:roles, ''), '[]')))) AS role_mask,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask
),
wanted (skill, ord) AS (
    SELECT value, key FROM json_each((SELECT skills FROM params))
),
members (skill, member) AS MATERIALIZED (
    SELECT skill, skill FROM wanted
    UNION
    SELECT w.skill, si.skill_id
    FROM wanted AS w JOIN skill_implies AS si ON si.implied_id = w.skill
    WHERE coalesce(nullif(:rollup, '') + 0, 0) = 1
),
-- The first and last day with a posting in range (of any population: the
-- periods without one of the population are dropped below).
bounds AS (
    SELECT (SELECT min(p.dated) FROM postings AS p
            WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31'))
               AS first_day,
           (SELECT max(p.dated) FROM postings AS p
            WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31'))
               AS last_day
),
-- Every period from the first day's to the last day's, with the first day
-- of the next (so that gaps show).
calendar (start, next) AS (
    SELECT start, CASE (SELECT by_ FROM params)
                      WHEN 'year' THEN date(start, '+1 year')
                      WHEN 'quarter' THEN date(start, '+3 months')
                      WHEN 'week' THEN date(start, '+7 days')
                      ELSE date(start, '+1 month')
                  END
    FROM (SELECT CASE (SELECT by_ FROM params)
                     WHEN 'year' THEN substr(first_day, 1, 4) || '-01-01'
                     WHEN 'quarter' THEN substr(first_day, 1, 5)
                         || printf('%02d', (cast(substr(first_day, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1) || '-01'
                     WHEN 'week' THEN date(first_day, '-6 days', 'weekday 1')
                     ELSE substr(first_day, 1, 7) || '-01'
                 END AS start
          FROM bounds WHERE first_day IS NOT NULL)
    UNION ALL
    SELECT next, CASE (SELECT by_ FROM params)
                     WHEN 'year' THEN date(next, '+1 year')
                     WHEN 'quarter' THEN date(next, '+3 months')
                     WHEN 'week' THEN date(next, '+7 days')
                     ELSE date(next, '+1 month')
                 END
    FROM calendar
    WHERE next <= (SELECT last_day FROM bounds)
),
-- Each period's first and last day in range: one range of an index each.
spans AS (
    SELECT start, next,
           max(start, coalesce(nullif(:since, ''), '0000-01-01')) AS lo,
           min(date(next, '-1 day'), coalesce(nullif(:until, ''), '9999-12-31')) AS hi
    FROM calendar
),
-- Each period's population: its postings (one range of postings_population,
-- which holds company), the distinct companies among them and the
-- postings without one.
-- (One subquery giving the three as a JSON array, MATERIALIZED: each
-- period's range is read once. Each posting's company is folded once, in
-- the inner query; LIMIT -1 keeps SQLite from merging it into the outer
-- one, which would fold it again for each aggregate that reads it.)
counts AS MATERIALIZED (
    SELECT c.start, c.lo, c.hi,
           (SELECT json_array(count(*), count(DISTINCT company), coalesce(sum(company IS NULL), 0))
            FROM (SELECT nullif(lower(trim(p.company)), '') AS company
                  FROM postings AS p
                  WHERE p.dated BETWEEN c.lo AND c.hi
                    AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
                    AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
                    AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
                    AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
                    AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)
                  LIMIT -1)) AS t
    FROM spans AS c
),
totals AS (
    SELECT start, lo, hi, t ->> 0 AS postings, t ->> 1 AS total, t ->> 2 AS without_company FROM counts
),
-- From the population's first period to its last.
periods AS (
    SELECT start, lo, hi, postings, total, without_company FROM totals
    WHERE start BETWEEN (SELECT min(start) FROM totals WHERE postings > 0)
                    AND (SELECT max(start) FROM totals WHERE postings > 0)
),
-- (MATERIALIZED: each count is run once, not once per column reading it.)
counted AS MATERIALIZED (
    SELECT c.start, c.total, c.without_company, w.skill, w.ord,
           -- The distinct companies of the period's postings that mention the
           -- skill (or, with :rollup, a skill implying it).
           CASE WHEN c.total > 0 THEN
               (SELECT count(DISTINCT ps.company)
                FROM members AS m CROSS JOIN posting_skills AS ps ON ps.skill_id = m.member
                WHERE m.skill = w.skill AND ps.company IS NOT NULL
                  AND ps.dated BETWEEN c.lo AND c.hi
                  AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
                  AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
                  AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
                  AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
                  AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1))
           ELSE 0 END AS mentioning
    FROM periods AS c
    CROSS JOIN wanted AS w
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
       CASE WHEN total > 0 THEN 1.0 * mentioning / total END AS share,
       without_company
FROM counted
ORDER BY start, ord;
