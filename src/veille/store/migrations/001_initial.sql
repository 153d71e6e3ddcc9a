-- Documents, their per-document annotations, and the cross-document resolution.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    language TEXT NOT NULL,
    published TEXT,
    published_precision TEXT NOT NULL,
    published_source TEXT NOT NULL,
    text TEXT NOT NULL,
    original TEXT NOT NULL,
    offsets TEXT NOT NULL,          -- JSON [[clean_start, orig_start, length], ...]
    removed_lines TEXT NOT NULL,    -- JSON list of page-furniture lines removed by cleaning
    pipeline TEXT NOT NULL,
    degraded INTEGER NOT NULL,
    duplicate_of TEXT,
    story_id TEXT
);

CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, start)
);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id TEXT,
    PRIMARY KEY (doc_id, start, "end")
);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    kb_id TEXT,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL,          -- JSON list
    mentions INTEGER NOT NULL,
    documents INTEGER NOT NULL
);

CREATE TABLE links (
    kind TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (kind, a, b)
);

CREATE TABLE ingest_errors (
    source TEXT NOT NULL,
    line INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL,
    PRIMARY KEY (source, line, reason)
);

-- Full-text search over clean text; accents folded so "Choïgou" finds "Choigou".
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
