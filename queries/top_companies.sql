-- top_companies.sql: which companies post most for a skill?
--
-- For the skill :skill, the companies with the most postings that mention
-- it in [:since, :until], with how many of their postings do, and that as a
-- share of all their postings.
--
-- Parameters (all optional):
--   :skill          a skill id                    default 'python'
--   :since, :until  YYYY-MM-DD                    default: everything
--   :limit          how many companies            default 20
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/top_companies.sql

WITH params AS (
    SELECT coalesce(nullif(:skill, ''), 'python') AS skill, coalesce(nullif(:since, ''), '0000-01-01') AS since,
           coalesce(nullif(:until, ''), '9999-12-31') AS until, coalesce(nullif(:limit, '') + 0, 20) AS lim
),
company_posts AS (
    SELECT p.company, count(*) AS postings
    FROM postings AS p, params
    WHERE p.company IS NOT NULL AND p.dated BETWEEN params.since AND params.until
    GROUP BY p.company
),
with_skill AS (
    SELECT p.company, count(*) AS mentioning
    FROM posting_skills AS ps
    JOIN postings AS p ON p.id = ps.posting_id, params
    WHERE ps.skill_id = params.skill AND p.company IS NOT NULL
      AND ps.dated BETWEEN params.since AND params.until
    GROUP BY p.company
)
SELECT w.company, (SELECT skill FROM params) AS skill, w.mentioning, c.postings,
       round(1.0 * w.mentioning / c.postings, 4) AS share_of_their_postings
FROM with_skill AS w JOIN company_posts AS c USING (company)
ORDER BY w.mentioning DESC, w.company
LIMIT (SELECT lim FROM params);
