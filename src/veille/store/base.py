"""The store interface. SQLite implements it now; a PostgreSQL backend implements the same."""

from __future__ import annotations

from typing import Protocol

from veille.records import (
    AnnotatedDocument,
    Claim,
    Description,
    Entity,
    Event,
    IngestError,
    Link,
    Proposition,
    Quantity,
    Resolution,
    Sentence,
    StoredDocument,
    StoredMention,
    Story,
    TimeExpression,
)


class Store(Protocol):
    def has_content(self, content_hash: str) -> bool:
        """True when a document with this content hash is stored already."""

    def add(self, annotated: AnnotatedDocument) -> bool:
        """Store a document and its annotations atomically; False if it was there already."""

    def record_error(self, error: IngestError) -> None: ...

    def replace_resolution(self, resolution: Resolution) -> None:
        """Swap in the cross-document picture in one transaction."""

    def documents(self) -> list[StoredDocument]: ...

    def sentences(self, doc_id: str) -> list[Sentence]: ...

    def mentions(self, doc_id: str | None = None) -> list[StoredMention]: ...

    def times(self, doc_id: str | None = None) -> list[tuple[str, TimeExpression]]: ...

    def quantities(self, doc_id: str | None = None) -> list[tuple[str, Quantity]]: ...

    def descriptions(self, doc_id: str | None = None) -> list[tuple[str, Description]]: ...

    def claims(self, doc_id: str | None = None) -> list[tuple[str, Claim]]: ...

    def events(self, doc_id: str | None = None) -> list[tuple[str, Event]]: ...

    def entities(self) -> list[Entity]: ...

    def links(self) -> list[Link]: ...

    def stories(self) -> list[Story]: ...

    def propositions(self) -> list[Proposition]: ...

    def signatures(self, shingle_size: int, num_perm: int) -> dict[str, tuple[int, bytes]]:
        """Stored MinHash signatures made with these parameters: doc_id -> (shingles, values)."""

    def add_signatures(
        self, shingle_size: int, num_perm: int, rows: list[tuple[str, int, bytes]]
    ) -> None:
        """Keep (doc_id, number of shingles, MinHash values) so they are never recomputed."""

    def errors(self) -> list[IngestError]: ...

    def counts(self) -> dict[str, int]:
        """Rows per record type (documents, mentions, entities, times, quantities, …)."""

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search: (doc_id, highlighted snippet) pairs, best first."""

    def close(self) -> None: ...
