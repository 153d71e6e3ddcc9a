"""Claims: who said what, through which cue, with which stance -> ``doc._.claims``.

Drafts come from the parse (``parse``), token patterns (``patterns``, also the degraded
English path) and speech nouns (``nouns``); ``speakers`` finds and resolves who speaks,
``stance`` decides assert/allege/deny/speculate, ``judgement`` reads denials by judgement
("dismissed the reports as baseless") for the token patterns, ``text`` trims the content span.
"""

from veille.extract.claims.stage import extract_claims, make_claims

__all__ = ["extract_claims", "make_claims"]
