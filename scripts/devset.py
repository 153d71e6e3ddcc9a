"""The real-press development set: check and fill its local cache, convert annotators' gold.

The page texts never enter the repository (DESIGN.md): devset/manifest.jsonl names each page
(URL, the search query and rank that return it, sha256, length) and a session fills the
git-ignored cache (devset/cache/, or $VEILLE_DEVSET_CACHE) through the search tool, as
devset/README.md says. This script retrieves nothing by itself.

    python scripts/devset.py check                  # ok / missing / mismatch, one line a page
    python scripts/devset.py put ID FILE            # copy FILE into the cache if its hash fits
    python scripts/devset.py fill RESULTS.jsonl     # put every {"id", "excerpt"} line
    python scripts/devset.py offsets WORK_DIR OUT_DIR   # quoted-span gold -> offset gold
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from veille.eval.gold import RECORD_FILES
from veille.eval.offsets import CACHE_ENV, sha256, sha256_folded, to_offsets

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "devset" / "manifest.jsonl"


def cache_dir(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else ROOT / "devset" / "cache"


def read_manifest(path: Path) -> dict[str, dict[str, Any]]:
    pages: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            page = json.loads(line)
            pages[page["id"]] = page
    return pages


def status(page: dict[str, Any], cache: Path) -> str:
    """ok, ok-folded (only typography differs: offsets still hold), missing or mismatch."""
    path = cache / f"{page['id']}.txt"
    if not path.is_file():
        return "missing"
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return "mismatch"
    if sha256(text) == page["sha256"]:
        return "ok"
    if page.get("sha256_folded") and sha256_folded(text) == page["sha256_folded"]:
        return "ok-folded"
    return "mismatch"


def check(pages: dict[str, dict[str, Any]], cache: Path) -> int:
    counts: dict[str, int] = {}
    for page_id, page in pages.items():
        state = status(page, cache)
        counts[state] = counts.get(state, 0) + 1
        print(f"{page_id}\t{state}")
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    print(f"{len(pages)} pages in {cache}: {summary}", file=sys.stderr)
    return 1 if counts.get("mismatch") else 0


def put(pages: dict[str, dict[str, Any]], cache: Path, page_id: str, text: str) -> int:
    page = pages.get(page_id)
    if page is None:
        print(f"{page_id}: not in the manifest", file=sys.stderr)
        return 1
    if sha256(text) != page["sha256"] and sha256_folded(text) != page.get("sha256_folded"):
        print(
            f"{page_id}: sha256 differs from the manifest "
            f"({len(text)} characters, expected {page['length']}); not written",
            file=sys.stderr,
        )
        return 1
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f"{page_id}.txt").write_bytes(text.encode("utf-8"))
    print(f"{page_id}\tok")
    return 0


def offsets(work: Path, out: Path, cache: Path, pages: dict[str, dict[str, Any]]) -> int:
    records: dict[str, list[dict[str, Any]]] = {}
    for name in RECORD_FILES:
        path = work / f"{name}.jsonl"
        rows = []
        if path.is_file():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        print(f"{path}:{number}: invalid JSON ({exc.msg})", file=sys.stderr)
                        return 1
        records[name] = rows
    texts: dict[str, str] = {}
    for doc in records["documents"]:
        key = doc["doc"]
        if key in pages and status(pages[key], cache) not in ("ok", "ok-folded"):
            print(f"{key}: cache text missing or changed; run check", file=sys.stderr)
            return 1
        path = cache / f"{key}.txt"
        if path.is_file():
            texts[key] = path.read_bytes().decode("utf-8")
    converted, problems = to_offsets(records, texts)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in converted.items():
        if rows or (work / f"{name}.jsonl").is_file():
            with (out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    for line in problems:
        print(f"not converted: {line}", file=sys.stderr)
    total = sum(len(rows) for rows in converted.values())
    print(f"{total} records written to {out}, {len(problems)} not converted", file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", default=str(MANIFEST))
    parser.add_argument("--cache", default=None, help=f"default ${CACHE_ENV} or devset/cache")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="which cache texts are present and match the manifest")
    p_put = sub.add_parser("put", help="copy a text into the cache after checking its sha256")
    p_put.add_argument("id")
    p_put.add_argument("file")
    p_fill = sub.add_parser("fill", help='put every {"id", "excerpt"} line of a JSON Lines file')
    p_fill.add_argument("results")
    p_off = sub.add_parser("offsets", help="convert quoted-span gold into offset gold")
    p_off.add_argument("work_dir")
    p_off.add_argument("out_dir")
    args = parser.parse_args(argv)
    pages = read_manifest(Path(args.manifest))
    cache = cache_dir(args.cache)
    if args.command == "check":
        return check(pages, cache)
    if args.command == "put":
        source = Path(args.file)
        if not source.is_file():
            print(f"{source}: no such file", file=sys.stderr)
            return 1
        return put(pages, cache, args.id, source.read_bytes().decode("utf-8"))
    if args.command == "fill":
        status_code = 0
        for line in Path(args.results).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                status_code |= put(pages, cache, row["id"], row["excerpt"])
        return status_code
    if args.command == "offsets":
        return offsets(Path(args.work_dir), Path(args.out_dir), cache, pages)
    return 2


if __name__ == "__main__":
    sys.exit(main())
