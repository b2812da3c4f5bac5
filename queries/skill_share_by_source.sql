-- skill_share_by_source.sql: what share of each source's postings mention
-- one skill, per period?
--
-- The same numbers as skill_share.sql, but one series per source: each
-- source's share is over that source's own postings of the period (its own
-- population), so that a switch of source does not look like a trend.
--   source      the source's name
--   skill       the skill id
--   mentioning  postings of the source that mention the skill
--   total       all postings of the source in the period (and population)
--   share       mentioning / total (empty when the source has no postings
--               in the period: a gap, not a zero)
-- This is the query `skilltrend report --by-source` runs.
--
-- Parameters (all optional; in sqlite3: .param set :skill '"rust"'):
--   :skill    one skill id                     default python
--   :by       week | month | quarter | year    default month
--   :since, :until   first and last day, YYYY-MM-DD
--   :sources  JSON array of source names       default: every source
--   :rollup   1 = also count skills implying it  default 0
--   :roles, :levels, :remote, :unique_jobs   the population, as in skill_share.sql
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/skill_share_by_source.sql

WITH
params AS (
    SELECT coalesce(nullif(:skill, ''), 'python') AS skill,
           coalesce(nullif(:by, ''), 'month') AS by_,
           (SELECT coalesce(sum(1 << bit), 0) FROM roles
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:roles, ''), '[]')))) AS role_mask,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask
),
members (member) AS (
    SELECT skill FROM params
    UNION
    SELECT si.skill_id FROM skill_implies AS si
    WHERE si.implied_id = (SELECT skill FROM params) AND coalesce(nullif(:rollup, '') + 0, 0) = 1
),
-- The population's postings per source and day in range.
per_day AS (
    SELECT p.source, p.dated AS day, count(*) AS total
    FROM postings AS p
    WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)
    GROUP BY p.dated, p.source
),
-- Those of them that mention the skill. Without roll-ups a posting names
-- the skill once, so the rows of its one index range are counted as they
-- come, in index order (day, then source: nothing is sorted); with them, a
-- posting that names MySQL and SQL counts once.
hits_per_day AS (
    SELECT ps.source, ps.dated AS day, count(*) AS n
    FROM posting_skills AS ps
    WHERE coalesce(nullif(:rollup, '') + 0, 0) != 1
      AND ps.skill_id = coalesce(nullif(:skill, ''), 'python')
      AND ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    GROUP BY ps.dated, ps.source
    UNION ALL
    SELECT ps.source, ps.dated AS day, count(DISTINCT ps.posting_id) AS n
    FROM members AS m CROSS JOIN posting_skills AS ps ON ps.skill_id = m.member
    WHERE coalesce(nullif(:rollup, '') + 0, 0) = 1
      AND ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    GROUP BY ps.source, ps.dated
),
days AS (SELECT DISTINCT day FROM per_day),
periods AS (
    SELECT day,
           CASE params.by_
               WHEN 'year' THEN substr(day, 1, 4) || '-01-01'
               WHEN 'quarter' THEN substr(day, 1, 5)
                   || printf('%02d', (cast(substr(day, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1) || '-01'
               WHEN 'week' THEN date(day, '-6 days', 'weekday 1')
               ELSE substr(day, 1, 7) || '-01'
           END AS start
    FROM days, params
),
totals AS (
    SELECT pd.source, pr.start, sum(pd.total) AS total
    FROM per_day AS pd JOIN periods AS pr USING (day)
    GROUP BY pd.source, pr.start
),
hits AS (
    SELECT h.source, pr.start, sum(h.n) AS mentioning
    FROM hits_per_day AS h JOIN periods AS pr USING (day)
    GROUP BY h.source, pr.start
),
sources AS (SELECT DISTINCT source FROM per_day),
-- Every period from the first to the last of any source, so gaps show.
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
       s.source AS source,
       (SELECT skill FROM params) AS skill,
       coalesce(h.mentioning, 0) AS mentioning,
       coalesce(t.total, 0) AS total,
       CASE WHEN t.total > 0 THEN 1.0 * coalesce(h.mentioning, 0) / t.total END AS share
FROM calendar AS c
CROSS JOIN sources AS s
LEFT JOIN totals AS t ON t.start = c.start AND t.source = s.source
LEFT JOIN hits AS h ON h.start = c.start AND h.source = s.source
WHERE c.start IS NOT NULL
ORDER BY c.start, s.source;
