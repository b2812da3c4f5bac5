-- skill_cooccurrence.sql: which skills appear together in the same posting,
-- and how much more often than chance?
--
-- For each pair of skills (a, b) named in at least :min_together postings
-- of [:since, :until]: postings naming both, postings naming each, all
-- postings, and the lift = together × all ÷ (a × b): 1 when the two are
-- independent, above 1 when they go together more often than chance. Sorted
-- by lift. On millions of postings, give :skill or a date range.
--
-- Parameters (all optional):
--   :skill         only pairs with this skill id       default: every pair
--   :min_together  least postings naming both          default 20
--   :since, :until YYYY-MM-DD                          default: everything
--   :limit         how many pairs                      default 50
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/skill_cooccurrence.sql

WITH
params AS (
    SELECT nullif(:skill, '') AS skill, coalesce(nullif(:min_together, ''), 20) AS min_together,
           coalesce(nullif(:since, ''), '0000-01-01') AS since, coalesce(nullif(:until, ''), '9999-12-31') AS until,
           coalesce(nullif(:limit, '') + 0, 50) AS lim
),
scope AS (
    SELECT ps.posting_id, ps.skill_id
    FROM posting_skills AS ps, params
    WHERE ps.dated BETWEEN params.since AND params.until
),
everything AS (
    SELECT count(*) AS n FROM postings AS p, params WHERE p.dated BETWEEN params.since AND params.until
),
singles AS (
    SELECT skill_id, count(*) AS n FROM scope GROUP BY skill_id
),
pairs AS (
    SELECT a.skill_id AS a, b.skill_id AS b, count(*) AS together
    FROM scope AS a
    JOIN scope AS b ON b.posting_id = a.posting_id AND b.skill_id > a.skill_id, params
    WHERE params.skill IS NULL OR a.skill_id = params.skill OR b.skill_id = params.skill
    GROUP BY a.skill_id, b.skill_id
)
SELECT pairs.a AS skill_a, pairs.b AS skill_b, pairs.together,
       sa.n AS postings_a, sb.n AS postings_b, everything.n AS postings,
       round(1.0 * pairs.together * everything.n / (sa.n * sb.n), 3) AS lift
FROM pairs
JOIN singles AS sa ON sa.skill_id = pairs.a
JOIN singles AS sb ON sb.skill_id = pairs.b, everything, params
WHERE pairs.together >= params.min_together
ORDER BY lift DESC, pairs.together DESC
LIMIT (SELECT lim FROM params);
