-- cooccur.sql: which skills do postings that mention one skill also
-- mention, and how much more often than postings in general?
--
-- For the skill :skill and every other skill X, over the postings of
-- [:since, :until] that pass the filters (the population):
--   count           postings that mention both :skill and X
--   skill_postings  postings that mention :skill
--   x_postings      postings that mention X
--   total           all postings of the population
--   first_day, last_day  the population's first and last posting day
--   share_of_skill  count / skill_postings        (how many :skill postings name X)
--   share_of_all    x_postings / total            (how many postings name X at all)
--   lift            share_of_skill / share_of_all (1: as often as anywhere; 2: twice as often)
-- Mentions are direct (MySQL is not counted as SQL). Only skills named
-- with :skill in at least :min_count postings; sorted by :sort. This is
-- the query `skilltrend cooccur` runs (and `skilltrend site`).
--
-- Parameters (in sqlite3: .param set :skill rust):
--   :skill            the skill id (required)
--   :since, :until    YYYY-MM-DD                     default: every posting
--   :sources          JSON array of source names     default: every source
--   :roles            JSON array of role ids: only postings with any of them  default: all
--   :levels           JSON array of seniority levels: only postings with any  default: all
--   :remote           1 = only remote postings, 0 = only on-site             default: all
--   :min_count        least postings naming both     default 1
--   :sort             count | lift                   default count
--   :limit            how many skills                default 20
-- When no other skill qualifies, one row with an empty skill carries
-- skill_postings and total.
--
-- On millions of postings the pairs are sorted in a temporary b-tree:
-- the most common skills over every year take seconds; a period or a
-- rarer skill, well under one.
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/cooccur.sql

WITH
params AS (
    SELECT nullif(:skill, '') AS skill,
           coalesce(nullif(:since, ''), '0000-01-01') AS since_, coalesce(nullif(:until, ''), '9999-12-31') AS until_,
           nullif(:sources, '') AS sources, coalesce(nullif(:min_count, '') + 0, 1) AS min_count, coalesce(nullif(:sort, ''), 'count') AS sort,
           coalesce(nullif(:limit, '') + 0, 20) AS lim,
           nullif(:roles, '') AS roles,
           (SELECT coalesce(sum(1 << bit), 0) FROM roles
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:roles, ''), '[]')))) AS role_mask,
           nullif(:levels, '') AS levels,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(nullif(:levels, ''), '[]')))) AS level_mask,
           nullif(:remote, '') AS remote
),
-- The population's postings that mention :skill (one index range; params
-- first, CROSS JOIN, so that its bounds bound the range).
with_skill AS (
    SELECT ps.posting_id FROM params CROSS JOIN posting_skills AS ps
    WHERE ps.skill_id = params.skill AND ps.dated BETWEEN params.since_ AND params.until_
      AND (params.sources IS NULL OR ps.source IN (SELECT value FROM json_each(params.sources)))
      AND (params.roles IS NULL OR (ps.role_mask & params.role_mask) != 0)
      AND (params.levels IS NULL OR (ps.level_mask & params.level_mask) != 0)
      AND (params.remote IS NULL OR ps.remote = params.remote)
),
-- The other skills those postings mention.
together AS (
    SELECT other.skill_id, count(*) AS n
    FROM with_skill AS w
    -- CROSS JOIN: from the few postings with :skill to their other skills
    -- (the primary key), never the other way round.
    CROSS JOIN posting_skills AS other ON other.posting_id = w.posting_id, params
    WHERE other.skill_id != params.skill
    GROUP BY other.skill_id
    HAVING count(*) >= (SELECT min_count FROM params)
),
-- Postings of the population that mention each of those skills: one range
-- of posting_skills_series per skill, counted in index order. (The filters
-- name the parameters, not a join with params, which would sort every
-- skill's rows first.)
singles AS (
    SELECT ps.skill_id, count(*) AS n FROM posting_skills AS ps
    WHERE ps.skill_id IN (SELECT skill_id FROM together)
      AND ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
    GROUP BY ps.skill_id
),
-- The population's size (INDEXED BY: the population's columns are in
-- this index; MATERIALIZED: counted once, not once per column that reads
-- it).
summary AS MATERIALIZED (
    SELECT (SELECT count(*) FROM with_skill) AS skill_postings, t.total, t.first_day, t.last_day
    FROM (SELECT count(*) AS total, min(p.dated) AS first_day, max(p.dated) AS last_day
          FROM params CROSS JOIN postings AS p INDEXED BY postings_population
          WHERE p.dated BETWEEN params.since_ AND params.until_
            AND (params.sources IS NULL OR p.source IN (SELECT value FROM json_each(params.sources)))
            AND (params.roles IS NULL OR (p.role_mask & params.role_mask) != 0)
            AND (params.levels IS NULL OR (p.level_mask & params.level_mask) != 0)
            AND (params.remote IS NULL OR p.remote = params.remote)) AS t
),
ranked AS (
    SELECT t.skill_id, s.name, s.category, t.n AS count, singles.n AS x_postings
    FROM together AS t
    JOIN singles ON singles.skill_id = t.skill_id
    JOIN skills AS s ON s.id = t.skill_id
)
SELECT ranked.skill_id AS skill, ranked.name, ranked.category, ranked.count,
       summary.skill_postings, ranked.x_postings, summary.total,
       1.0 * ranked.count / summary.skill_postings AS share_of_skill,
       1.0 * ranked.x_postings / summary.total AS share_of_all,
       (1.0 * ranked.count / summary.skill_postings) / (1.0 * ranked.x_postings / summary.total) AS lift,
       summary.first_day, summary.last_day
FROM summary CROSS JOIN params LEFT JOIN ranked ON 1
ORDER BY CASE WHEN params.sort = 'lift' THEN lift ELSE ranked.count END DESC, ranked.count DESC, ranked.skill_id
LIMIT (SELECT lim FROM params);
