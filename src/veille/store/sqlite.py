"""Embedded store: one SQLite file, migrations recorded in a table, FTS5 over clean text."""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

from veille.records import (
    AnnotatedDocument,
    Claim,
    Description,
    Document,
    Entity,
    Event,
    EventArgument,
    IngestError,
    Link,
    Mention,
    OffsetMap,
    Proposition,
    PubDate,
    Quantity,
    Resolution,
    Sentence,
    StoredDocument,
    StoredMention,
    Story,
    TimeExpression,
)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order."""
    folder = resources.files("veille.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version, _, name = entry.name.removesuffix(".sql").partition("_")
            found.append((int(version), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore:
    """The default store. ``path`` may be ``":memory:"`` (tests)."""

    def __init__(self, path: str | Path = "veille.db") -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open store ({exc})") from exc

    def _migrate(self) -> None:
        with self.conn:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        done = {row[0] for row in self.conn.execute("SELECT version FROM migrations")}
        for version, name, sql in migrations():
            if version in done:
                continue
            # executescript commits on its own, so the migration and its record go together
            self.conn.executescript(
                f"BEGIN;\n{sql}\nINSERT INTO migrations VALUES "
                f"({version}, '{name}', datetime('now'));\nCOMMIT;"
            )

    def applied_migrations(self) -> list[tuple[int, str]]:
        return list(self.conn.execute("SELECT version, name FROM migrations ORDER BY version"))

    # -- writing -----------------------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row is not None

    def add(self, annotated: AnnotatedDocument) -> bool:
        doc = annotated.document
        if self.has_content(doc.content_hash):
            return False
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO documents (id, content_hash, source, url, outlet, title, language, "
                "published, published_precision, published_source, published_after, text, "
                "original, offsets, removed_lines, pipeline, degraded) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    doc.content_hash,
                    doc.source,
                    doc.url,
                    doc.outlet,
                    doc.title,
                    doc.language,
                    doc.published.value,
                    doc.published.precision,
                    doc.published.source,
                    doc.published.after,
                    doc.text,
                    doc.original,
                    json.dumps([list(s) for s in doc.offsets.segments]),
                    json.dumps(list(doc.removed_lines), ensure_ascii=False),
                    annotated.pipeline,
                    int(annotated.degraded),
                ),
            )
            self.conn.execute(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                (cur.lastrowid, doc.title or "", doc.text),
            )
            self.conn.executemany(
                'INSERT INTO sentences (doc_id, start, "end") VALUES (?,?,?)',
                [(doc.id, s.start, s.end) for s in annotated.sentences],
            )
            self.conn.executemany(
                'INSERT OR IGNORE INTO mentions (doc_id, start, "end", text, type, label, '
                "kb_entry, cluster, category) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        m.start,
                        m.end,
                        m.text,
                        m.type,
                        m.label,
                        m.kb_entry,
                        m.cluster,
                        m.category,
                    )
                    for m in annotated.mentions
                ],
            )
            self.conn.executemany(
                'INSERT OR IGNORE INTO times (doc_id, start, "end", text, value, type, mod, '
                "anchored, note) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        t.start,
                        t.end,
                        t.text,
                        t.value,
                        t.type,
                        t.mod,
                        int(t.anchored),
                        t.note,
                    )
                    for t in annotated.times
                ],
            )
            self.conn.executemany(
                'INSERT OR IGNORE INTO quantities (doc_id, start, "end", text, value, bound, '
                "value_max, unit, counted, counted_start, counted_end, time) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        q.start,
                        q.end,
                        q.text,
                        q.value,
                        q.bound,
                        q.value_max,
                        q.unit,
                        q.counted,
                        q.counted_start,
                        q.counted_end,
                        q.time,
                    )
                    for q in annotated.quantities
                ],
            )
            self.conn.executemany(
                'INSERT INTO claims (doc_id, idx, start, "end", cue, cue_start, cue_end, stance, '
                "direct, speaker, speaker_start, speaker_end, speaker_kind, parent_idx, "
                "extra_start, extra_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        i,
                        c.start,
                        c.end,
                        c.cue,
                        c.cue_start,
                        c.cue_end,
                        c.stance,
                        int(c.direct),
                        c.speaker,
                        c.speaker_start,
                        c.speaker_end,
                        c.speaker_kind,
                        c.parent,
                        c.extra_start,
                        c.extra_end,
                    )
                    for i, c in enumerate(annotated.claims)
                ],
            )
            self.conn.executemany(
                'INSERT OR IGNORE INTO descriptions (doc_id, start, "end", text, role, kb_entry, '
                "cluster) VALUES (?,?,?,?,?,?,?)",
                [
                    (doc.id, d.start, d.end, d.text, d.role, d.kb_entry, d.cluster)
                    for d in annotated.descriptions
                ],
            )
            self.conn.executemany(
                "INSERT INTO events (doc_id, idx, type, trigger, trigger_start, trigger_end, "
                "arguments, time, modality, claim_idx) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        i,
                        e.type,
                        e.trigger,
                        e.trigger_start,
                        e.trigger_end,
                        json.dumps(
                            [[a.role, a.start, a.end, a.text] for a in e.arguments],
                            ensure_ascii=False,
                        ),
                        e.time,
                        e.modality,
                        e.claim,
                    )
                    for i, e in enumerate(annotated.events)
                ],
            )
        return True

    def record_error(self, error: IngestError) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR IGNORE INTO ingest_errors (source, line, reason) VALUES (?,?,?)",
                (error.source, error.line or 0, error.reason),
            )

    def replace_resolution(self, resolution: Resolution) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM entities")
            self.conn.execute("DELETE FROM links")
            self.conn.execute("DELETE FROM stories")
            self.conn.execute("DELETE FROM propositions")
            self.conn.execute("UPDATE mentions SET entity_id = NULL")
            self.conn.execute("UPDATE documents SET duplicate_of = NULL, story_id = NULL")
            self.conn.executemany(
                "INSERT INTO entities (id, kb_id, name, type, aliases, mentions, documents) "
                "VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        e.id,
                        e.kb_id,
                        e.name,
                        e.type,
                        json.dumps(list(e.aliases), ensure_ascii=False),
                        e.mentions,
                        e.documents,
                    )
                    for e in resolution.entities
                ],
            )
            self.conn.executemany(
                'UPDATE mentions SET entity_id = ? WHERE doc_id = ? AND start = ? AND "end" = ?',
                [(eid, doc, start, end) for doc, start, end, eid in resolution.mention_entities],
            )
            self.conn.executemany(
                "UPDATE documents SET duplicate_of = ? WHERE id = ?",
                [(canonical, doc) for doc, canonical in resolution.duplicate_of],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO links (kind, a, b, score, proposition) VALUES (?,?,?,?,?)",
                [(lk.kind, lk.a, lk.b, lk.score, lk.proposition) for lk in resolution.links],
            )
            self.conn.executemany(
                "UPDATE documents SET story_id = ? WHERE id = ?",
                [(story, doc) for doc, story in resolution.story_of],
            )
            self.conn.executemany(
                "INSERT INTO stories (id, label, doc_ids, first_published, last_published, "
                "top_entities) VALUES (?,?,?,?,?,?)",
                [
                    (
                        st.id,
                        st.label,
                        json.dumps(list(st.doc_ids)),
                        st.first_published,
                        st.last_published,
                        json.dumps(list(st.top_entities)),
                    )
                    for st in resolution.stories
                ],
            )
            self.conn.executemany(
                "INSERT INTO propositions (id, record) VALUES (?, ?)",
                [
                    (p.id, json.dumps(_proposition_json(p), ensure_ascii=False))
                    for p in resolution.propositions
                ],
            )

    def signatures(self, shingle_size: int, num_perm: int) -> dict[str, tuple[int, bytes]]:
        """Stored MinHash signatures made with these parameters: doc_id -> (shingles, values)."""
        rows = self.conn.execute(
            "SELECT doc_id, shingles, hashvalues FROM copy_signatures "
            "WHERE shingle_size = ? AND num_perm = ?",
            (shingle_size, num_perm),
        )
        return {doc_id: (n, bytes(values)) for doc_id, n, values in rows}

    def add_signatures(
        self, shingle_size: int, num_perm: int, rows: list[tuple[str, int, bytes]]
    ) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO copy_signatures (doc_id, shingle_size, num_perm, "
                "shingles, hashvalues) VALUES (?,?,?,?,?)",
                [(doc_id, shingle_size, num_perm, n, values) for doc_id, n, values in rows],
            )

    def stories(self) -> list[Story]:
        rows = self.conn.execute(
            "SELECT id, label, doc_ids, first_published, last_published, top_entities "
            "FROM stories ORDER BY id"
        )
        return [
            Story(sid, label, tuple(json.loads(docs)), first, last, tuple(json.loads(top)))
            for sid, label, docs, first, last, top in rows
        ]

    def propositions(self) -> list[Proposition]:
        rows = self.conn.execute("SELECT record FROM propositions ORDER BY id")
        return [_proposition_record(json.loads(row[0])) for row in rows]

    # -- reading -----------------------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        rows = self.conn.execute(
            "SELECT id, content_hash, source, url, outlet, title, language, published, "
            "published_precision, published_source, published_after, text, original, offsets, "
            "removed_lines, pipeline, degraded, duplicate_of, story_id FROM documents ORDER BY id"
        )
        return [_stored_document(row) for row in rows]

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self.conn.execute(
            'SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY start', (doc_id,)
        )
        return [Sentence(start, end) for start, end in rows]

    def mentions(self, doc_id: str | None = None) -> list[StoredMention]:
        rows = self._per_doc(
            'SELECT doc_id, start, "end", text, type, label, entity_id, kb_entry, cluster, '
            "category FROM mentions",
            doc_id,
        )
        return [
            StoredMention(
                doc, Mention(start, end, text, kind, label, kb, cluster, category), entity
            )
            for doc, start, end, text, kind, label, entity, kb, cluster, category in rows
        ]

    def times(self, doc_id: str | None = None) -> list[tuple[str, TimeExpression]]:
        rows = self._per_doc(
            'SELECT doc_id, start, "end", text, value, type, mod, anchored, note FROM times',
            doc_id,
        )
        return [
            (doc, TimeExpression(start, end, text, value, kind, mod, bool(anchored), note))
            for doc, start, end, text, value, kind, mod, anchored, note in rows
        ]

    def quantities(self, doc_id: str | None = None) -> list[tuple[str, Quantity]]:
        rows = self._per_doc(
            'SELECT doc_id, start, "end", text, value, bound, value_max, unit, counted, '
            "counted_start, counted_end, time FROM quantities",
            doc_id,
        )
        return [(row[0], Quantity(*row[1:])) for row in rows]

    def descriptions(self, doc_id: str | None = None) -> list[tuple[str, Description]]:
        rows = self._per_doc(
            'SELECT doc_id, start, "end", text, role, kb_entry, cluster FROM descriptions', doc_id
        )
        return [(row[0], Description(*row[1:])) for row in rows]

    def claims(self, doc_id: str | None = None) -> list[tuple[str, Claim]]:
        """Claims in document order (their index in the document is their position)."""
        rows = self._per_doc(
            'SELECT doc_id, start, "end", cue, cue_start, cue_end, stance, direct, speaker, '
            "speaker_start, speaker_end, speaker_kind, parent_idx, extra_start, extra_end "
            "FROM claims",
            doc_id,
            order="idx",
        )
        claims = []
        for doc, *values in rows:
            values[6] = bool(values[6])  # direct: stored as 0/1
            claims.append((doc, Claim(*values)))
        return claims

    def events(self, doc_id: str | None = None) -> list[tuple[str, Event]]:
        rows = self._per_doc(
            "SELECT doc_id, type, trigger, trigger_start, trigger_end, arguments, time, "
            "modality, claim_idx FROM events",
            doc_id,
            order="idx",
        )
        return [
            (
                doc,
                Event(
                    kind,
                    trigger,
                    t_start,
                    t_end,
                    tuple(EventArgument(*a) for a in json.loads(arguments)),
                    time,
                    modality,
                    claim,
                ),
            )
            for doc, kind, trigger, t_start, t_end, arguments, time, modality, claim in rows
        ]

    def _per_doc(
        self, sql: str, doc_id: str | None, order: str = 'start, "end"'
    ) -> list[tuple[Any, ...]]:
        if doc_id is None:
            return list(self.conn.execute(f"{sql} ORDER BY doc_id, {order}"))
        return list(self.conn.execute(f"{sql} WHERE doc_id = ? ORDER BY {order}", (doc_id,)))

    def entities(self) -> list[Entity]:
        rows = self.conn.execute(
            "SELECT id, name, type, aliases, mentions, documents, kb_id FROM entities ORDER BY id"
        )
        return [
            Entity(eid, name, kind, tuple(json.loads(aliases)), n_mentions, n_docs, kb_id)
            for eid, name, kind, aliases, n_mentions, n_docs, kb_id in rows
        ]

    def links(self) -> list[Link]:
        rows = self.conn.execute(
            "SELECT kind, a, b, score, proposition FROM links ORDER BY kind, a, b"
        )
        return [Link(kind, a, b, score, prop) for kind, a, b, score, prop in rows]

    def errors(self) -> list[IngestError]:
        rows = self.conn.execute(
            "SELECT source, line, reason FROM ingest_errors ORDER BY source, line, reason"
        )
        return [IngestError(source, reason, line or None) for source, line, reason in rows]

    def counts(self) -> dict[str, int]:
        """Rows per record table: what the run summary and the doctor report."""
        tables = ("documents", "mentions", "entities", "times", "quantities", "claims", "events")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        # Quote each word so user input is never read as FTS5 query syntax.
        terms = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
        if not terms:
            return []
        rows = self.conn.execute(
            "SELECT d.id, snippet(documents_fts, 1, '[', ']', ' … ', 12) "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (terms, limit),
        )
        return [(doc_id, snippet) for doc_id, snippet in rows]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoreError(Exception):
    """The store cannot be opened or written (not a database, locked, read-only)."""


def _proposition_json(p: Proposition) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in Proposition.__dataclass_fields__:
        value = getattr(p, name)
        if name == "stances":
            value = {stance: list(ids) for stance, ids in value}
        elif isinstance(value, tuple):
            value = list(value)
        row[name] = value
    return row


def _proposition_record(row: dict[str, Any]) -> Proposition:
    values = dict(row)
    values["stances"] = tuple((k, tuple(v)) for k, v in sorted(row["stances"].items()))
    for name in ("events", "claims", "documents", "outlets"):
        values[name] = tuple(row[name])
    return Proposition(**values)


def _stored_document(row: tuple[Any, ...]) -> StoredDocument:
    (
        doc_id,
        chash,
        source,
        url,
        outlet,
        title,
        language,
        published,
        precision,
        psource,
        after,
        text,
        original,
        offsets,
        removed,
        pipeline,
        degraded,
        duplicate_of,
        story_id,
    ) = row
    document = Document(
        id=doc_id,
        content_hash=chash,
        source=source,
        text=text,
        original=original,
        offsets=OffsetMap(tuple(tuple(s) for s in json.loads(offsets))),
        language=language,
        published=PubDate(published, precision, psource, after),
        url=url,
        outlet=outlet,
        title=title,
        removed_lines=tuple(json.loads(removed)),
    )
    return StoredDocument(document, pipeline, bool(degraded), duplicate_of, story_id)
