-- pay_by_skill.sql: what do postings that ask for each skill pay?
--
-- For every requested skill, each currency apart (no conversion is
-- invented) and each period (or the whole range), over the postings of the
-- population that state pay and mention the skill:
--   postings     how many state pay
--   p25, median, p75   of the midpoints of their annualised ranges
--                ((pay_annual_min + pay_annual_max) / 2; hour x 2080,
--                day x 260, week x 52, month x 12), nearest-rank quartiles,
--                the median of an even count the mean of the middle two
--   median_low, median_high   a 95% confidence interval of the median:
--                distribution-free, from order statistics (ranks
--                n/2 - 0.98 sqrt(n) and 1 + n/2 + 0.98 sqrt(n), rounded;
--                Campbell & Gardner, BMJ 1988)
-- With fewer than :min_n postings the figures are empty: too few to say.
-- This is the query `skilltrend pay` runs.
--
-- Parameters (all optional; in sqlite3: .param set :by year):
--   :skills   JSON array of skill ids          default ["python","java","php","sql"]
--   :by       all | year | quarter | month     default all (one row per skill and currency)
--   :since    first day, YYYY-MM-DD            default: no lower bound
--   :until    last day, YYYY-MM-DD             default: no upper bound
--   :sources  JSON array of source names       default: every source
--   :rollup   1 = also count postings that mention a skill implying it   default 0
--   :roles    JSON array of role ids: only postings with any of them     default: all
--   :levels   JSON array of seniority levels: only postings with any    default: all
--   :remote   1 = only remote postings, 0 = only on-site                default: all
--   :unique_jobs  1 = each job once, by its first posting  default: every posting
--   :min_n    fewest postings to state figures for                       default 10
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/pay_by_skill.sql

WITH RECURSIVE
params AS (
    SELECT coalesce(nullif(:skills, ''), '["python","java","php","sql"]') AS skills,
           coalesce(nullif(:by, ''), 'all') AS by_,
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
           nullif(:remote, '') AS remote,
           coalesce(nullif(:min_n, '') + 0, 10) AS min_n
),
wanted (skill, ord) AS (
    SELECT value, key FROM json_each((SELECT skills FROM params))
),
members (skill, member) AS (
    SELECT skill, skill FROM wanted
    UNION
    SELECT w.skill, si.skill_id
    FROM wanted AS w JOIN skill_implies AS si ON si.implied_id = w.skill
    WHERE (SELECT rollup FROM params) = 1
),
-- Whether the figures are over the whole range without roll-ups: then each
-- group (a skill and a currency) is one range of posting_skills_pay, read
-- in pay order, so it is ranked without sorting.
plain (yes) AS (
    SELECT (SELECT by_ FROM params) NOT IN ('year', 'quarter', 'month') AND coalesce(nullif(:rollup, '') + 0, 0) != 1
),
-- Otherwise: each posting of the population that states pay, once per
-- skill it asks for, with its period and the midpoint of its annualised range
-- (posting_skills carries each posting's pay like its day and masks, and
-- the posting_skills_pay index holds the paid ones per skill and currency,
-- by pay). Without roll-ups a posting names a skill once; with them, a
-- posting that names MySQL and SQL counts once for SQL.
asked AS (
    SELECT ps.skill_id AS skill, CASE (SELECT by_ FROM params)
               WHEN 'year' THEN substr(ps.dated, 1, 4)
               WHEN 'quarter' THEN substr(ps.dated, 1, 4) || '-Q' || ((cast(substr(ps.dated, 6, 2) AS INTEGER) + 2) / 3)
               WHEN 'month' THEN substr(ps.dated, 1, 7)
               ELSE 'all'
           END AS period,
           ps.pay_currency AS currency, ps.posting_id AS id, ps.pay_mid AS mid
    FROM posting_skills AS ps
    WHERE coalesce(nullif(:rollup, '') + 0, 0) != 1 AND NOT (SELECT yes FROM plain)
      AND ps.skill_id IN (SELECT skill FROM wanted)
      AND ps.pay_mid IS NOT NULL
      AND +ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    UNION ALL
    SELECT DISTINCT m.skill, CASE (SELECT by_ FROM params)
               WHEN 'year' THEN substr(ps.dated, 1, 4)
               WHEN 'quarter' THEN substr(ps.dated, 1, 4) || '-Q' || ((cast(substr(ps.dated, 6, 2) AS INTEGER) + 2) / 3)
               WHEN 'month' THEN substr(ps.dated, 1, 7)
               ELSE 'all'
           END,
           ps.pay_currency, ps.posting_id, ps.pay_mid
    FROM members AS m CROSS JOIN posting_skills AS ps ON ps.skill_id = m.member
    WHERE coalesce(nullif(:rollup, '') + 0, 0) = 1 AND NOT (SELECT yes FROM plain)
      AND ps.pay_mid IS NOT NULL
      AND +ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
),
-- Each value's rank in its group.
ranked AS (
    SELECT ps.skill_id AS skill, 'all' AS period, ps.pay_currency AS currency, ps.pay_mid AS mid,
           row_number() OVER (PARTITION BY ps.skill_id, ps.pay_currency ORDER BY ps.pay_mid) AS r
    FROM posting_skills AS ps
    WHERE (SELECT yes FROM plain)
      AND ps.skill_id IN (SELECT skill FROM wanted)
      AND ps.pay_mid IS NOT NULL
      AND +ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    UNION ALL
    SELECT skill, period, currency, mid,
           row_number() OVER (PARTITION BY skill, period, currency ORDER BY mid) AS r
    FROM asked
    WHERE NOT (SELECT yes FROM plain)
),
groups AS (
    SELECT ps.skill_id AS skill, 'all' AS period, ps.pay_currency AS currency, count(*) AS n
    FROM posting_skills AS ps
    WHERE (SELECT yes FROM plain)
      AND ps.skill_id IN (SELECT skill FROM wanted)
      AND ps.pay_mid IS NOT NULL
      AND +ps.dated BETWEEN coalesce(nullif(:since, ''), '0000-01-01') AND coalesce(nullif(:until, ''), '9999-12-31')
      AND (nullif(:sources, '') IS NULL OR ps.source IN (SELECT value FROM json_each(nullif(:sources, ''))))
      AND (nullif(:roles, '') IS NULL OR (ps.role_mask & (SELECT role_mask FROM params)) != 0)
      AND (nullif(:levels, '') IS NULL OR (ps.level_mask & (SELECT level_mask FROM params)) != 0)
      AND (nullif(:remote, '') IS NULL OR ps.remote = nullif(:remote, ''))
      AND (nullif(:unique_jobs, '') IS NULL OR ps.job_first = 1)
    GROUP BY ps.skill_id, ps.pay_currency
    UNION ALL
    SELECT skill, period, currency, count(*) AS n FROM asked
    WHERE NOT (SELECT yes FROM plain)
    GROUP BY skill, period, currency
),
-- The square root of n by Newton's method (SQLite 3.40 may lack sqrt()).
newton (skill, period, currency, n, x, i) AS (
    SELECT skill, period, currency, n, n * 1.0, 0 FROM groups
    UNION ALL
    SELECT skill, period, currency, n, (x + n / x) / 2, i + 1 FROM newton WHERE i < 40
),
ranks AS (
    SELECT skill, period, currency, n,
           (n + 3) / 4 AS r25,
           (3 * n + 3) / 4 AS r75,
           (n + 1) / 2 AS rm1,
           CASE WHEN n % 2 = 0 THEN n / 2 + 1 ELSE (n + 1) / 2 END AS rm2,
           max(1, cast(round(n / 2.0 - 0.98 * x) AS INTEGER)) AS rlo,
           min(n, cast(round(1 + n / 2.0 + 0.98 * x) AS INTEGER)) AS rhi
    FROM newton WHERE i = 40
),
-- The values at those ranks: each ranked row looks its group up in ranks
-- (a few rows), and only the rows at a wanted rank are kept.
stats AS (
    SELECT k.skill, k.period, k.currency, k.n,
           max(CASE WHEN r.r = k.r25 THEN r.mid END) AS p25,
           avg(CASE WHEN r.r IN (k.rm1, k.rm2) THEN r.mid END) AS median,
           max(CASE WHEN r.r = k.r75 THEN r.mid END) AS p75,
           max(CASE WHEN r.r = k.rlo THEN r.mid END) AS median_low,
           max(CASE WHEN r.r = k.rhi THEN r.mid END) AS median_high
    FROM ranked AS r
    CROSS JOIN ranks AS k ON r.skill = k.skill AND r.period = k.period AND r.currency = k.currency
    WHERE r.r IN (k.r25, k.rm1, k.rm2, k.r75, k.rlo, k.rhi)
    GROUP BY k.skill, k.period, k.currency
)
SELECT s.period, s.skill, s.currency, s.n AS postings,
       CASE WHEN s.n >= params.min_n THEN round(s.p25) END AS p25,
       CASE WHEN s.n >= params.min_n THEN round(s.median) END AS median,
       CASE WHEN s.n >= params.min_n THEN round(s.p75) END AS p75,
       CASE WHEN s.n >= params.min_n THEN round(s.median_low) END AS median_low,
       CASE WHEN s.n >= params.min_n THEN round(s.median_high) END AS median_high
FROM stats AS s
JOIN wanted AS w ON w.skill = s.skill, params
ORDER BY s.period, w.ord, s.n DESC, s.currency;
