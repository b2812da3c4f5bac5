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
members (skill, member) AS (
    SELECT skill, skill FROM wanted
    UNION
    SELECT w.skill, si.skill_id
    FROM wanted AS w JOIN skill_implies AS si ON si.implied_id = w.skill
    WHERE coalesce(nullif(:rollup, '') + 0, 0) = 1
),
-- The population's postings in range, each with its period and company.
population AS (
    SELECT p.id,
           CASE (SELECT by_ FROM params)
               WHEN 'year' THEN substr(p.dated, 1, 4) || '-01-01'
               WHEN 'quarter' THEN substr(p.dated, 1, 5)
                   || printf('%02d', (cast(substr(p.dated, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1) || '-01'
               WHEN 'week' THEN date(p.dated, '-6 days', 'weekday 1')
               ELSE substr(p.dated, 1, 7) || '-01'
           END AS start,
           nullif(lower(trim(p.company)), '') AS company
    FROM postings AS p
    WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)
),
totals AS (
    SELECT start, count(DISTINCT company) AS total, sum(company IS NULL) AS without_company
    FROM population
    GROUP BY start
),
hits AS (
    SELECT m.skill, pop.start, count(DISTINCT pop.company) AS mentioning
    FROM members AS m
    JOIN posting_skills AS ps ON ps.skill_id = m.member
    JOIN population AS pop ON pop.id = ps.posting_id
    WHERE pop.company IS NOT NULL
    GROUP BY m.skill, pop.start
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
       w.skill AS skill,
       coalesce(h.mentioning, 0) AS mentioning,
       coalesce(t.total, 0) AS total,
       CASE WHEN t.total > 0 THEN 1.0 * coalesce(h.mentioning, 0) / t.total END AS share,
       coalesce(t.without_company, 0) AS without_company
FROM calendar AS c
CROSS JOIN wanted AS w
LEFT JOIN totals AS t ON t.start = c.start
LEFT JOIN hits AS h ON h.start = c.start AND h.skill = w.skill
WHERE c.start IS NOT NULL
ORDER BY c.start, w.ord;
