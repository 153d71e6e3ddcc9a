-- Claims (who said what) and events (who did what), per document. ``idx`` is the record's
-- position in its document, which ``parent_idx`` and ``claim_idx`` refer to.
CREATE TABLE claims (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue TEXT NOT NULL,
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    stance TEXT NOT NULL,
    direct INTEGER NOT NULL,
    speaker TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_kind TEXT NOT NULL,
    parent_idx INTEGER,
    extra_start INTEGER,
    extra_end INTEGER,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    trigger TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    arguments TEXT NOT NULL,        -- JSON [[role, start, end, text], ...]
    time TEXT,
    modality TEXT NOT NULL,
    claim_idx INTEGER,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type);
