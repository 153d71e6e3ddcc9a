"""Per-document extraction stages, one subpackage each, each a spaCy component writing to
``Doc._`` (registered on import; run in this order by ``veille.nlp``):

- ``entities``: mentions and their links -> ``doc._.mentions`` (component in ``veille.nlp``);
- ``times``: time expressions normalised against ``doc._.published`` -> ``doc._.times``;
- ``quantities``: numeric facts -> ``doc._.quantities`` (reads ``doc._.times`` to attach them);
- ``claims``: reported speech -> ``doc._.claims``;
- ``events``: typed events -> ``doc._.events`` (reads times and claims);
- ``published``: a lower bound on an undated article's publication date.
"""
