"""Fill in the inflected forms of src/veille/data/claims/fr_verbs.tsv (run by hand, no network).

The claims stage reads lemmas from the parse, but the tagger misses some ("reproche" tagged as a
verb with the lemma "reproche") and blank pipelines have no lemmas at all: the TSV therefore
lists, for each verb, the forms a news report uses (3rd person present, past participles,
passé simple, imparfait, present participle). Rows whose two form columns are empty get them
here, by the rules of the first conjugation (with its stem alternations: "rappelle", "répète",
"balaie", "annonça", "jugea") and of the second ("avertit", "avertissent"). Irregular verbs
have their forms written in the file by hand, and this script leaves them as they are.

    python scripts/claims_fr_forms.py [--check]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

TSV = Path(__file__).resolve().parents[1] / "src" / "veille" / "data" / "claims" / "fr_verbs.tsv"

_DOUBLE = ("appeler", "rappeler", "interpeller", "jeter", "rejeter")


def _base(lemma: str) -> str:
    """The conjugated verb of an entry: "s'engager" -> "engager", "mettre en garde" -> "mettre"."""
    words = lemma.replace("s'", "se ").split()
    return words[1] if words[0] == "se" else words[0]


def first_group(verb: str) -> tuple[list[str], list[str]]:
    stem = verb[:-2]
    strong = stem  # the stem before a silent ending: "rappell", "répèt", "balai"
    if verb.endswith(_DOUBLE) or verb == "interpeller":
        strong = stem if stem.endswith("ll") else stem + stem[-1]
    elif verb.endswith("yer"):
        strong = stem[:-1] + "i"
    else:
        m = re.search(r"[eé]((?:gu|qu|[^aeiouyéèêàâîïôûù])+)$", stem)
        if m and (m.start() > 0):
            strong = stem[: m.start()] + "è" + m.group(1)
    soft = stem + ("e" if stem.endswith("g") else "")  # "jugea", "jugeant"
    if stem.endswith("c"):
        soft = stem[:-1] + "ç"
    present = [strong + "e", strong + "ent"]
    pasts = [stem + e for e in ("é", "ée", "és", "ées")]
    pasts += [soft + "a", stem + "èrent", soft + "ait", soft + "aient", soft + "ant"]
    return present, pasts


def second_group(verb: str) -> tuple[list[str], list[str]]:
    stem = verb[:-2]
    present = [stem + "it", stem + "issent"]
    pasts = [stem + e for e in ("i", "ie", "is", "ies", "irent", "issait", "issaient", "issant")]
    return present, pasts


def forms(lemma: str) -> tuple[list[str], list[str]] | None:
    verb = _base(lemma)
    if verb.endswith("er") and verb != "aller":
        return first_group(verb)
    if verb.endswith("ir"):
        return second_group(verb)
    return None


def main(check: bool) -> int:
    lines = TSV.read_text(encoding="utf-8").splitlines()
    out, missing = [], []
    for line in lines:
        cols = line.split("\t")
        if line.startswith("#") or not line.strip() or any(c.strip() for c in cols[3:5]):
            out.append(line)
            continue
        found = forms(cols[0])
        if found is None:
            missing.append(cols[0])
            out.append(line)
            continue
        cols = [*cols[:3], "-"][:3]
        out.append("\t".join([*cols, ",".join(found[0]), ",".join(found[1])]))
    if missing:
        print("irregular verbs without forms:", ", ".join(missing), file=sys.stderr)
        return 1
    text = "\n".join(out) + "\n"
    if check:
        return 0 if text == TSV.read_text(encoding="utf-8") else 1
    TSV.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
