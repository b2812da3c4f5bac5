-- 0010: a smaller database, and a search index Datasette finds.
--
-- The full-text index is made again with `content="postings"` written the
-- way Datasette's detection looks for it (0003 wrote content = 'postings',
-- which it does not recognise, so `?_search=` was ignored); the same
-- columns, tokenizer and external content. Rebuilt from `postings`, it holds
-- every posting's current text, so the notes of changes not yet applied are
-- done with.
DROP TABLE postings_fts;
CREATE VIRTUAL TABLE postings_fts USING fts5(
    title, company, description,
    content="postings", content_rowid="id",
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO postings_fts (postings_fts) VALUES ('rebuild');
DELETE FROM fts_pending;

-- No query reads postings by role or level (the masks on postings and
-- posting_skills answer every population filter), so these indexes only
-- cost space (1.4 MB on 72 HN months).
DROP INDEX posting_roles_role;
DROP INDEX posting_levels_level;
