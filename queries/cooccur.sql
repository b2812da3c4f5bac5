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
--   :pairs, :skill_postings  pair counts and postings with :skill already
--                     counted (see counted below)     default: counted here
-- When no other skill qualifies, one row with an empty skill carries
-- skill_postings and total.
--
-- On millions of postings the pairs are grouped a chunk of postings at a
-- time (see per_chunk), so the most common skill over every year is read
-- without sorting all its pairs at once.
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
           nullif(:remote, '') AS remote,
           -- 1: every posting of every day (no filter at all)
           coalesce(:since, '') || coalesce(:until, '') || coalesce(:sources, '') || coalesce(:roles, '')
               || coalesce(:levels, '') || coalesce(:remote, '') = '' AS everyone
),
-- The population's postings that mention :skill (one index range; params
-- first, CROSS JOIN, so that its bounds bound the range), each with its
-- chunk of 1,024 posting ids (MATERIALIZED: read once).
with_skill AS MATERIALIZED (
    SELECT ps.posting_id, ps.posting_id >> 10 AS chunk FROM params CROSS JOIN posting_skills AS ps
    WHERE ps.skill_id = params.skill AND ps.dated BETWEEN params.since_ AND params.until_
      AND (params.sources IS NULL OR ps.source IN (SELECT value FROM json_each(params.sources)))
      AND (params.roles IS NULL OR (ps.role_mask & params.role_mask) != 0)
      AND (params.levels IS NULL OR (ps.level_mask & params.level_mask) != 0)
      AND (params.remote IS NULL OR ps.remote = params.remote)
),
chunks (chunk) AS (
    SELECT min(chunk) FROM with_skill
    UNION ALL
    SELECT chunk + 1 FROM chunks WHERE chunk < (SELECT max(chunk) FROM with_skill)
),
-- The other skills those postings mention, counted a chunk at a time: from
-- the postings with :skill to their other skills (the primary key, read in
-- posting order), each chunk's few thousand pairs grouped on their own
-- and handed on as a JSON array of [skill, count]. (Grouping every pair at
-- once sorted 2.4 million rows for Python over 15 years: seconds.)
per_chunk AS (
    SELECT (SELECT json_group_array(json_array(skill_id, n))
            FROM (SELECT other.skill_id, count(*) AS n
                  FROM with_skill AS w
                  CROSS JOIN posting_skills AS other ON other.posting_id = w.posting_id
                  WHERE w.chunk = chunks.chunk AND other.skill_id != (SELECT skill FROM params)
                  GROUP BY other.skill_id)) AS pairs
    FROM chunks
),
-- Or, with :pairs, the pair counts already made (a JSON array of [skill,
-- count]: cooccur_pairs.sql's rows added up over spans of days, as
-- `skilltrend cooccur` counts them on several cores); per_chunk is then
-- not read.
counted (pairs) AS (
    SELECT pairs FROM per_chunk WHERE nullif(:pairs, '') IS NULL
    UNION ALL
    SELECT :pairs WHERE nullif(:pairs, '') IS NOT NULL
),
together AS (
    SELECT j.value ->> 0 AS skill_id, sum(j.value ->> 1) AS n
    FROM counted, json_each(counted.pairs) AS j
    GROUP BY j.value ->> 0
    HAVING sum(j.value ->> 1) >= (SELECT min_count FROM params)
),
-- Postings of the population that mention each of those skills that can
-- be listed (sorted by count, only the first :limit; by lift, all): one
-- range of posting_skills_series per skill, counted in index order. (The
-- filters name the parameters, not a join with params, which would sort
-- every skill's rows first.)
singles AS (
    SELECT ps.skill_id, count(*) AS n FROM posting_skills AS ps
    WHERE ps.skill_id IN (SELECT skill_id FROM together
                          ORDER BY CASE WHEN (SELECT sort FROM params) = 'lift' THEN 0 ELSE n END DESC, skill_id
                          LIMIT CASE WHEN (SELECT sort FROM params) = 'lift' THEN -1 ELSE (SELECT lim FROM params) END)
      AND ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
    GROUP BY ps.skill_id
),
-- The population's size. Over every day with no other filter, the table's
-- count (SQLite counts a b-tree without reading its rows) less the
-- postings dated outside [0000-01-01, 9999-12-31] (three seeks), and the
-- first and last day one seek each; else one range of postings_population
-- (INDEXED BY: the population's columns are in this index). MATERIALIZED:
-- counted once, not once per column that reads it.
summary AS MATERIALIZED (
    SELECT coalesce(nullif(:skill_postings, '') + 0, (SELECT count(*) FROM with_skill)) AS skill_postings,
           t.total, t.first_day, t.last_day
    FROM (SELECT (SELECT count(*) FROM postings)
                 - (SELECT count(*) FROM postings WHERE dated IS NULL)
                 - (SELECT count(*) FROM postings WHERE dated < '0000-01-01')
                 - (SELECT count(*) FROM postings WHERE dated > '9999-12-31') AS total,
                 (SELECT min(dated) FROM postings WHERE dated BETWEEN '0000-01-01' AND '9999-12-31') AS first_day,
                 (SELECT max(dated) FROM postings WHERE dated BETWEEN '0000-01-01' AND '9999-12-31') AS last_day
          FROM params WHERE params.everyone
          UNION ALL
          SELECT count(*), min(p.dated), max(p.dated)
          FROM params CROSS JOIN postings AS p INDEXED BY postings_population
          WHERE NOT params.everyone AND p.dated BETWEEN params.since_ AND params.until_
            AND (params.sources IS NULL OR p.source IN (SELECT value FROM json_each(params.sources)))
            AND (params.roles IS NULL OR (p.role_mask & params.role_mask) != 0)
            AND (params.levels IS NULL OR (p.level_mask & params.level_mask) != 0)
            AND (params.remote IS NULL OR p.remote = params.remote)
          HAVING NOT (SELECT everyone FROM params)) AS t
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
