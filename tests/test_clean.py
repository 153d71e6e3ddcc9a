"""Clean: furniture removal, HTML extraction, normalisation with its offset map, language and
publication date. Fast: no spaCy."""

from __future__ import annotations

import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veille.clean import clean, normalize, strip_boilerplate
from veille.clean.language import detect_language
from veille.clean.offsets import compose, to_offset_map
from veille.clean.pubdate import publication_date
from veille.clean.stamps import Stamp, parse_date_text, parse_stamp_line
from veille.ids import make_id
from veille.ingest import iter_raw
from veille.ingest.base import make_raw
from veille.records import Document, IngestError, PubDate, RawDocument
from veille.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SETTINGS = Settings()


def cleaned(path: Path) -> Document:
    (raw,) = iter_raw([str(path)], SETTINGS)
    assert isinstance(raw, RawDocument), raw
    doc = clean(raw, SETTINGS)
    assert isinstance(doc, Document), doc
    return doc


def clean_text(text: str, **meta: str) -> Document | IngestError:
    return clean(make_raw("test.txt", text=text, **meta), SETTINGS)


def assert_maps_back(doc: Document) -> None:
    """Every letter or digit of the clean text maps to the same character of the original."""
    for i, ch in enumerate(doc.text):
        if ch.isalnum():
            assert doc.original[doc.offsets.to_original(i)] == ch, (i, ch)


# --- the acceptance page: seed 002 ------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_002() -> tuple[Document, str]:
    paths = sorted(SEEDS.glob("002_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("../shared/seeds not present")
    return cleaned(paths[0]), paths[0].read_text(encoding="utf-8")


FURNITURE_002 = [
    "Nouvelles Du Monde",
    "2023-09-13 03:10:33",
    "Lire aussi",
    "#Larsenal",
    "1694572827",
    "Facebook",
    "Twitter",
    "LinkedIn",
    "Pinterest",
    "Leave a Comment",
    "Akismet",
    "ADVERTISEMENT",
]


def test_seed_002_furniture_removed(seed_002: tuple[Document, str]) -> None:
    doc, _ = seed_002
    for furniture in FURNITURE_002:
        assert furniture not in doc.text, furniture
    assert "arsenal rouge pour les réserves" not in doc.text  # the repeated headline


def test_seed_002_paragraphs_intact(seed_002: tuple[Document, str]) -> None:
    doc, source = seed_002
    paragraphs = [p.strip() for p in source.split("\n\n") if len(p.split()) > 30]
    assert len(paragraphs) == 8
    for paragraph in paragraphs:
        assert paragraph.replace("\u2019", "'") in doc.text
    assert doc.text.startswith("Un imposant train blindé vert")
    assert doc.text.endswith("à des fins de propagande nationale.")
    assert_maps_back(doc)


def test_seed_002_metadata(seed_002: tuple[Document, str]) -> None:
    doc, _ = seed_002
    assert doc.title is not None
    assert doc.title.replace("\u2019", "'") == (
        "L'arsenal rouge pour les réserves épuisées de la Russie dans la guerre en Ukraine"
    )
    assert doc.outlet == "Nouvelles Du Monde"
    assert doc.published == PubDate("2023-09-13", "day", "text")
    assert doc.language == "fr"
    assert "Leave a Comment" in doc.removed_lines and "1694572827" in doc.removed_lines


def test_seeds_without_furniture_lose_nothing() -> None:
    paths = sorted(SEEDS.glob("00[0134]_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("../shared/seeds not present")
    for path in paths:
        doc = cleaned(path)
        assert doc.removed_lines == (), path
        assert doc.published.precision in ("month", "unknown")
        assert len(doc.text) > 0.97 * len(doc.original)


# --- furniture of web pages in general (pages written for these tests) -------------------------

FR_BODY = [
    "Plusieurs centaines d'agriculteurs ont bloqué lundi les accès au port de Rotterdam",
    "Le syndicat agricole LTO a déclaré que le mouvement durerait « aussi longtemps qu'il le "
    "faudra ».",
    "Des négociations sous tension",  # a mid-article subheading: kept
    "Le ministre de l'Agriculture doit recevoir les représentants des exploitants mardi",
    "Selon les autorités portuaires, une quarantaine de navires attendaient au large dimanche "
    "soir.",
]
FR_FURNITURE = [
    "Courrier du Soir",
    "Accueil",
    "Par Claire Fontaine",
    "Publié le",
    "Temps de lecture",
    "(Reuters)",
    "cookies",
    "Photo :",
    "Lire aussi",
    "Publicité",
    "Abonnez-vous",
    "Reportage",
    "Sur le même sujet",
    "Inflation",
    "Énergie",
    "Partager",
    "Imprimer",
    "commentaire",
    "adresse e-mail",
    "©",
    "Mentions légales",
    "Nous contacter",
]


def test_french_page_furniture() -> None:
    doc = cleaned(FIXTURES / "noisy_page_fr.txt")
    for sentence in FR_BODY:
        assert sentence in doc.text, sentence
    for furniture in FR_FURNITURE:
        assert furniture not in doc.text, furniture
    assert doc.title == "Les agriculteurs bloquent le port de Rotterdam"
    assert doc.outlet == "Le Courrier du Soir"
    assert doc.published == PubDate("2024-03-04", "day", "text")  # "Publié le", not "mis à jour"
    assert doc.text.startswith("Plusieurs centaines")  # the dateline prefix went, not the sentence
    assert_maps_back(doc)


def test_english_page_furniture() -> None:
    doc = cleaned(FIXTURES / "noisy_page_en.txt")
    assert doc.text.split("\n\n") == [
        "Gale-force winds shut every ferry route across the strait on Monday, stranding "
        "hundreds of travellers, the operator said.",
        "Forecasters expect the winds to ease by Wednesday, although a second system could "
        "arrive at the weekend.",
        "Crews will inspect the terminals before service resumes, the operator added in a "
        "statement.",
    ]
    assert doc.title == "Storm closes ferry routes across the strait"
    assert doc.outlet == "The Harbour Gazette"
    assert doc.published == PubDate("2024-03-04", "day", "text")  # Published, not Updated
    assert doc.language == "en"
    assert_maps_back(doc)


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("TOKYO (Reuters) - ", "TOKYO"),
        ("Paris (AFP) - ", "Paris"),
        ("SEOUL, Sept 13 (Reuters) - ", "SEOUL"),
        ("LYON (Le Petit Journal) – ", "LYON"),
        ("GENÈVE (Suisse) (Agence Alpine) - ", "GENÈVE"),
        ("OSLO, Norway (Northern Wire) - ", "OSLO"),
        ("(Reuters) - ", None),
        ("WASHINGTON — ", "WASHINGTON"),
        ("OSLO, March 3. /NTB/. ", "OSLO"),
        ("NAIROBI: ", "NAIROBI"),
    ],
)
def test_dateline_prefix_goes_the_sentence_stays(dateline: str, place: str | None) -> None:
    sentence = "Le yen a reculé mardi face au dollar, selon les cambistes de la place."
    stripped = strip_boilerplate(dateline + sentence)
    assert stripped.text == sentence
    assert stripped.place == place
    assert stripped.removed == (dateline.strip(),)


def test_parenthesis_and_dash_in_prose_is_not_a_dateline() -> None:
    text = "Le président (Emmanuel Macron) - qui était absent - a téléphoné à son homologue."
    assert strip_boilerplate(text).text == text


@pytest.mark.parametrize(
    "line",
    [
        "À lire aussi : Un autre article sans rapport",
        "Voir aussi",
        "Read more: Another story",
        "Related: Another story",
        "Share on Facebook",
        "WhatsApp · Email · Copier le lien",
        "X",
        "Leave a Reply",
        "Laisser un commentaire",
        "Sponsored",
        "Newsletter",
        "Subscribe to our newsletter for daily updates",
        "Inscrivez-vous à notre newsletter quotidienne",
        "We use cookies to improve your experience.",
        "Accept all cookies",
        "AFP PHOTO / STR",
        "© Reuters",
        "Photo : AFP",
        "Credit: Getty Images",
        "#Ukraine #Russie #guerre",
        "1694572827",
        "2023-09-13 03:10:33",
        "13/09/2023 à 10h05",
        "Publié le mercredi 13 septembre 2023 à 10h05",
        "Updated Sept. 13, 2023, 4:05 p.m. ET",
        "(avec AFP)",
        "(Reportage Jane Doe; édité par John Roe)",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "(Reportage Anne Roux à Dakar; édité par Marc Blin",
        "Édité par Marc Blin",
        "Reportage de Anne Roux à Dakar",
        "Additional reporting by Sam Poe in Nairobi",
        "Avec AFP",
        "avec Reuters",
        "Avec AFP et Reuters",
        "With AP",
        "AFP",
        "La rédaction avec AFP",
        "Anne Roux avec AFP",
        "Le Quotidien du Soir avec Reuters",
        "AFP, publié le mardi 12 septembre 2023 à 10h00",
        "Par Anne Roux et Marc Blin, à Dakar",
        "Propos recueillis par Anne Roux",
    ],
)
def test_furniture_line_is_removed_mid_article(line: str) -> None:
    before = "Le gouvernement a présenté mercredi son projet de loi sur l'énergie au Parlement."
    after = "Les débats en commission commenceront la semaine prochaine, selon le calendrier."
    stripped = strip_boilerplate(f"{before}\n\n{line}\n\n{after}")
    assert stripped.text.split() == f"{before}\n\n{after}".split()
    assert stripped.removed == (line,)


@pytest.mark.parametrize(
    "line",
    [
        "Une alliance militaire renforcée",  # subheading
        "Pourquoi maintenant ?",
        "Selon le ministère, la production a doublé en 2023.",
        "Lire entre les lignes des déclarations officielles reste un exercice délicat.",
        "Suivant les recommandations de l'ONU, le pays a suspendu ses exportations.",
        "Le 13 septembre 2023, Kim Jong Un est arrivé en Russie.",
        "En direct de Séoul, notre correspondant a assisté au défilé.",
        "Par ailleurs, les exercices conjoints ont repris.",
        "Source de tensions, le détroit reste fermé.",
        "Le ministre s'est entretenu avec Reuters.",
        "Reportage exclusif : le ministre a reconnu les faits devant nos caméras.",
    ],
)
def test_article_lines_are_kept(line: str) -> None:
    before = "Le gouvernement a présenté mercredi son projet de loi sur l'énergie au Parlement."
    after = "Les débats en commission commenceront la semaine prochaine, selon le calendrier."
    stripped = strip_boilerplate(f"{before}\n\n{line}\n\n{after}")
    assert line in stripped.text and stripped.removed == ()


@pytest.mark.parametrize("credit", ["(avec AFP)", "(avec Le Journal du Soir)", "(AFP)"])
def test_credit_at_the_end_of_a_paragraph(credit: str) -> None:
    sentence = "Le port a rouvert samedi après trois jours de grève."
    stripped = strip_boilerplate(f"{sentence} {credit}")
    assert stripped.text.rstrip() == sentence
    assert stripped.removed == (credit,)


def test_parenthesis_closing_a_sentence_is_kept() -> None:
    text = "Moscou a signé un accord commercial important cette semaine (avec Pékin)"
    assert strip_boilerplate(text).text == text


def test_menu_entries_are_not_the_outlet_and_questions_stay() -> None:
    page = (
        "Menu\nAccueil\nInternational\nÉconomie\n\n"
        "Les ponts de la vallée emportés par la crue\n\n"
        "Les pompiers ont évacué dans la nuit une cinquantaine d'habitants, selon la préfecture."
        "\n\n"
        "Et maintenant ?\n\n"
        "Qui sommes-nous ?\nMentions légales\nPlan du site\n"
    )
    stripped = strip_boilerplate(page)
    assert stripped.outlet is None  # "International" is a menu entry, not the site
    assert stripped.title == "Les ponts de la vallée emportés par la crue"
    assert normalize(stripped.text)[0].split("\n\n") == [
        "Les pompiers ont évacué dans la nuit une cinquantaine d'habitants, selon la préfecture.",
        "Et maintenant ?",
    ]


def test_related_headlines_block() -> None:
    text = (
        "Le port a rouvert samedi après trois jours de grève, a annoncé la direction.\n\n"
        "Sur le même sujet\nUne autre grève dans un autre port\nLe prix du fret s'envole\n\n"
        "Les syndicats ont obtenu une hausse des salaires de 3 %, selon leur communiqué."
    )
    stripped = strip_boilerplate(text)
    assert "autre grève" not in stripped.text and "fret" not in stripped.text
    assert "Les syndicats ont obtenu" in stripped.text


def test_known_title_is_removed_from_html_text() -> None:
    text = "Le port rouvre\n\nLe port a rouvert samedi après trois jours de grève, dit-on."
    stripped = strip_boilerplate(text, plain=False, title="Le port rouvre")
    assert stripped.text.strip() == "Le port a rouvert samedi après trois jours de grève, dit-on."


def test_plain_text_without_header_is_untouched() -> None:
    text = "Court.\n\nUn texte sans aucun habillage de page, écrit comme un article simple."
    assert strip_boilerplate(text).text == text


# --- HTML ----------------------------------------------------------------------------------


def test_html_page_text_and_metadata() -> None:
    doc = cleaned(FIXTURES / "page.html")
    assert doc.title == "Séoul s'inquiète des livraisons d'obus"
    assert doc.outlet == "Le Veilleur"
    assert doc.url == "https://veilleur.example/monde/seoul-obus"
    assert doc.published == PubDate("2023-10-02", "day", "html")  # published, not modified
    assert doc.text.startswith("Le ministère sud-coréen de la Défense")
    assert "Les experts interrogés" in doc.text
    assert doc.original.startswith("Séoul")  # the extracted text, headline included
    assert_maps_back(doc)


HOSTILE = """<html><head><title>Page</title>
<script>alert(1)</script><style>p { color: red } .x::after { content: "STYLE" }</style></head>
<body><article><h1>Un titre</h1>
<p onclick="alert('CLICK')">La mairie a inauguré mardi une nouvelle ligne de tramway qui relie
la gare au campus universitaire, a-t-elle annoncé.</p>
<img src=x onerror="alert('ONERROR')"><svg onload="alert('SVG')"></svg>
<script type="text/javascript">document.write('SCRIPT')</script>
<noscript>NOSCRIPT</noscript><iframe src="javascript:alert('IFRAME')"></iframe>
<p>Les travaux ont duré trois ans et coûté 120 millions d'euros, selon la métropole.</p>
</article></body></html>"""


def test_hostile_html_never_reaches_the_text() -> None:
    doc = clean(make_raw("hostile.html", html=HOSTILE), SETTINGS)
    assert isinstance(doc, Document), doc
    for bad in ("alert", "STYLE", "CLICK", "ONERROR", "SVG", "SCRIPT", "IFRAME", "<", "color"):
        assert bad not in doc.text, bad
    assert "nouvelle ligne de tramway" in doc.text and "120 millions" in doc.text


@pytest.mark.parametrize(
    "html",
    [
        (FIXTURES / "empty_page.html").read_text(encoding="utf-8"),
        "<html><body></body></html>",
        "<<<>>>",
        "\x00\x01",
    ],
)
def test_html_without_article(html: str) -> None:
    result = clean(make_raw("p.html", html=html), SETTINGS)
    assert isinstance(result, IngestError)
    assert str(result) == "p.html: no article text found in HTML"


# --- the Document ------------------------------------------------------------------------


def test_document_id_and_metadata_precedence() -> None:
    raw = make_raw(
        "x.jsonl:3",
        text="Un article assez long pour être gardé après le nettoyage du texte.",
        title="Titre\u00a0donné",
        outlet="Le Journal",
        published="2023-08-11T23:30:00-05:00",
        language="fr-FR",
    )
    doc = clean(raw, SETTINGS)
    assert isinstance(doc, Document)
    assert doc.id == make_id("doc", raw.content_hash) and doc.source == "x.jsonl:3"
    assert doc.title == "Titre donné" and doc.outlet == "Le Journal" and doc.language == "fr"
    assert doc.published == PubDate("2023-08-11", "day", "metadata")


def test_too_short_after_cleaning() -> None:
    result = clean_text("Facebook\nTwitter\n\nCourt.")
    assert isinstance(result, IngestError)
    assert str(result) == "test.txt: no text left after cleaning"


def test_clean_never_raises_on_odd_text() -> None:
    for text in ["\u0301" * 50, "\n" * 100, "#" * 100, "\u202e" * 60, "a\u0000b" * 30]:
        assert isinstance(clean_text(text), Document | IngestError)


# --- normalisation and offsets -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l’arsenal d\u02bcun", "l'arsenal d'un"),
        ("3\u00a0000\u202fkm et\u2009plus", "3 000 km et plus"),
        ("zéro\u200blargeur\u00ad coupure\ufeff", "zérolargeur coupure"),
        ("« citation » et “autre”", "« citation » et “autre”"),
        ("a   b \t c  \nd", "a b c\nd"),
        ("un\n\n\n\n\ndeux\ntrois", "un\n\ndeux\ntrois"),
        ("  début \n  \n fin  ", "début\n\nfin"),
        ("e\u0301te\u0301", "été"),
        ("ligne\r\nsuivante\u2028fin", "ligne\nsuivante\nfin"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    clean, index = normalize(text)
    assert clean == expected
    assert len(index) == len(clean)


_REPLACED = {"\u2019": "'", "\u02bc": "'"}
_ALPHABET = st.sampled_from(
    [*"abcXYZé0 \n\t'«»“”.,", *"\u2019\u02bc\u00a0\u202f\u2009\u200b\u00ad\ufeff\r"]
)


def _check_index(text: str, clean: str, index: list[int]) -> None:
    assert len(index) == len(clean)
    assert all(a <= b for a, b in pairwise(index)), "monotonic"
    for i, ch in enumerate(clean):
        source = text[index[i]]
        if ch == " ":
            assert source.isspace()
        elif ch == "\n":
            assert source in "\n\r\u2028\u2029\x85"
        else:
            assert _REPLACED.get(source, source) == ch


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=80))
def test_normalize_maps_every_character_back(text: str) -> None:
    clean, index = normalize(text)
    _check_index(text, clean, index)
    assert "  " not in clean and "\n\n\n" not in clean and clean == clean.strip()
    assert not any(ch in clean for ch in "\u200b\u00ad\ufeff\u00a0\u202f\u2009\u2019\r")
    assert all(not line.endswith(" ") for line in clean.split("\n"))
    offsets = to_offset_map(index)
    assert [offsets.to_original(i) for i in range(len(clean))] == index


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalize_any_unicode(text: str) -> None:
    clean, index = normalize(text)
    assert len(index) == len(clean)
    assert all(a <= b for a, b in pairwise(index))
    assert all(0 <= i < len(text) for i in index)
    assert unicodedata.is_normalized("NFC", clean)
    if unicodedata.is_normalized("NFC", text):  # nothing to compose: every character maps back
        for i, ch in enumerate(clean):
            assert text[index[i]] == ch or ch in " \n'"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ae\u0301\u0327\u0323 c\u1100\u1161\u11a8x")), max_size=40))
def test_nfc_matches_whole_string_normalisation(text: str) -> None:
    clean, _ = normalize(text)
    expected, _ = normalize(unicodedata.normalize("NFC", text))
    assert clean == expected


def test_offset_composition() -> None:
    outer = [0, 1, 5, 6, 7]  # removal kept "ab" and "fgh" of "abcdefgh"
    inner = [0, 2, 4]  # then normalisation kept characters 0, 2 and 4 of "abfgh"
    assert compose(outer, inner) == [0, 5, 7]
    offsets = to_offset_map([0, 1, 5, 6, 7])
    assert offsets.segments == ((0, 0, 2), (2, 5, 3))


_LINE = st.text(st.sampled_from(list("abcdeéXY' \u2019\u00a0\u200b.,")), min_size=1, max_size=30)
_NOISE = st.sampled_from(["Facebook", "Lire aussi : autre chose", "ADVERTISEMENT", "#a #b #c"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_LINE, _NOISE), min_size=1, max_size=12))
def test_clean_offsets_point_into_the_original(lines: list[str]) -> None:
    body = "\n\n".join(lines) + "\n\nUn paragraphe final assez long pour rester dans le texte."
    doc = clean_text(body)
    assert isinstance(doc, Document), doc
    positions = [doc.offsets.to_original(i) for i in range(len(doc.text))]
    assert positions == sorted(positions)
    for i, ch in enumerate(doc.text):
        source = doc.original[positions[i]]
        if ch == " ":
            assert source.isspace()
        else:
            assert _REPLACED.get(source, source) == ch
    for removed in doc.removed_lines:
        assert removed in doc.original


# --- language ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("Le gouvernement a annoncé mardi de nouvelles mesures pour l'économie.", None, "fr"),
        ("The government announced new measures for the economy on Tuesday.", None, "en"),
        (
            "Die Regierung hat am Dienstag neue Maßnahmen für die Wirtschaft angekündigt.",
            None,
            "de",
        ),
        ("The government announced new measures.", "fr-FR", "fr"),
        ("The government announced new measures.", "EN_us", "en"),
        ("1234 5678", None, "und"),
    ],
)
def test_language(text: str, declared: str | None, expected: str) -> None:
    assert detect_language(text, SETTINGS, declared) == expected


# --- publication date --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023", ("2023", "year")),
        ("2023-08", ("2023-08", "month")),
        ("2023-08-11", ("2023-08-11", "day")),
        ("2023-08-11T23:30:00-05:00", ("2023-08-11", "day")),
        ("2023-08-11T23:30:00Z", ("2023-08-11", "day")),
        ("2023-09-13 03:10:33", ("2023-09-13", "day")),
        ("20230913", ("2023-09-13", "day")),
        ("Wed, 13 Sep 2023 03:10:33 +0000", ("2023-09-13", "day")),
        ("13 septembre 2023", ("2023-09-13", "day")),
        ("September 2023", ("2023-09", "month")),
        ("1694572827", ("2023-09-13", "day")),
        ("2023-13-45", None),
        ("bientôt", None),
    ],
)
def test_parse_date_text(value: str, expected: tuple[str, str] | None) -> None:
    assert parse_date_text(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("13/09/2023", [Stamp("2023-09-13", "day")]),
        ("09/13/2023", [Stamp("2023-09-13", "day")]),
        ("05/09/2023", [Stamp("2023", "year")]),  # day or month first? only the year is sure
        ("Mis à jour le 14 sept. 2023 à 08h00", [Stamp("2023-09-14", "day", "updated")]),
        (
            "Publié le 13/09/2023 à 10h05 - Mis à jour le 14/09/2023",
            [Stamp("2023-09-13", "day", "published"), Stamp("2023-09-14", "day", "updated")],
        ),
        ("Le 13 septembre 2023, Kim est arrivé.", None),
        ("10h05", None),
        ("Lundi", None),
    ],
)
def test_stamp_lines(line: str, expected: list[Stamp] | None) -> None:
    assert parse_stamp_line(line) == expected


def test_publication_date_sources() -> None:
    text_stamp = [Stamp("2023-09-13", "day")]
    assert publication_date("2023-08", "2023-09-01", text_stamp) == PubDate(
        "2023-08", "month", "metadata"
    )
    assert publication_date(None, "2023-09-01", text_stamp) == PubDate("2023-09-01", "day", "html")
    assert publication_date("n/a", None, text_stamp) == PubDate("2023-09-13", "day", "text")
    assert publication_date(None, None, [Stamp("2023-09-14", "day", "updated")]) == PubDate()
    assert publication_date(None, None, ()) == PubDate()


def test_wire_copy_wrapped_at_a_fixed_width_keeps_its_first_lines() -> None:
    """Plain-text wire copy hard-wrapped at about 60 characters: the first lines run on into
    the next ones and are the lead sentence, not a header; the dateline still goes."""
    text = (
        "OSLO, March 3 (Northern Wire) - The harbour authority on Monday\n"
        "closed two ferry routes across the strait after a storm damaged\n"
        "the main pier, a spokesperson said, adding that repairs would\n"
        "take at least a week.\n"
        '"We cannot let passengers board safely," the spokesperson told\n'
        "reporters, adding that freight would be rerouted through the\n"
        "northern terminal until further notice.\n"
    )
    stripped = strip_boilerplate(text)
    assert stripped.text.startswith("The harbour authority on Monday\nclosed")
    assert stripped.removed == ("OSLO, March 3 (Northern Wire) -",)
