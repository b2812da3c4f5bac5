-- top_skills.sql: which skills are most in demand in a period, and how has
-- that changed since the period of the same length just before?
--
-- For every skill mentioned in [:since, :until]: postings that mention it,
-- its share of all postings, the same for the previous period, and the
-- change in share (a fraction; multiply by 100 for percentage points).
-- Sorted by postings, most first. This is the query `skilltrend top` runs.
--
-- Parameters (all optional; in sqlite3: .param set :category language):
--   :since, :until         the period, YYYY-MM-DD     default: the 3 months up to the last posting
--   :prev_since, :prev_until  the period to compare with  default: the same length just before
--   :category  language | database | framework | cloud | tool   default: all
--   :sources   JSON array of source names             default: every source
--   :limit     how many skills                         default 20
--   :roles     JSON array of role ids: only postings with any of them  default: all
--   :levels    JSON array of seniority levels: only postings with any  default: all
--   :remote    1 = only remote postings, 0 = only on-site             default: all
--   :unique_jobs  1 = each job once, by its first posting  default: every posting
-- Shares are of the population: the postings that pass every filter.
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/top_skills.sql

WITH
params AS (
    SELECT until_, since_, prev_until_,
           coalesce(nullif(:prev_since, ''), date(prev_until_, '-' || cast(julianday(until_) - julianday(since_) AS INTEGER) || ' days'))
               AS prev_since_,
           sources, category, lim, roles, role_mask, levels, level_mask, remote
    FROM (
        SELECT until_, since_, coalesce(nullif(:prev_until, ''), date(since_, '-1 day')) AS prev_until_, sources, category, lim,
               roles, role_mask, levels, level_mask, remote
        FROM (
            SELECT until_, coalesce(nullif(:since, ''), date(until_, '-3 months', '+1 day')) AS since_,
                   nullif(:sources, '') AS sources, nullif(:category, '') AS category, coalesce(nullif(:limit, '') + 0, 20) AS lim,
                   nullif(:roles, '') AS roles,
                   (SELECT coalesce(sum(1 << bit), 0) FROM roles
                    WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:roles, ''), '[]')))) AS role_mask,
                   nullif(:levels, '') AS levels,
                   (SELECT coalesce(sum(1 << bit), 0) FROM levels
                    WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask,
                   nullif(:remote, '') AS remote
            FROM (SELECT coalesce(nullif(:until, ''), (SELECT max(dated) FROM postings)) AS until_)
        )
    )
),
-- Postings per skill in each period: one range of posting_skills_series
-- per skill (posting_skills carries each posting's day, source, masks and
-- remote flag), read in index order, so nothing is sorted. The filters name
-- the parameters, not a join with params, which would cost a sort.
current_counts AS (
    SELECT ps.skill_id, count(*) AS n FROM posting_skills AS ps
    WHERE ps.skill_id IN (SELECT id FROM skills WHERE nullif(:category, '') IS NULL OR category = nullif(:category, ''))
      AND ps.dated BETWEEN (SELECT since_ FROM params) AND (SELECT until_ FROM params)
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    GROUP BY ps.skill_id
),
previous_counts AS (
    SELECT ps.skill_id, count(*) AS n FROM posting_skills AS ps
    WHERE ps.skill_id IN (SELECT id FROM skills WHERE nullif(:category, '') IS NULL OR category = nullif(:category, ''))
      AND ps.dated BETWEEN (SELECT prev_since_ FROM params) AND (SELECT prev_until_ FROM params)
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    GROUP BY ps.skill_id
),
totals AS (
    SELECT (SELECT count(*) FROM postings AS p
            WHERE p.dated BETWEEN (SELECT since_ FROM params) AND (SELECT until_ FROM params)
              AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
              AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
              AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
              AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
              AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)) AS total,
           (SELECT count(*) FROM postings AS p
            WHERE p.dated BETWEEN (SELECT prev_since_ FROM params) AND (SELECT prev_until_ FROM params)
              AND (nullif(:sources, '') IS NULL OR p.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
              AND (nullif(:roles, '') IS NULL OR (p.role_mask & (SELECT role_mask FROM params)) != 0)
              AND (nullif(:levels, '') IS NULL OR (p.level_mask & (SELECT level_mask FROM params)) != 0)
              AND (nullif(:remote, '') IS NULL OR p.remote = nullif(:remote, ''))
              AND (nullif(:unique_jobs, '') IS NULL OR p.job_first = 1)) AS prev_total
)
SELECT s.id AS skill,
       s.name,
       s.category,
       cc.n AS mentioning,
       totals.total,
       1.0 * cc.n / totals.total AS share,
       coalesce(pc.n, 0) AS prev_mentioning,
       totals.prev_total,
       CASE WHEN totals.prev_total > 0 THEN 1.0 * coalesce(pc.n, 0) / totals.prev_total END AS prev_share,
       CASE WHEN totals.prev_total > 0
            THEN 1.0 * cc.n / totals.total - 1.0 * coalesce(pc.n, 0) / totals.prev_total END AS change,
       params.since_ AS since,
       params.until_ AS until,
       params.prev_since_ AS prev_since,
       params.prev_until_ AS prev_until
FROM current_counts AS cc
JOIN skills AS s ON s.id = cc.skill_id
LEFT JOIN previous_counts AS pc ON pc.skill_id = cc.skill_id,
     totals, params
WHERE params.category IS NULL OR s.category = params.category
ORDER BY cc.n DESC, s.id
LIMIT (SELECT lim FROM params);
