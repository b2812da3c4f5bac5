-- 0013: `report --metric companies` and `--metric remote` read indexes
-- only. `dated` being a virtual column, a query that needs a column beside
-- it that postings_population lacks reads every posting's row: the index
-- gains `workplace` and `company`. Each posting's company, trimmed and
-- case-folded as `queries/company_share.sql` counts it (NULL for none), is
-- copied onto posting_skills like its day and masks, and
-- posting_skills_series gains it, so a skill's companies per period are one
-- range of that index.

DROP INDEX postings_population;
CREATE INDEX postings_population
    ON postings (dated, source, role_mask, level_mask, remote, job_first, workplace, company);

-- nullif(lower(trim(company)), '') of the posting; NULL: no company.
ALTER TABLE posting_skills ADD COLUMN company TEXT;
DROP INDEX posting_skills_series;
UPDATE posting_skills
SET company = (SELECT nullif(lower(trim(p.company)), '') FROM postings AS p WHERE p.id = posting_skills.posting_id);
CREATE INDEX posting_skills_series
    ON posting_skills (skill_id, dated, source, role_mask, level_mask, remote, job_first, posting_id, company);

-- The copy follows its posting.
CREATE TRIGGER posting_skills_follow_company
AFTER UPDATE OF company ON postings
WHEN NEW.company IS NOT OLD.company
BEGIN
    UPDATE posting_skills SET company = nullif(lower(trim(NEW.company)), '') WHERE posting_id = NEW.id;
END;
