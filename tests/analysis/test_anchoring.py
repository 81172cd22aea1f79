"""Re-anchoring: selectors, each status, the ambiguity rule, typography."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.analysis.anchoring import NormalizedText, make_selector, normalize, reanchor, reanchor_all

TEXT = (
    "South Korea and Japan have been the United States’ two main allies in East Asia for decades.\n\n"
    "Against this backdrop, ties between Seoul and Tokyo are beginning to thaw. In March, the two "
    "countries began taking steps to address a long-running dispute over wartime forced labour.\n\n"
    "President Yoon Suk Yeol said Japan should no longer be expected to “kneel because of our history”.\n"
)
QUOTE = "ties between Seoul and Tokyo are beginning to thaw"


def sel_for(text: str, quote: str, context: int = 32):
    i = text.index(quote)
    return make_selector(text, i, i + len(quote), context)


def test_make_selector_keeps_quote_context_and_offsets():
    sel = sel_for(TEXT, QUOTE)
    assert sel.exact == QUOTE
    assert TEXT[sel.start : sel.end] == QUOTE
    assert sel.prefix == TEXT[sel.start - 32 : sel.start]
    assert sel.suffix == TEXT[sel.end : sel.end + 32]
    edge = make_selector(TEXT, 0, 5)
    assert edge.prefix == "" and edge.exact == "South"


@pytest.mark.parametrize("start,end", [(5, 5), (-1, 3), (3, 10_000), (7, 2)])
def test_make_selector_rejects_bad_spans(start, end):
    with pytest.raises(ValueError, match="selection"):
        make_selector(TEXT, start, end)


def test_unchanged_text_is_exact():
    a = reanchor(TEXT, sel_for(TEXT, QUOTE))
    assert (a.status, a.score) == ("exact", 1.0)
    assert TEXT[a.start : a.end] == QUOTE


def test_paragraph_inserted_above_is_moved_to_the_same_words():
    sel = sel_for(TEXT, QUOTE)
    new = "A new opening paragraph about something else.\n\n" + TEXT
    a = reanchor(new, sel)
    assert a.status == "moved"
    assert new[a.start : a.end] == QUOTE and a.start == sel.start + 47


def test_copy_edit_inside_the_quote_is_fuzzy_at_the_right_place():
    sel = sel_for(TEXT, QUOTE)
    new = TEXT.replace("ties between Seoul", "relations between Seoul")
    a = reanchor(new, sel)
    assert a.status == "fuzzy"
    assert new[a.start : a.end] == "relations between Seoul and Tokyo are beginning to thaw"
    assert 0.8 < a.score < 1.0


def test_typography_changes_are_fuzzy_with_a_high_score():
    quote = "to “kneel because of our history”"
    sel = sel_for(TEXT, quote)
    new = TEXT.replace("“", '"').replace("”", '"').replace(" ", "  ").replace("’", "'")
    a = reanchor(new, sel)
    assert a.status == "fuzzy" and a.score > 0.8
    assert new[a.start : a.end] == 'to  "kneel  because  of  our  history"'


def test_unicode_normalisation_forms_match():
    text = "The détente between Seoul and Tokyo is fragile. Next sentence here."
    sel = sel_for(text, "détente between Seoul and Tokyo")
    nfd = unicodedata.normalize("NFD", text)
    a = reanchor(nfd, sel)
    assert a.status == "fuzzy"
    assert unicodedata.normalize("NFC", nfd[a.start : a.end]) == "détente between Seoul and Tokyo"


def test_duplicated_sentence_is_told_apart_by_context():
    sel = sel_for(TEXT, QUOTE)
    new = TEXT + "\nAs noted, " + QUOTE + ", analysts said.\n"
    a = reanchor(new, sel)
    assert a.status == "exact" and a.start == sel.start


def test_two_copies_in_identical_context_are_ambiguous_not_picked():
    para = "Officials said that " + QUOTE + " this spring, officials said."
    text = "Intro.\n\n" + para + "\n\n" + para + "\n"
    i = text.index(QUOTE)
    sel = make_selector(text, i, i + len(QUOTE))
    moved = "More text at the top.\n\n" + text
    a = reanchor(moved, sel)
    assert a.status == "ambiguous"
    assert a.start is None and len(a.candidates) == 2
    assert all(moved[c.start : c.end] == QUOTE for c in a.candidates)


def test_look_alike_after_deletion_is_not_taken():
    text = "Japan protested. The minister met Japan's envoy in Seoul on Tuesday.\n\nOther news."
    sel = sel_for(text, "Japan", context=32)
    new = text.replace("Japan protested. ", "")
    a = reanchor(new, sel)
    assert a.status == "orphaned" and a.start is None
    assert [new[c.start : c.end] for c in a.candidates] == ["Japan"]  # offered, not taken


def test_deleted_passage_is_orphaned():
    sel = sel_for(TEXT, QUOTE)
    new = TEXT.replace("Against this backdrop, " + QUOTE + ".", "")
    a = reanchor(new, sel)
    assert a.status == "orphaned" and not a.placed


def test_empty_quote_is_orphaned_not_an_error():
    from briefing_app.model.types import Selector

    a = reanchor(TEXT, Selector(exact="   ", start=0, end=3))
    assert a.status == "orphaned"


def test_reanchor_all_keeps_order_and_matches_single_calls():
    quotes = [QUOTE, "wartime forced labour", "have been the United States’ two main allies", "kneel because"]
    sels = [sel_for(TEXT, q) for q in quotes]
    new = "Inserted.\n\n" + TEXT.replace("two main allies", "two closest allies")
    together = reanchor_all(new, sels)
    assert together == [reanchor(new, s) for s in sels]
    assert [a.status for a in together] == ["moved", "moved", "fuzzy", "moved"]


def test_short_quote_that_lost_half_its_characters_is_orphaned():
    sel = sel_for(TEXT, "two main allies")
    a = reanchor(TEXT.replace("two main allies", "two closest allies"), sel)
    assert a.status == "orphaned"


def test_normalized_text_maps_back_to_original_offsets():
    text = "A  “quoted”\n\nword – and ﬁne ß."
    nt = NormalizedText(text)
    assert nt.norm == normalize(text) == 'a "quoted" word - and fine ss.'
    i = nt.norm.index("fine")
    s, e = nt.to_original(i, i + 4)
    assert text[s:e] == "ﬁne"
    j = nt.norm.index(" word")
    assert nt.to_original(j, j + 1) == (11, 13)  # the collapsed space covers "\n\n"


WORDS = st.sampled_from(["alpha", "beta", "gamma", "delta", "Seoul", "Tokyo", "pact", "talks", "the", "and"])
FILLER = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(before=FILLER, after=FILLER, edit_at=st.integers(0, 10_000), inserted=FILLER, delete=st.booleans())
def test_edits_far_from_the_quote_keep_it_in_place(before, after, edit_at, inserted, delete):
    quote = "the trilateral summit at Camp David"
    text = f"{before}.\n\nOfficials confirmed {quote} last August.\n\n{after}."
    sel = sel_for(text, quote)
    # Edit somewhere at least 40 characters away from the quote and its context.
    far = [i for i in range(len(text) + 1) if i < sel.start - 40 or i > sel.end + 40]
    if not far:
        return
    at = far[edit_at % len(far)]
    if delete and at < len(text) and (at + 5 < sel.start - 40 or at > sel.end + 40):
        new = text[:at] + text[at + 5 :]
    else:
        new = text[:at] + " " + inserted + " " + text[at:]
    a = reanchor(new, sel)
    assert a.status in ("exact", "moved")
    expected = new.find(quote) if at > sel.end else new.rfind(quote) if new.count(quote) == 1 else None
    assert new[a.start : a.end] == quote
    if expected is not None:
        assert a.start == expected


def test_look_alike_sharing_one_side_of_context_is_not_taken():
    text = (
        "Tokyo and Seoul agreed to restore the pact in March.\n\n"
        "Elsewhere, Seoul agreed to restore the pact with Manila later.\n"
    )
    sel = sel_for(text, "agreed to restore the pact")
    new = text.replace("Tokyo and Seoul agreed to restore the pact in March.\n\n", "")
    a = reanchor(new, sel)
    assert a.status == "orphaned"
    assert [new[c.start : c.end] for c in a.candidates] == ["agreed to restore the pact"]
