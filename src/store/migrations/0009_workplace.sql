-- 0009: where the work is done, three ways. `remote` (1 remote, 0 not,
-- NULL unstated) could not tell a hybrid job from an on-site one; the new
-- `workplace` column does: 'remote', 'hybrid', 'onsite', or NULL when the
-- source does not say. `remote` stays as it was (a hybrid job is not
-- remote: 0). Rows stored before this migration take their workplace from
-- `remote`, so a hybrid job stored earlier reads 'onsite' until its source
-- is crawled again (its content hash then changes and it is rewritten).
ALTER TABLE postings ADD COLUMN workplace TEXT CHECK (workplace IN ('remote', 'hybrid', 'onsite'));
UPDATE postings SET workplace = CASE remote WHEN 1 THEN 'remote' WHEN 0 THEN 'onsite' END;

-- The views that list postings gain the column, at the end.
DROP VIEW postings_periods;
CREATE VIEW postings_periods AS
SELECT id, source, external_id, title, company, location, remote, url,
       dated AS day,
       substr(dated, 1, 7) AS month,
       substr(dated, 1, 4) || '-Q' || ((cast(substr(dated, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
       substr(dated, 1, 4) AS year,
       posted_at, first_seen_at, last_seen_at, workplace
FROM postings;

DROP VIEW backend_postings;
CREATE VIEW backend_postings AS
SELECT p.id, p.source, p.title, p.company, p.location, p.remote, p.url,
       p.dated AS day, substr(p.dated, 1, 7) AS month,
       p.pay_min, p.pay_max, p.pay_currency, p.pay_period, p.pay_annual_min, p.pay_annual_max,
       p.workplace
FROM postings AS p
WHERE p.role_mask & 3 != 0;
