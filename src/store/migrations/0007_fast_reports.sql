-- 0007: every report reads one covering index range. Each posting's pay
-- (its currency and the midpoint of its annualised range) is copied onto
-- posting_skills like its day, source and masks, so `pay` reads the paid
-- postings of a skill from one index, by currency and by pay; the two
-- indexes no query uses any more go (a write updates fewer of them).

ALTER TABLE posting_skills ADD COLUMN pay_currency TEXT;
-- (pay_annual_min + pay_annual_max) / 2.0 of the posting; NULL: no pay stated
ALTER TABLE posting_skills ADD COLUMN pay_mid REAL;
UPDATE posting_skills
SET (pay_currency, pay_mid) = (SELECT p.pay_currency, (p.pay_annual_min + p.pay_annual_max) / 2.0
                               FROM postings AS p WHERE p.id = posting_skills.posting_id)
WHERE posting_id IN (SELECT id FROM postings WHERE pay_currency IS NOT NULL OR pay_annual_min IS NOT NULL);

-- The paid postings of each skill per currency, ordered by pay, with what
-- the population filters read.
CREATE INDEX posting_skills_pay
    ON posting_skills (skill_id, pay_currency, pay_mid, dated, source, role_mask, level_mask, remote, posting_id)
    WHERE pay_mid IS NOT NULL;

-- postings_population (dated, source, ...) serves every range by day;
-- posting_skills_series (skill_id, dated, ...) every skill's count.
DROP INDEX postings_dated;
DROP INDEX posting_skills_by_day;

-- The copies follow their posting when it is edited, pay included (one
-- trigger, so that a posting's write updates its skills once).
DROP TRIGGER posting_skills_follow_facts;
CREATE TRIGGER posting_skills_follow_facts
AFTER UPDATE OF role_mask, level_mask, remote, pay_currency, pay_annual_min, pay_annual_max ON postings
BEGIN
    UPDATE posting_skills
    SET role_mask = coalesce(NEW.role_mask, 0), level_mask = NEW.level_mask, remote = NEW.remote,
        pay_currency = NEW.pay_currency,
        pay_mid = (NEW.pay_annual_min + NEW.pay_annual_max) / 2.0
    WHERE posting_id = NEW.id;
END;
