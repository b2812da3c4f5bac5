-- 0008: the monthly_skill_shares view gives a row for every month with
-- postings and every skill, zero mentions included (0003's view dropped
-- the months a skill was not mentioned, so a true 0% was missing and a
-- mean over the view was biased upwards). Same columns as before.
DROP VIEW monthly_skill_shares;
CREATE VIEW monthly_skill_shares AS
WITH totals AS (
    SELECT substr(dated, 1, 7) AS month, count(*) AS total FROM postings GROUP BY month
),
hits AS (
    SELECT skill_id, substr(dated, 1, 7) AS month, count(*) AS mentioning
    FROM posting_skills GROUP BY skill_id, month
)
SELECT t.month, s.id AS skill_id, s.name AS skill, s.category,
       coalesce(h.mentioning, 0) AS mentioning, t.total,
       round(1.0 * coalesce(h.mentioning, 0) / t.total, 6) AS share
FROM totals AS t
CROSS JOIN skills AS s
LEFT JOIN hits AS h ON h.month = t.month AND h.skill_id = s.id;
