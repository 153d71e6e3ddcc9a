"""Language identification with lingua, restricted to the configured languages plus a few
common neighbours (so a German page is called German, not badly-spelled French).

A language outside ``settings.language_list`` is still returned: the annotate stage decides
what to do with it. ``und`` (undetermined) when lingua cannot tell.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from veille.settings import Settings

UNDETERMINED = "und"
_NEIGHBOURS = ("de", "es", "it", "pt", "nl")
_SAMPLE_CHARS = 3000
_CODE = re.compile(r"[a-z]{2,3}")


def detect_language(text: str, settings: Settings, declared: str | None = None) -> str:
    """ISO 639-1 code: the declared language when given (``fr-FR`` -> ``fr``), else lingua's."""
    if declared:
        code = declared.strip().lower().replace("_", "-").split("-")[0]
        if _CODE.fullmatch(code):
            return code
    detector = _detector(tuple(dict.fromkeys((*settings.language_list, *_NEIGHBOURS))))
    found = detector.detect_language_of(text[:_SAMPLE_CHARS])
    if found is None:
        return UNDETERMINED
    return str(found.iso_code_639_1.name).lower()


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> Any:
    """Built once per language set: lingua's models are large and slow to load."""
    languages = [lang for lang in (_language(code) for code in codes) if lang is not None]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _language(code: str) -> Language | None:
    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except (ValueError, AttributeError):
        return None  # a code lingua does not know: left out of detection
