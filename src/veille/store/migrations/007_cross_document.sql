-- The cross-document picture: MinHash signatures kept per document (so a new article is
-- compared without recomputing the old ones), stories, propositions, and the proposition a
-- link belongs to. (Migration 006 is another stage's.)
CREATE TABLE copy_signatures (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    shingle_size INTEGER NOT NULL,
    num_perm INTEGER NOT NULL,
    shingles INTEGER NOT NULL,      -- number of distinct shingles of the document
    hashvalues BLOB NOT NULL        -- num_perm little-endian uint32 MinHash values (affine32)
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    doc_ids TEXT NOT NULL,          -- JSON list, in (published, id) order
    first_published TEXT,
    last_published TEXT,
    top_entities TEXT NOT NULL      -- JSON list of entity ids
);

CREATE TABLE propositions (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL            -- JSON object: the export row
);

ALTER TABLE links ADD COLUMN proposition TEXT;
