from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille.eval import check_floors
from veille.eval.timeml import evaluate_timeml, format_report, to_clean_span
from veille.ingest import iter_raw
from veille.ingest.timeml import BadTimeML, read_timeml
from veille.records import IngestError, RawDocument
from veille.settings import Settings

from .conftest import REPO

TIMEBANK_DEV = REPO.parent / "shared" / "data" / "fr-timebank" / "dev"

SAMPLE = """<?xml version='1.0' encoding='UTF-8'?>
<TimeML>
<DOCID>test-0001</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2001-03-14" /></DCT>
<TEXT>
La réunion s'est tenue <TIMEX3 tid="t1" type="DATE" value="2001-03-13">hier</TIMEX3> à Nancy et
a <EVENT eid="e1">duré</EVENT> <TIMEX3 tid="t2" type="DURATION" value="PT3H">trois heures</TIMEX3>.
Le conseil se réunira
<TIMEX3 tid="t3" type="DATE" value="2001-03-19">lundi prochain</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_reader_strips_tags_and_keeps_exact_offsets() -> None:
    doc = read_timeml(SAMPLE)
    assert doc.doc_id == "test-0001" and doc.dct == "2001-03-14"
    assert "<" not in doc.text and "a duré trois heures." in doc.text
    assert [(t.text, t.value, t.type) for t in doc.timexes] == [
        ("hier", "2001-03-13", "DATE"),
        ("trois heures", "PT3H", "DURATION"),
        ("lundi prochain", "2001-03-19", "DATE"),
    ]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text


def test_reader_refuses_what_is_not_timeml() -> None:
    with pytest.raises(BadTimeML, match="malformed XML"):
        read_timeml("<TimeML><TEXT>unclosed")
    with pytest.raises(BadTimeML, match="no TEXT"):
        read_timeml("<TimeML><DOCID>x</DOCID></TimeML>")


def test_adapter_reads_tml_as_a_curated_article(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    items = list(iter_raw([str(tmp_path)], Settings()))
    raws = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(raws) == 1 and raws[0].curated and raws[0].published == "2001-03-14"
    assert len(errors) == 1 and "broken.tml" in str(errors[0])


def test_clean_span_follows_the_offset_map() -> None:
    origins = [0, 1, 2, 5, 6, 7]  # clean text lost original characters 3 and 4
    assert to_clean_span(origins, 5, 8) == (3, 6)
    assert to_clean_span(origins, 1, 6) == (1, 4)
    assert to_clean_span(origins, 3, 5) is None


def test_scores_on_a_small_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(SAMPLE, encoding="utf-8")
    report = evaluate_timeml(tmp_path, Settings())
    assert report.documents == 1 and report.missing == ()
    assert report.veille.strict.gold == 3
    assert "HeidelTime" in format_report(report)


@pytest.mark.skipif(not TIMEBANK_DEV.is_dir(), reason="../shared/data/fr-timebank not present")
def test_timebank_dev_floors() -> None:
    """CI's quality gate on French TimeBank dev: strict, relaxed and value accuracy."""
    report = evaluate_timeml(TIMEBANK_DEV, Settings())
    assert report.documents == 72 and report.veille.strict.gold == 252
    assert report.dateparser.strict.f1 < 0.4  # the naive baseline stays naive
    floors = json.loads((REPO / "eval_baseline.json").read_text())["floors"]
    assert {"timeml.strict", "timeml.relaxed", "timeml.value"} <= set(floors)
    assert check_floors(report.veille.floors(), REPO / "eval_baseline.json") == []
