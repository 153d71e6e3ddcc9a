"""Events: typed triggers with their arguments, time and modality -> ``doc._.events``.

``triggers`` (and ``blank`` without a parser) find them, ``arguments`` fills the roles,
``time`` places them, ``modality`` says actual/planned/hypothetical/negated.
"""

from veille.extract.events.stage import extract_events, make_events

__all__ = ["extract_events", "make_events"]
