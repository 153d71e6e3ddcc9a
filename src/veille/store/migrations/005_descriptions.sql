-- Descriptions resolved within their document ("le président russe"): not exported as
-- mentions, but they link claim speakers and event agents to entities.
CREATE TABLE descriptions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    role TEXT,
    kb_entry TEXT,
    cluster TEXT,
    PRIMARY KEY (doc_id, start, "end")
);
