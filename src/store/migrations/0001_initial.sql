-- 0001: the initial schema. Migrations are only ever added, never edited.

-- One row per job posting, identified by its source and the source's own id.
CREATE TABLE postings (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,              -- the [[sources]] name it came from
    external_id   TEXT NOT NULL,              -- the source's id (or canonical URL)
    url           TEXT,                       -- where a person can read it
    title         TEXT,
    company       TEXT,
    location      TEXT,
    remote        INTEGER CHECK (remote IN (0, 1)),  -- 1 remote, 0 on-site, NULL unknown
    posted_at     TEXT,                       -- the source's own date, ISO 8601 UTC
    first_seen_at TEXT NOT NULL,              -- when skilltrend first stored it
    last_seen_at  TEXT NOT NULL,              -- when a crawl last saw it
    description   TEXT NOT NULL,              -- plain text, normalised (NFKC)
    content_hash  TEXT NOT NULL,              -- SHA-256 of the stored fields
    fetch_url     TEXT,                       -- the URL whose response carried it
    -- The day a posting counts for in reports.
    dated         TEXT GENERATED ALWAYS AS (substr(coalesce(posted_at, first_seen_at), 1, 10)) VIRTUAL,
    UNIQUE (source, external_id)
);
CREATE INDEX postings_dated ON postings (dated, source);
CREATE INDEX postings_fetch_url ON postings (source, fetch_url);

-- The payload each posting was parsed from, so extraction can be re-run
-- without fetching again.
CREATE TABLE posting_raw (
    posting_id INTEGER PRIMARY KEY REFERENCES postings (id) ON DELETE CASCADE,
    format     TEXT NOT NULL,                 -- e.g. 'jsonld', 'hn-comment'
    payload    TEXT NOT NULL
);

-- The taxonomy's skills (rows are added or renamed, never deleted).
CREATE TABLE skills (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    category TEXT NOT NULL
);

-- Roll-up edges, transitively closed: skill_id implies implied_id.
CREATE TABLE skill_implies (
    skill_id   TEXT NOT NULL REFERENCES skills (id),
    implied_id TEXT NOT NULL REFERENCES skills (id),
    PRIMARY KEY (skill_id, implied_id)
) WITHOUT ROWID;
CREATE INDEX skill_implies_implied ON skill_implies (implied_id, skill_id);

-- Direct mentions only: one row per posting and skill it names.
CREATE TABLE posting_skills (
    posting_id   INTEGER NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    skill_id     TEXT NOT NULL REFERENCES skills (id),
    mentions     INTEGER NOT NULL,            -- times named in the posting
    first_offset INTEGER,                     -- byte offset of the first, in description
    PRIMARY KEY (posting_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX posting_skills_skill ON posting_skills (skill_id, posting_id);

-- One row per `skilltrend crawl`.
CREATE TABLE crawl_runs (
    id                 INTEGER PRIMARY KEY,
    started_at         TEXT NOT NULL,
    finished_at        TEXT,
    status             TEXT NOT NULL,         -- running, ok, partial, failed, interrupted
    sources            TEXT,                  -- the sources it crawled, comma-separated
    pages_fetched      INTEGER NOT NULL DEFAULT 0,
    not_modified       INTEGER NOT NULL DEFAULT 0,
    robots_blocked     INTEGER NOT NULL DEFAULT 0,
    retried            INTEGER NOT NULL DEFAULT 0,
    failed             INTEGER NOT NULL DEFAULT 0,
    postings_new       INTEGER NOT NULL DEFAULT 0,
    postings_updated   INTEGER NOT NULL DEFAULT 0,
    postings_unchanged INTEGER NOT NULL DEFAULT 0,
    error              TEXT
);

-- The same counts per source of a run.
CREATE TABLE crawl_run_sources (
    run_id             INTEGER NOT NULL REFERENCES crawl_runs (id),
    source             TEXT NOT NULL,
    status             TEXT NOT NULL,
    pages_fetched      INTEGER NOT NULL DEFAULT 0,
    not_modified       INTEGER NOT NULL DEFAULT 0,
    robots_blocked     INTEGER NOT NULL DEFAULT 0,
    retried            INTEGER NOT NULL DEFAULT 0,
    failed             INTEGER NOT NULL DEFAULT 0,
    postings_new       INTEGER NOT NULL DEFAULT 0,
    postings_updated   INTEGER NOT NULL DEFAULT 0,
    postings_unchanged INTEGER NOT NULL DEFAULT 0,
    error              TEXT,
    PRIMARY KEY (run_id, source)
);

-- Validators for conditional GET, and the requests a page led to (replayed
-- when the server answers 304).
CREATE TABLE http_cache (
    source        TEXT NOT NULL,
    url           TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    follow        TEXT,                       -- JSON array of follow-up requests
    fetched_at    TEXT NOT NULL,
    PRIMARY KEY (source, url)
) WITHOUT ROWID;

-- What a source remembers between runs (e.g. HN months already complete).
CREATE TABLE source_state (
    source     TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source, key)
) WITHOUT ROWID;

-- Facts about the database: taxonomy hash, extractor version.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
