-- remote_share.sql: how has the share of remote postings changed?
--
-- Per month: all postings, remote ones, on-site ones, ones that do not say,
-- and the remote share among those that say (remote ÷ (remote + on-site)).
-- A posting is remote when its source says so (HN's REMOTE, Lever's and
-- Ashby's workplace type, JSON-LD's TELECOMMUTE, "Remote" in a location),
-- on-site only when its source says that (HN's ONSITE or HYBRID, Lever's
-- on-site, Ashby's isRemote false); a location that names no remote work
-- says neither, and the posting is unknown (NULL), left out of the share.
-- `IS 1` / `IS 0` count 0, not NULL, in a month where no posting says.
--
-- Parameters (all optional):
--   :since, :until  YYYY-MM-DD                    default: everything
--   :sources        JSON array of source names    default: every source
--
-- Run as it is:  sqlite3 -header -column jobs.db < queries/remote_share.sql

WITH params AS (
    SELECT coalesce(nullif(:since, ''), '0000-01-01') AS since, coalesce(nullif(:until, ''), '9999-12-31') AS until, nullif(:sources, '') AS sources
)
SELECT substr(p.dated, 1, 7) AS month,
       count(*) AS postings,
       sum(p.remote IS 1) AS remote,
       sum(p.remote IS 0) AS onsite,
       sum(p.remote IS NULL) AS unknown,
       CASE WHEN sum(p.remote IS NOT NULL) > 0
            THEN round(1.0 * sum(p.remote IS 1) / sum(p.remote IS NOT NULL), 4) END AS remote_share
FROM postings AS p, params
WHERE p.dated BETWEEN params.since AND params.until
  AND (params.sources IS NULL OR p.source IN (SELECT value FROM json_each(params.sources)))
GROUP BY month
ORDER BY month;
