-- 0011: one job, counted once. Postings that are the same job (same
-- company, near-same title, near-duplicate description; any source) share
-- a job_id, the id of the job's first linked posting. job_first is 1 for
-- the posting a job counts by with --unique-jobs (its earliest by day,
-- then id) and copied onto posting_skills like the other population
-- columns; the population indexes gain it, so a unique-jobs report reads
-- the same index ranges as any other. Rows of an older database get their
-- job on the next writable open (store/jobs.rs).

-- The job this posting is part of; NULL only until a writable open links it.
ALTER TABLE postings ADD COLUMN job_id INTEGER;
-- 1: the posting its job counts by (its first sighting); 0: a later one.
ALTER TABLE postings ADD COLUMN job_first INTEGER NOT NULL DEFAULT 1;
ALTER TABLE posting_skills ADD COLUMN job_first INTEGER NOT NULL DEFAULT 1;

CREATE INDEX postings_job ON postings (job_id, dated);
CREATE INDEX postings_unlinked ON postings (id) WHERE job_id IS NULL;

-- The blocking keys of each job (extract/dedupe.rs), each with the first
-- posting of the job filed under it: a new posting is compared only with
-- those postings, one per job and key.
CREATE TABLE job_blocks (
    key INTEGER NOT NULL,
    job_id INTEGER NOT NULL,
    posting_id INTEGER NOT NULL REFERENCES postings (id),
    PRIMARY KEY (key, job_id)
) WITHOUT ROWID;

-- Each linked posting's description signature (64 MinHash values of 16
-- bits, little-endian), so a candidate is compared without re-reading its text.
CREATE TABLE job_signatures (
    posting_id INTEGER PRIMARY KEY REFERENCES postings (id),
    signature BLOB NOT NULL
);

DROP INDEX postings_population;
CREATE INDEX postings_population ON postings (dated, source, role_mask, level_mask, remote, job_first);
DROP INDEX posting_skills_series;
CREATE INDEX posting_skills_series
    ON posting_skills (skill_id, dated, source, role_mask, level_mask, remote, job_first, posting_id);
DROP INDEX posting_skills_pay;
CREATE INDEX posting_skills_pay
    ON posting_skills (skill_id, pay_currency, pay_mid, dated, source, role_mask, level_mask, remote, job_first,
                       posting_id)
    WHERE pay_mid IS NOT NULL;

-- The copy follows its posting.
CREATE TRIGGER posting_skills_follow_job
AFTER UPDATE OF job_first ON postings
BEGIN
    UPDATE posting_skills SET job_first = NEW.job_first WHERE posting_id = NEW.id;
END;

-- One row per job: its first posting (by day, then id) and how often and
-- where it was posted.
CREATE VIEW jobs AS
SELECT f.job_id AS id,
       f.id AS first_posting_id,
       f.company,
       f.title,
       f.source AS first_source,
       f.dated AS first_day,
       (SELECT max(p.dated) FROM postings AS p WHERE p.job_id = f.job_id) AS last_day,
       (SELECT count(*) FROM postings AS p WHERE p.job_id = f.job_id) AS postings,
       (SELECT count(DISTINCT p.source) FROM postings AS p WHERE p.job_id = f.job_id) AS sources
FROM postings AS f
WHERE f.job_first = 1 AND f.job_id IS NOT NULL;
