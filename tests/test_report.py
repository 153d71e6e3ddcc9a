from __future__ import annotations

import re

from tests.test_store import make_doc
from veille.records import Entity, Resolution
from veille.report import paragraphs, render_dossier
from veille.store import SQLiteStore

HOSTILE = (
    "Kim <script>alert('x')</script> a visité <img src=x onerror=alert(1)> une usine.\n\n"
    "Deuxième paragraphe </article><iframe src=javascript:alert(2)></iframe> fin."
)


def test_article_content_is_escaped_and_no_script_can_run() -> None:
    with SQLiteStore(":memory:") as store:
        annotated = make_doc(
            HOSTILE, title="<b onmouseover=alert(3)>titre</b>", url="javascript:alert(4)"
        )
        store.add(annotated)
        entity = Entity("ent_kim", "Kim <i>", "PERSON", ("Kim",), 1, 1)
        store.replace_resolution(
            Resolution((entity,), ((annotated.document.id, 0, 3, "ent_kim"),), (), ())
        )
        html = render_dossier(store)
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "default-src 'none'" in html  # CSP: even a slip could not run script
    assert not re.search(r"<(link|script)[^>]+src=\"?https?:", html)  # nothing fetched online


def test_paragraph_segments_keep_offsets_exact() -> None:
    text = "Kim est là.\n\nPoutine aussi."
    mentions = make_doc(text).mentions
    from veille.records import StoredMention

    stored = [StoredMention("d", m, "ent_x") for m in mentions]
    paras = paragraphs(text, stored)
    assert ["".join(seg.text for seg in p) for p in paras] == ["Kim est là.", "Poutine aussi."]
    assert paras[0][0].entity_id == "ent_x" and paras[0][0].text == "Kim"


def test_numbers_ledger_and_times_are_shown() -> None:
    from dataclasses import replace

    from veille.records import Quantity, TimeExpression

    text = "Pyongyang a livré plus de 1000 conteneurs <b>mardi</b>. Fin."
    annotated = replace(
        make_doc(text),
        quantities=(
            Quantity(
                19,
                41,
                "plus de 1000 conteneurs",
                1000.0,
                "more_than",
                counted="conteneurs",
                time="2023-10-10",
            ),
        ),
        times=(TimeExpression(45, 50, "mardi", "2023-10-10", "DATE", anchored=True),),
    )
    with SQLiteStore(":memory:") as store:
        store.add(annotated)
        html = render_dossier(store)
    ledger = html.split('id="numbers"')[1].split("</section>")[0]
    assert "conteneurs" in ledger and "1\u202f000" in ledger and "more than" in ledger
    assert "2023-10-10" in ledger and "&lt;b&gt;mardi&lt;/b&gt;" in ledger
    assert "<code>2023-10-10</code>" in html and "anchored on the publication date" in html


def test_timeline_shows_events_with_their_time_and_reporting_claim() -> None:
    from dataclasses import replace

    from veille.records import Claim, Event, EventArgument
    from veille.report import granularity

    text = "La KCNA a affirmé que Kim <i>avait visité</i> des usines en août 2023."
    claim = Claim(22, 70, "a affirmé", 9, 18, "assert", False, "La KCNA", 0, 7, "entity")
    event = Event(
        "VISIT",
        "avait visité",
        33,
        45,
        (EventArgument("agent", 22, 25, "Kim"),),
        time="2023-08",
        claim=0,
    )
    with SQLiteStore(":memory:") as store:
        store.add(replace(make_doc(text), claims=(claim,), events=(event,)))
        html = render_dossier(store)
    timeline = html.split('id="timeline"')[1].split("</section>")[0]
    assert "<code>2023-08</code>" in timeline and "month" in timeline and "VISIT" in timeline
    assert "La KCNA" in timeline and "assert" in timeline
    assert "&lt;i&gt;avait visité&lt;/i&gt;" in timeline  # the source sentence, escaped
    assert [granularity(v) for v in ("2023-08-11", "2023", "P3D", "PAST_REF", None)] == [
        "day",
        "year",
        "duration",
        "past (vague)",
        "undated",
    ]
