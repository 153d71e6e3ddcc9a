"""Per-document extraction stages, each a spaCy component writing to ``Doc._``.

- ``times``: time expressions normalised against ``doc._.published`` -> ``doc._.times``;
- ``quantities``: numeric facts -> ``doc._.quantities`` (reads ``doc._.times`` to attach them).
"""
