-- skill_share.sql: what share of postings mention each skill, per period?
--
-- For every period (week, month, quarter or year) from the first to the last
-- posting in range, and every requested skill:
--   mentioning  postings that mention the skill
--   total       all postings of the period (of the selected sources)
--   share       mentioning / total, a fraction from 0 to 1
-- A posting is dated by posted_at (the source's own date), else by
-- first_seen_at. A period with no postings is a row with total 0 and an empty
-- share: a gap, not a zero. This is the query `skilltrend report` runs.
--
-- Parameters (all optional; in sqlite3: .param set :by quarter):
--   :skills   JSON array of skill ids          default ["python","java","php","sql"]
--   :by       week | month | quarter | year    default month
--   :since    first day, YYYY-MM-DD            default: no lower bound
--   :until    last day, YYYY-MM-DD             default: no upper bound
--   :sources  JSON array of source names       default: every source
--   :rollup   1 = also count postings that mention a skill implying it
--             (e.g. MySQL or T-SQL for sql)    default 0
--   :roles    JSON array of role ids: only postings with any of them
--             (["backend","fullstack"] = back-end postings)  default: all
--   :levels   JSON array of seniority levels: only postings with any
--             (["senior","staff"])              default: all
--   :remote   1 = only remote postings, 0 = only on-site  default: all
--   :unique_jobs  1 = each job once, in the period of its first posting
--             (postings.job_first; see docs/schema.md)  default: every posting
-- The population (the postings counted in `total`) is the postings that
-- pass every filter; `mentioning` counts the same population.
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/skill_share.sql
-- Periods are labelled YYYY-MM, YYYY-Www (ISO week), YYYY-Qn or YYYY.

WITH
params AS (
    SELECT coalesce(nullif(:skills, ''), '["python","java","php","sql"]') AS skills,
           coalesce(nullif(:by, ''), 'month') AS by_,
           coalesce(nullif(:since, ''), '0000-01-01') AS since,
           coalesce(nullif(:until, ''), '9999-12-31') AS until,
           nullif(:sources, '') AS sources,
           coalesce(nullif(:rollup, '') + 0, 0) AS rollup,
           nullif(:roles, '') AS roles,
           (SELECT coalesce(sum(1 << bit), 0) FROM roles
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:roles, ''), '[]')))) AS role_mask,
           nullif(:levels, '') AS levels,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask,
           nullif(:remote, '') AS remote
),
wanted (skill, ord) AS (
    SELECT value, key FROM json_each((SELECT skills FROM params))
),
-- The skills whose mentions count for each wanted skill: itself, plus (with
-- :rollup) every skill that implies it (MATERIALIZED: computed once, not
-- for each day that reads it).
members (skill, member) AS MATERIALIZED (
    SELECT skill, skill FROM wanted
    UNION
    SELECT w.skill, si.skill_id
    FROM wanted AS w JOIN skill_implies AS si ON si.implied_id = w.skill
    WHERE (SELECT rollup FROM params) = 1
),
-- Postings of the population per day in range. (The filters name the
-- parameters themselves, not a join with params, so that the rows come in
-- index order and are counted without sorting.)
per_day AS (
    SELECT p.dated AS day, count(*) AS total
    FROM postings AS p
    WHERE p.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)
    GROUP BY p.dated
),
-- The first day of the period each day belongs to.
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
    SELECT pr.start, sum(pd.total) AS total
    FROM per_day AS pd JOIN periods AS pr USING (day)
    GROUP BY pr.start
),
-- Postings of the population that mention each skill, per day
-- (posting_skills carries each posting's day, source, masks and remote
-- flag, so this reads one index range per skill). Without roll-ups a
-- posting names a skill once, so the rows are counted as they come, in
-- index order; with them, a posting that names MySQL and SQL counts once.
hits_per_day AS (
    SELECT ps.skill_id AS skill, ps.dated AS day, count(*) AS n
    FROM posting_skills AS ps
    WHERE coalesce(nullif(:rollup, '') + 0, 0) != 1
      AND ps.skill_id IN (SELECT skill FROM wanted)
      AND ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    GROUP BY ps.skill_id, ps.dated
    UNION ALL
    -- With roll-ups: each wanted skill's postings of each day, over its
    -- members' index ranges of that day (a few hundred rows at a time;
    -- counting them for every day at once sorted millions of rows).
    SELECT w.skill, d.day,
           (SELECT count(DISTINCT ps.posting_id)
            FROM members AS m CROSS JOIN posting_skills AS ps ON ps.skill_id = m.member
            WHERE m.skill = w.skill AND ps.dated = d.day
              AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
              AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
              AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
              AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
              AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1))
    FROM wanted AS w CROSS JOIN per_day AS d
    WHERE coalesce(nullif(:rollup, '') + 0, 0) = 1
),
hits AS (
    SELECT h.skill, pr.start, sum(h.n) AS mentioning
    FROM hits_per_day AS h JOIN periods AS pr USING (day)
    GROUP BY h.skill, pr.start
),
-- Every period from the first to the last, so that gaps show.
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
       CASE WHEN t.total > 0 THEN 1.0 * coalesce(h.mentioning, 0) / t.total END AS share
FROM calendar AS c
CROSS JOIN wanted AS w
LEFT JOIN totals AS t ON t.start = c.start
LEFT JOIN hits AS h ON h.start = c.start AND h.skill = w.skill
WHERE c.start IS NOT NULL
ORDER BY c.start, w.ord;
