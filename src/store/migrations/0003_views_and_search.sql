-- 0003: views for the common joins (what Datasette users see first), and a
-- full-text index over title, company and description kept in sync by
-- triggers.

-- Every posting with the periods it counts for.
CREATE VIEW postings_periods AS
SELECT id, source, external_id, title, company, location, remote, url,
       dated AS day,
       substr(dated, 1, 7) AS month,
       substr(dated, 1, 4) || '-Q' || ((cast(substr(dated, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
       substr(dated, 1, 4) AS year,
       posted_at, first_seen_at, last_seen_at
FROM postings;

-- Every direct mention with the skill's name and the posting's basics.
CREATE VIEW posting_skill_names AS
SELECT ps.posting_id, p.source, ps.dated AS day, substr(ps.dated, 1, 7) AS month,
       ps.skill_id, s.name AS skill, s.category, ps.mentions, p.title, p.company
FROM posting_skills AS ps
JOIN skills AS s ON s.id = ps.skill_id
JOIN postings AS p ON p.id = ps.posting_id;

-- Postings per month and source.
CREATE VIEW monthly_totals AS
SELECT substr(dated, 1, 7) AS month, source, count(*) AS postings
FROM postings
GROUP BY month, source;

-- For every skill and month: postings that mention it, all postings, and
-- the share (all sources together; queries/skill_share.sql does more).
CREATE VIEW monthly_skill_shares AS
WITH totals AS (
    SELECT substr(dated, 1, 7) AS month, count(*) AS total FROM postings GROUP BY month
),
hits AS (
    SELECT skill_id, substr(dated, 1, 7) AS month, count(*) AS mentioning
    FROM posting_skills GROUP BY skill_id, month
)
SELECT h.month, h.skill_id, s.name AS skill, s.category, h.mentioning, t.total,
       round(1.0 * h.mentioning / t.total, 6) AS share
FROM hits AS h
JOIN totals AS t USING (month)
JOIN skills AS s ON s.id = h.skill_id;

-- Full-text search over postings (external content: the text stays in
-- `postings`, the index refers to it by id).
CREATE VIRTUAL TABLE postings_fts USING fts5(
    title, company, description,
    content = 'postings', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER postings_fts_after_insert AFTER INSERT ON postings BEGIN
    INSERT INTO postings_fts (rowid, title, company, description)
    VALUES (new.id, new.title, new.company, new.description);
END;

CREATE TRIGGER postings_fts_after_delete AFTER DELETE ON postings BEGIN
    INSERT INTO postings_fts (postings_fts, rowid, title, company, description)
    VALUES ('delete', old.id, old.title, old.company, old.description);
END;

CREATE TRIGGER postings_fts_after_update AFTER UPDATE OF title, company, description ON postings BEGIN
    INSERT INTO postings_fts (postings_fts, rowid, title, company, description)
    VALUES ('delete', old.id, old.title, old.company, old.description);
    INSERT INTO postings_fts (rowid, title, company, description)
    VALUES (new.id, new.title, new.company, new.description);
END;

-- Index what is already there.
INSERT INTO postings_fts (postings_fts) VALUES ('rebuild');
