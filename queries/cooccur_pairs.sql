-- cooccur_pairs.sql: how many postings that mention one skill also
-- mention each other skill: the pair counts of cooccur.sql alone, without
-- its ranking, shares and lift.
--
-- `skilltrend cooccur` counts these for ranges of posting ids at once,
-- one range per core, adds them up and hands the sums to cooccur.sql as
-- :pairs and :skill_postings. The CTEs from `params` to `per_chunk` are
-- cooccur.sql's, word for word (a test keeps them so), but for one line:
-- only the postings with ids in [:first_id, :last_id] (default: all), so
-- that each core reads its own pages of the primary key.
--   skill           the other skill's id
--   count           postings that mention both :skill and it
--   skill_postings  postings that mention :skill
-- Only skills named with :skill at least once, in no particular order;
-- when there are none, one row with an empty skill carries skill_postings.
--
-- Parameters: as cooccur.sql (:skill, :since, :until, :sources, :roles,
-- :levels, :remote; the others are not read), and :first_id, :last_id.
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/cooccur_pairs.sql

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
      AND ps.posting_id BETWEEN coalesce(nullif(:first_id, '') + 0, 0) AND coalesce(nullif(:last_id, '') + 0, 9223372036854775807)
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
totals AS (
    SELECT j.value ->> 0 AS skill_id, sum(j.value ->> 1) AS n
    FROM per_chunk, json_each(per_chunk.pairs) AS j
    GROUP BY j.value ->> 0
)
SELECT totals.skill_id AS skill, totals.n AS count, (SELECT count(*) FROM with_skill) AS skill_postings
FROM (SELECT 1) LEFT JOIN totals ON 1;
