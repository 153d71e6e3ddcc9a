"""Entities: mentions found by the knowledge base, NER and shapes, repaired and linked
within the document (``stage.extract_entities``)."""

from veille.extract.entities.stage import KbMatches, extract_entities, match_kb

__all__ = ["KbMatches", "extract_entities", "match_kb"]
