"""Ingest: adapters, sniffing, folder walks, stdin, encodings and every bad-input case."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from veille.ingest import iter_raw, sniff
from veille.ingest.text import split_header
from veille.records import IngestError, RawDocument
from veille.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()
FRENCH = (
    "Le dirigeant nord-coréen a visité une usine d'armement à Pyongyang, en été — « très » tôt."
)


def items(*paths: str | Path, settings: Settings = SETTINGS) -> list[RawDocument | IngestError]:
    return list(iter_raw([str(p) for p in paths], settings))


def docs(*paths: str | Path) -> list[RawDocument]:
    found = items(*paths)
    assert all(isinstance(i, RawDocument) for i in found), found
    return [i for i in found if isinstance(i, RawDocument)]


def error(*paths: str | Path, settings: Settings = SETTINGS) -> IngestError:
    (found,) = items(*paths, settings=settings)
    assert isinstance(found, IngestError), found
    assert "\n" not in str(found)
    return found


# --- text adapter -----------------------------------------------------------------------


def test_text_header_block_fills_metadata() -> None:
    (doc,) = docs(FIXTURES / "header.txt")
    assert doc.title == "Les ports de la Baltique sous surveillance"
    assert doc.url == "https://exemple.test/baltique"
    assert doc.outlet == "La Gazette du Nord"
    assert doc.published == "2024-02-17"
    assert doc.language == "fr"
    assert doc.text is not None and doc.text.startswith("Les garde-côtes")
    assert "Title:" not in doc.text and doc.html is None


def test_seed_style_date_prefix() -> None:
    (doc,) = docs(FIXTURES / "seed_style.txt")
    assert doc.published == "2021-03"
    assert doc.text is not None and doc.text.startswith("Les autorités ont annoncé")


@pytest.mark.parametrize(
    ("content", "fields", "body"),
    [
        (
            "titre: Un titre\ndate: 2023\nLe texte commence ici.",
            {"title": "Un titre", "published": "2023"},
            "Le texte commence ici.",
        ),
        ("TITLE: Upper\n\nBody.", {"title": "Upper"}, "Body."),
        (
            "Plain text: with a colon on the first line.",
            {},
            "Plain text: with a colon on the first line.",
        ),
        (
            "date 2023-08-11\nBody on the next line.",
            {"published": "2023-08-11"},
            "Body on the next line.",
        ),
        ("  date 2023-08 Le dirigeant …", {"published": "2023-08"}, "Le dirigeant …"),
        ("No header at all.\n\nSecond paragraph.", {}, "No header at all.\n\nSecond paragraph."),
    ],
)
def test_split_header(content: str, fields: dict[str, str], body: str) -> None:
    assert split_header(content) == (fields, body)


def test_header_without_body_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "only_header.txt"
    path.write_text("title: Nothing else\n\n", encoding="utf-8")
    assert error(path).reason == "no article text after the header"


# --- html and jsonl adapters -------------------------------------------------------------


def test_html_adapter_keeps_the_page() -> None:
    (doc,) = docs(FIXTURES / "page.html")
    assert doc.html is not None and "<article>" in doc.html
    assert doc.text is None and doc.title is None  # metadata comes from the clean stage


def test_jsonl_good_and_bad_lines() -> None:
    path = FIXTURES / "feed.jsonl"
    found = items(path)
    good = [i for i in found if isinstance(i, RawDocument)]
    bad = {i.line: i for i in found if isinstance(i, IngestError)}
    assert [d.source for d in good] == [f"{path}:1", f"{path}:2", f"{path}:7", f"{path}:10"]
    assert good[0].title == "Budget des transports" and good[0].published == "2024-01-09"
    assert good[0].outlet == "Le Quotidien" and good[0].language == "fr"
    assert good[2].html is not None and good[2].text is None
    assert good[3].published is None
    assert set(bad) == {3, 4, 5, 6, 9}
    assert str(bad[3]).startswith(f"{path}:3: malformed JSON: Unterminated string")
    assert bad[4].reason == "JSON line is not an object (got array)"
    assert bad[5].reason == "object has no 'text' or 'html' field"
    assert bad[6].reason == "field 'text' must be a string, not number"
    assert bad[9].reason == "empty 'text'"


def test_jsonl_lines_never_collide() -> None:
    good = [i for i in items(FIXTURES / "feed.jsonl") if isinstance(i, RawDocument)]
    # lines 1 and 2 share their text but not their metadata
    assert len({d.content_hash for d in good}) == len(good)


def test_jsonl_wrong_metadata_type(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"text": "Some text here.", "published": 1694572827}) + "\n")
    err = error(path)
    assert err.line == 1 and err.reason == "field 'published' must be a string, not number"


def test_jsonl_deep_nesting_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("{" + '"a":[' * 100_000 + "\n")
    assert error(path).reason.startswith("malformed JSON")


# --- sniffing, folders, stdin --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <div><p>fragment</p></div>", "html"),
        ('{"text": "a"}\n\n{"text": "b"}\n', "jsonl"),
        ('{"text": "a"}\nnot json\n', "text"),
        ("<3 is a heart, not a tag", "text"),
        ("Just words.", "text"),
    ],
)
def test_sniff(content: str, kind: str) -> None:
    assert sniff(content) == kind


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a.page").write_text((FIXTURES / "page.html").read_text(encoding="utf-8"))
    (tmp_path / "b.dump").write_text('{"text": "Une ligne JSON sans extension."}\n')
    (tmp_path / "c").write_text("Du texte brut sans extension.\n")
    a, b, c = docs(tmp_path / "a.page", tmp_path / "b.dump", tmp_path / "c")
    assert a.html is not None and b.source.endswith("b.dump:1") and c.text is not None


def test_folder_walk_sorted_recursive_hidden_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "folder", folder)
    (folder / ".hidden.txt").write_text("Hidden file, never read.")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD.txt").write_text("Hidden folder, never read.")
    (folder / "README.md").write_text("# About this corpus\n\nNot an article.")
    found = docs(folder)
    assert [Path(d.source.split(":")[0]).relative_to(folder).as_posix() for d in found] == [
        "a_first.txt",
        "b_sub/b.jsonl",
        "b_sub/deeper/notes",
    ]  # README.md and page_files/style.css: no adapter claims them, skipped in walks


def test_empty_folder_gives_nothing(tmp_path: Path) -> None:
    assert items(tmp_path) == []


class _Stdin(io.TextIOWrapper):
    """A stdin with a byte buffer, like the real one."""


def test_stdin_text_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("date 2023-08 Un article lu sur l'entrée standard.")
    )
    (doc,) = docs("-")
    assert doc.source == "<stdin>" and doc.published == "2023-08"


def test_stdin_bytes_are_decoded_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = '{"text": "Première ligne."}\n{"text": "Seconde ligne."}\n'.encode("utf-16")
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(lines)))
    first, second = docs("-")
    assert (first.source, second.source) == ("<stdin>:1", "<stdin>:2")


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(b"")))
    assert str(error("-")) == "<stdin>: empty file"


# --- bad inputs: one line naming the file, and the others go on --------------------------------


def test_missing_file_and_the_others_go_on(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    found = items(missing, FIXTURES / "seed_style.txt", tmp_path / "missing.jsonl")
    assert str(found[0]) == f"{missing}: file not found"
    assert isinstance(found[1], RawDocument)
    assert isinstance(found[2], IngestError) and found[2].reason == "file not found"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Un texte que personne ne peut lire.")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert str(error(path)) == f"{path}: cannot read file: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_by_mode(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Un texte que personne ne peut lire.")
    path.chmod(0)
    assert error(path).reason == "cannot read file: permission denied"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file (whitespace only)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes)"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 30, "binary content (control characters)"),
        (
            bytes(range(0x80, 0xA0)) * 20,
            "undecodable: not UTF-8 and no coherent text encoding found",
        ),
    ],
)
def test_bad_content(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    err = error(path)
    assert err.reason == reason and str(err) == f"{path}: {reason}"


def test_too_large_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 500)

    def never(self: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(Path, "open", never)
    err = error(path, settings=Settings(max_file_bytes=100))
    assert err.reason == "file too large (500 bytes; limit 100)"


def test_no_exception_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from veille.ingest import text

    def explode(content: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(text, "split_header", explode)
    (tmp_path / "a.txt").write_text("Some text.")
    err = error(tmp_path / "a.txt")
    assert err.reason == "unexpected error: RuntimeError: boom"


# --- encodings and hashes ---------------------------------------------------------------


LATIN1 = FRENCH.replace("—", "-")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (FRENCH.encode("cp1252"), FRENCH),
        (LATIN1.encode("latin-1"), LATIN1),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH),
        (FRENCH.encode("utf-16"), FRENCH),  # with its BOM
        (b"\xfe\xff" + FRENCH.encode("utf-16-be"), FRENCH),
        (FRENCH.encode("utf-8"), FRENCH),
    ],
    ids=["cp1252", "latin-1", "utf-8-bom", "utf-16", "utf-16-be", "utf-8"],
)
def test_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(data)
    (doc,) = docs(path)
    assert doc.text == expected


def test_short_latin1_is_not_read_as_chinese(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("Un été à Noël.".encode("latin-1"))
    assert docs(path)[0].text == "Un été à Noël."


def test_crlf_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"title: T\r\n\r\nLine one.\r\nLine two.\r\n")
    (doc,) = docs(path)
    assert doc.text == "Line one.\nLine two." and doc.title == "T"


def test_same_content_same_hash(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(FIXTURES / "header.txt", copy)
    a, b, c = docs(FIXTURES / "header.txt", FIXTURES / "header.txt", copy)
    assert a.content_hash == b.content_hash == c.content_hash
    changed = tmp_path / "changed.txt"
    changed.write_text(copy.read_text().replace("2024-02-17", "2024-02-18"))
    assert docs(changed)[0].content_hash != a.content_hash  # metadata is part of the hash
