-- 0006: who each posting is for and what it pays (../shared/docs/roles.md
-- in the development workspace is the contract): its roles, its seniority
-- levels and its stated pay. The tables posting_roles and posting_levels
-- are the truth; the masks copied onto postings and posting_skills (like
-- their day and source in 0002) make a report over back-end postings one
-- index range per skill. A NULL role_mask means "not classified yet": the
-- first skilltrend that opens the file writable fills them from what it
-- already stores (no fetch), and says so.

-- The role ids and the bit each has in a mask.
CREATE TABLE roles (
    id   TEXT PRIMARY KEY,
    bit  INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL
);
INSERT INTO roles (id, bit, name) VALUES
    ('backend', 0, 'Back-end'), ('fullstack', 1, 'Full-stack'), ('frontend', 2, 'Front-end'),
    ('mobile', 3, 'Mobile'), ('data', 4, 'Data'), ('ml', 5, 'ML / AI'), ('devops', 6, 'DevOps / infrastructure'),
    ('security', 7, 'Security'), ('embedded', 8, 'Embedded'), ('qa', 9, 'QA / test'),
    ('software', 10, 'Software (unspecified)'), ('management', 11, 'Engineering management'),
    ('other', 12, 'Not software');

-- The seniority levels and their bits.
CREATE TABLE levels (
    id   TEXT PRIMARY KEY,
    bit  INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL
);
INSERT INTO levels (id, bit, name) VALUES
    ('intern', 0, 'Intern'), ('junior', 1, 'Junior'), ('mid', 2, 'Mid-level'), ('senior', 3, 'Senior'),
    ('staff', 4, 'Staff / principal'), ('lead', 5, 'Lead'), ('manager', 6, 'Manager');

-- One row per posting and role it offers (none: no job offered).
CREATE TABLE posting_roles (
    posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    role       TEXT NOT NULL REFERENCES roles (id),
    PRIMARY KEY (posting_id, role)
) WITHOUT ROWID;
CREATE INDEX posting_roles_role ON posting_roles (role, posting_id);

-- One row per posting and seniority level its title names.
CREATE TABLE posting_levels (
    posting_id INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    level      TEXT NOT NULL REFERENCES levels (id),
    PRIMARY KEY (posting_id, level)
) WITHOUT ROWID;
CREATE INDEX posting_levels_level ON posting_levels (level, posting_id);

-- Stated pay: the figures as stated, and annualised in the same currency
-- (hour x 2080, day x 260, week x 52, month x 12). All NULL: no pay stated.
ALTER TABLE postings ADD COLUMN pay_min REAL;
ALTER TABLE postings ADD COLUMN pay_max REAL;
ALTER TABLE postings ADD COLUMN pay_currency TEXT;          -- ISO 4217
ALTER TABLE postings ADD COLUMN pay_period TEXT
    CHECK (pay_period IN ('year', 'month', 'week', 'day', 'hour'));
ALTER TABLE postings ADD COLUMN pay_annual_min REAL;
ALTER TABLE postings ADD COLUMN pay_annual_max REAL;
-- sum of 1 << roles.bit over the posting's roles; NULL until classified
ALTER TABLE postings ADD COLUMN role_mask INTEGER;
-- sum of 1 << levels.bit over its levels
ALTER TABLE postings ADD COLUMN level_mask INTEGER NOT NULL DEFAULT 0;

ALTER TABLE posting_skills ADD COLUMN role_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posting_skills ADD COLUMN level_mask INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posting_skills ADD COLUMN remote INTEGER;
UPDATE posting_skills SET remote = (SELECT p.remote FROM postings AS p WHERE p.id = posting_skills.posting_id);

-- A series over a population reads the masks from the index itself.
DROP INDEX posting_skills_series;
CREATE INDEX posting_skills_series
    ON posting_skills (skill_id, dated, source, role_mask, level_mask, remote, posting_id);
CREATE INDEX postings_population ON postings (dated, source, role_mask, level_mask, remote);
-- The postings still to classify (none, once a skilltrend has opened the file).
CREATE INDEX postings_unclassified ON postings (id) WHERE role_mask IS NULL;

-- The copies follow their posting when it is edited by hand.
CREATE TRIGGER posting_skills_follow_facts
AFTER UPDATE OF role_mask, level_mask, remote ON postings
BEGIN
    UPDATE posting_skills
    SET role_mask = coalesce(NEW.role_mask, 0), level_mask = NEW.level_mask, remote = NEW.remote
    WHERE posting_id = NEW.id;
END;

-- Back-end postings (the contract's population: roles backend or
-- fullstack) with their day, month and pay.
CREATE VIEW backend_postings AS
SELECT p.id, p.source, p.title, p.company, p.location, p.remote, p.url,
       p.dated AS day, substr(p.dated, 1, 7) AS month,
       p.pay_min, p.pay_max, p.pay_currency, p.pay_period, p.pay_annual_min, p.pay_annual_max
FROM postings AS p
WHERE p.role_mask & 3 != 0;

-- Every posting's roles and levels as comma lists, with its pay.
CREATE VIEW posting_facts AS
SELECT p.id, p.source, p.dated AS day, p.title, p.company,
       (SELECT group_concat(role, ',') FROM (SELECT role FROM posting_roles WHERE posting_id = p.id ORDER BY role))
           AS roles,
       (SELECT group_concat(level, ',') FROM (SELECT level FROM posting_levels WHERE posting_id = p.id ORDER BY level))
           AS levels,
       p.pay_min, p.pay_max, p.pay_currency, p.pay_period, p.pay_annual_min, p.pay_annual_max
FROM postings AS p;
