"""Generate ``src/veille/data/kb/00_countries_iso.jsonl`` from pycountry (ISO 3166-1).

    pip install pycountry        # only needed to run this script, not veille
    python scripts/build_kb.py   # rewrites the file; commit the result

Every country gets an entry ``country/<alpha-3>`` with its English and French names (French
from pycountry's translations, with "Russie, Fédération de" turned into "Fédération de
Russie" plus the short form "Russie"). A name shared by two countries ("Corée") is dropped.
Common names, abbreviations, demonyms, capitals and Wikidata ids are curated by hand in
``10_countries.jsonl``, which extends these entries (see the README there).
"""

from __future__ import annotations

import gettext
import json
from collections import Counter
from pathlib import Path

import pycountry  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parents[1] / "src" / "veille" / "data" / "kb" / "00_countries_iso.jsonl"
_PREPOSITIONS = ("de", "d'", "du", "des", "of", "of the")


def uninvert(name: str) -> tuple[str, str | None]:
    """("Russie, Fédération de") -> ("Fédération de Russie", "Russie"); short form or None."""
    if ", " not in name:
        return name, None
    head, tail = name.split(", ", 1)
    if tail.endswith("'"):
        full = f"{tail}{head}"
    elif tail.split()[-1] in _PREPOSITIONS or tail.endswith(" of the") or len(tail.split()) == 1:
        full = f"{tail} {head}"
    else:  # "Taïwan, province de Chine": not a name to rebuild
        return name, None
    full = full[:1].upper() + full[1:]
    is_state_form = tail.endswith("'") or tail.split()[-1] in _PREPOSITIONS
    return full, head if is_state_form else None


def country_records() -> list[dict[str, object]]:
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    raw = []
    for country in pycountry.countries:
        en_full, en_short = uninvert(country.name)
        en = getattr(country, "common_name", None) or en_short or en_full
        en_aliases = [en_full, getattr(country, "official_name", None)]
        fr_full, fr_short = uninvert(french.gettext(country.name))
        official = getattr(country, "official_name", None)
        fr_official = uninvert(french.gettext(official))[0] if official else None
        raw.append(
            (
                country.alpha_3,
                {"fr": fr_short or fr_full, "en": en},
                {"fr": [fr_full, fr_official], "en": en_aliases},
                {"fr": fr_full, "en": en_full},
            )
        )
    # A form naming two countries ("Corée", "Congo" as an alias) names neither.
    counts = Counter(
        form
        for _, names, aliases, _ in raw
        for lang in ("fr", "en")
        for form in {names[lang], *(a for a in aliases[lang] if a)}
    )
    records = []
    for code, names, aliases, full in sorted(raw):
        # A short name shared by two countries gives way to the full one.
        names = {lang: name if counts[name] == 1 else full[lang] for lang, name in names.items()}
        record: dict[str, object] = {"id": f"country/{code}", "type": "COUNTRY", "name": names}
        cleaned = {
            lang: sorted({a for a in forms if a and a != names[lang] and counts[a] == 1})
            for lang, forms in aliases.items()
        }
        cleaned = {lang: forms for lang, forms in cleaned.items() if forms}
        if cleaned:
            record["aliases"] = cleaned
        records.append(record)
    return records


def main() -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in country_records()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} countries -> {OUT}")


if __name__ == "__main__":
    main()
