"""The publication date read from a text's dateline or byline (not from its sentences)."""

from __future__ import annotations

import pytest

from briefing_app.importers import extract_file, import_files
from briefing_app.importers.dateline import find_dateline
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Workspace


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DEFENSE & SECURITY\n13:30 JST, August 22, 2023\nPrime Minister Fumio Kishida met on Friday.", (2023, 8, 22)),
        ("Putin, Kim sign defence treaty\nThe Citizen|June 20, 2024\nPutin signed it yesterday.", (2024, 6, 20)),
        ("Headline\nSend a link\n[November 22, 2019]\nBy Joyce Lee\nSEOUL (Reuters) - South Korea on Friday said.", (2019, 11, 22)),
        ("Title\n\nUpdated 4/17/23 at 1:54 pm ET to clarify the status.\n\nSYDNEY — Body.", (2023, 4, 17)),
        ("PLAN News Today 입력 2023.03.06 (15:07) 수정 2023.03.06 (16:45)\n\nBody text here.", (2023, 3, 6)),
        ("WASHINGTON, Aug. 18, 2023 (AP) — The leaders met.", (2023, 8, 18)),
        ("By X\n\nSEOUL, March 6 (Yonhap) -- The plan.\n\nPeople at Seoul Station on March 6, 2023. (Yonhap)", (2023, 3, 6)),
        ("Published: 5 May 2024\nBody.", (2024, 5, 5)),
        ("Title\nPublished: 2023-08-18T10:00:00Z\nBody.", (2023, 8, 18)),
        ("Title\nPosted on 18/08/2023\nBody", (2023, 8, 18)),
        ("WASHINGTON (AP) — President Joe Biden met them on Friday.\nUpdated 4:03 PM EDT, August 18, 2023", (2023, 8, 18)),
        ("Title\nFri 18 Aug 2023 14.00 BST\nBody.", (2023, 8, 18)),
    ],
)
def test_dateline_and_byline_dates_are_found(text, expected):
    found = find_dateline(text)
    assert found is not None and found.date == PartialDate(*expected)
    assert found.note.startswith("from dateline: '")


@pytest.mark.parametrize(
    "text",
    [
        "On 26 April 2023 the two countries restored the pact.",  # a sentence: an event date
        "TOKYO, March 16 (UPI) -- Yoon said Thursday he agreed.",  # no year anywhere: not guessed
        "Title\n\nThe pact was signed Nov. 23, 2016, by the governments of Japan and South Korea.",
        "SEOUL - North Korea fired a missile on Monday.",
    ],
)
def test_dates_in_sentences_and_yearless_datelines_are_not_datelines(text):
    assert find_dateline(text) is None


def test_extract_and_import_say_from_dateline(tmp_path):
    src = tmp_path / "wire.txt"
    src.write_text("Camp David summit\n13:30 JST, August 22, 2023\nThe leaders met on Friday.\n", encoding="utf-8")
    ex = extract_file(src)
    assert ex.published == PartialDate(2023, 8, 22) and ex.published_from == "dateline"
    result = import_files(Workspace(root=tmp_path / "ws"), [src])
    doc = result.imported[0].document
    assert doc.published == PartialDate(2023, 8, 22) and not doc.published_estimated
    assert doc.published_note == "from dateline: '13:30 JST, August 22, 2023'"


def test_extract_cli_uses_the_dateline_for_relative_dates(tmp_path, capsys):
    from briefing_app.cli import main

    src = tmp_path / "wire.txt"
    src.write_text("Camp David summit\n13:30 JST, August 22, 2023\n\nJapan and South Korea signed a pact on Friday.\n",
                   encoding="utf-8")  # fmt: skip
    assert main(["extract", str(src)]) == 0
    out = capsys.readouterr().out
    assert "Published: 2023-08-22 (from dateline: '13:30 JST, August 22, 2023')" in out
    assert "2023-08-18" in out  # "on Friday" resolved against the dateline


def test_saved_news_page_keeps_the_story_and_drops_captions_related_links_and_footer():
    from pathlib import Path

    ex = extract_file(Path(__file__).parent / "data" / "saved_news_page.html")
    assert ex.format == "html" and ex.published == PartialDate(2024, 6, 19)
    assert "Russian President Vladimir Putin signed a deal" in ex.text
    assert "mutual defence clause in the case of aggression" in ex.text
    for boilerplate in ("Photo: KCNA", "More stories", "Stock markets rally", "All rights reserved", "Sports"):
        assert boilerplate not in ex.text, boilerplate
    assert ex.title.startswith("Putin and Kim sign mutual defence pact")


def test_text_title_skips_section_labels_and_date_lines(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("DEFENSE & SECURITY\n13:30 JST, August 22, 2023\nLeaders meet at Camp David\nBody text.\n",
                   encoding="utf-8")  # fmt: skip
    assert extract_file(src).title == "Leaders meet at Camp David"
    src.write_text("DEFENSE & SECURITY\n13:30 JST, August 22, 2023\nThe leaders met on Friday.\n", encoding="utf-8")
    assert extract_file(src).title == ""


def test_extract_cli_lists_other_names_of_known_actors_apart_from_new_ones(tmp_path, capsys):
    from pathlib import Path

    from briefing_app.cli import main

    ws = Path(__file__).resolve().parents[2] / "data" / "japan-korea.briefing.yaml"
    src = tmp_path / "a.txt"
    src.write_text("Prime Minister Kishida Fumio met Chinese Premier Li Qiang in Seoul. Li said so.\n", encoding="utf-8")
    assert main(["extract", str(src), "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    new, _, known = out.partition("Other names of known actors")
    assert "Li Qiang (person)" in new and "Kishida Fumio" not in new
    assert "Kishida Fumio -> Fumio Kishida" in known
