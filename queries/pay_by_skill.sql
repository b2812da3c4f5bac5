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
--   :min_n    fewest postings to state figures for                       default 10
--
-- Run as it is:  sqlite3 -header -csv jobs.db < queries/pay_by_skill.sql

WITH RECURSIVE
params AS (
    SELECT coalesce(:skills, '["python","java","php","sql"]') AS skills,
           coalesce(:by, 'all') AS by_,
           coalesce(:since, '0000-01-01') AS since,
           coalesce(:until, '9999-12-31') AS until,
           :sources AS sources,
           coalesce(:rollup, 0) AS rollup,
           :roles AS roles,
           (SELECT coalesce(sum(1 << bit), 0) FROM roles
            WHERE id IN (SELECT value FROM json_each(coalesce(:roles, '[]')))) AS role_mask,
           :levels AS levels,
           (SELECT coalesce(sum(1 << bit), 0) FROM levels
            WHERE id IN (SELECT value FROM json_each(coalesce(:levels, '[]')))) AS level_mask,
           :remote AS remote,
           coalesce(:min_n, 10) AS min_n
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
-- Postings of the population that state pay, with their period.
paid AS (
    SELECT p.id, p.pay_currency AS currency, (p.pay_annual_min + p.pay_annual_max) / 2.0 AS mid,
           CASE params.by_
               WHEN 'year' THEN substr(p.dated, 1, 4)
               WHEN 'quarter' THEN substr(p.dated, 1, 4) || '-Q' || ((cast(substr(p.dated, 6, 2) AS INTEGER) + 2) / 3)
               WHEN 'month' THEN substr(p.dated, 1, 7)
               ELSE 'all'
           END AS period
    FROM postings AS p, params
    WHERE p.pay_annual_min IS NOT NULL
      AND p.dated BETWEEN params.since AND params.until
      AND (params.sources IS NULL OR p.source IN (SELECT value FROM json_each(params.sources)))
      AND (params.roles IS NULL OR (p.role_mask & params.role_mask) != 0)
      AND (params.levels IS NULL OR (p.level_mask & params.level_mask) != 0)
      AND (params.remote IS NULL OR p.remote = params.remote)
),
-- Each paid posting once per skill it asks for.
asked AS (
    SELECT DISTINCT m.skill, pd.period, pd.currency, pd.id, pd.mid
    FROM paid AS pd
    JOIN posting_skills AS ps ON ps.posting_id = pd.id
    JOIN members AS m ON m.member = ps.skill_id
),
ranked AS (
    SELECT skill, period, currency, mid,
           row_number() OVER (PARTITION BY skill, period, currency ORDER BY mid) AS r,
           count(*) OVER (PARTITION BY skill, period, currency) AS n
    FROM asked
),
groups AS (
    SELECT DISTINCT skill, period, currency, n FROM ranked
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
stats AS (
    SELECT k.skill, k.period, k.currency, k.n,
           max(CASE WHEN r.r = k.r25 THEN r.mid END) AS p25,
           avg(CASE WHEN r.r IN (k.rm1, k.rm2) THEN r.mid END) AS median,
           max(CASE WHEN r.r = k.r75 THEN r.mid END) AS p75,
           max(CASE WHEN r.r = k.rlo THEN r.mid END) AS median_low,
           max(CASE WHEN r.r = k.rhi THEN r.mid END) AS median_high
    FROM ranks AS k
    JOIN ranked AS r ON r.skill = k.skill AND r.period = k.period AND r.currency = k.currency
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
