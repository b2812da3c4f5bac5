-- 0005: the full-text index is brought up to date once per transaction,
-- not once per posting. A write to an FTS5 table inside a statement that
-- may roll back flushes FTS5's pending terms to disk; with a trigger per
-- posting that meant a tiny index segment per posting and endless merging
-- (37,661 HN comments: 6.6 s, 70% of it FTS5). Now the triggers only note
-- which postings changed, with the text the index holds for them, and the
-- writer applies the notes in two statements before each commit (see
-- `store::postings::FLUSH_SEARCH_INDEX`). A posting changed by hand with
-- `sqlite3` is indexed at skilltrend's next write.

DROP TRIGGER postings_fts_after_insert;
DROP TRIGGER postings_fts_after_delete;
DROP TRIGGER postings_fts_after_update;

-- Postings whose indexed text changed since the last flush. The first note
-- of a posting wins: it holds the text the index still has.
CREATE TABLE fts_pending (
    posting_id INTEGER PRIMARY KEY,
    was_indexed INTEGER NOT NULL,  -- 0: new since the last flush
    old_title TEXT,
    old_company TEXT,
    old_description TEXT
);

CREATE TRIGGER postings_fts_note_insert AFTER INSERT ON postings BEGIN
    INSERT OR IGNORE INTO fts_pending (posting_id, was_indexed) VALUES (new.id, 0);
END;

CREATE TRIGGER postings_fts_note_update AFTER UPDATE OF title, company, description ON postings BEGIN
    INSERT OR IGNORE INTO fts_pending (posting_id, was_indexed, old_title, old_company, old_description)
    VALUES (old.id, 1, old.title, old.company, old.description);
END;

CREATE TRIGGER postings_fts_note_delete AFTER DELETE ON postings BEGIN
    INSERT OR IGNORE INTO fts_pending (posting_id, was_indexed, old_title, old_company, old_description)
    VALUES (old.id, 1, old.title, old.company, old.description);
END;
