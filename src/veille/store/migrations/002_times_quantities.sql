-- Time expressions and numeric facts, per document.
CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    type TEXT NOT NULL,
    mod TEXT,
    anchored INTEGER NOT NULL,
    note TEXT,
    PRIMARY KEY (doc_id, start, "end")
);

CREATE TABLE quantities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    bound TEXT NOT NULL,
    value_max REAL,
    unit TEXT,
    counted TEXT,
    counted_start INTEGER,
    counted_end INTEGER,
    time TEXT,
    entity_id TEXT,
    PRIMARY KEY (doc_id, start, "end")
);
