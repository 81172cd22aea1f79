"""Fuzzing annotation re-anchoring with random texts, selectors and edits.

Promise: :func:`reanchor` never raises; a placed anchor lies within the new
text; a quote still at its offsets with its context is ``exact``; a quote of
30+ characters that occurs exactly once, as whole words, is ``exact`` or
``moved`` and points at it (shorter ones whose context changed may be
``orphaned`` with the place offered as a candidate: that is by design).
"""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing_app.analysis.anchoring import STATUSES, make_selector, reanchor, reanchor_all
from briefing_app.model.types import Selector

FUZZ = settings()  # examples per property: the profile (tests/fuzz/conftest.py)
_alphabet = st.sampled_from(list("abcde fgh\n\t.,'\"“”‘’—–-") + ["é", "ß", "ﬁ", "한", "日", "\u0301", "\u00a0"])
_text = st.text(alphabet=_alphabet, max_size=400)


def _check_anchor(anchor, text: str) -> None:
    assert anchor.status in STATUSES
    if anchor.placed:
        assert 0 <= anchor.start <= anchor.end <= len(text)
    else:
        assert anchor.status in ("ambiguous", "orphaned")
    for c in anchor.candidates:
        assert 0 <= c.start <= c.end <= len(text)


def _distinctive(quote: str) -> bool:
    """A quote long enough to move on its own (the anchorer's rule: 30+ characters, some letters).

    A shorter quote whose context is gone is honestly ``orphaned`` (offered as a
    candidate): "the" found once elsewhere is not evidence that it is the same passage.
    """
    return len(quote.strip()) >= 30 and sum(ch.isalnum() for ch in quote) >= 3


def _unique_whole(text: str, quote: str) -> bool:
    """The quote occurs once (overlaps counted), not glued to a longer word."""
    hits = [i for i in range(len(text) - len(quote) + 1) if text.startswith(quote, i)]
    if len(hits) != 1:
        return False
    i, j = hits[0], hits[0] + len(quote)
    glued_left = i > 0 and text[i - 1].isalnum() and quote[0].isalnum()
    glued_right = j < len(text) and text[j].isalnum() and quote[-1].isalnum()
    return not (glued_left or glued_right)


@st.composite
def _edited(draw):
    text = draw(_text)
    assume(text)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    sel = make_selector(text, start, end)
    new = text
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(new)))
        op = draw(st.sampled_from(["insert", "delete"]))
        if op == "insert":
            new = new[:pos] + draw(_text.filter(lambda s: len(s) < 40)) + new[pos:]
        else:
            new = new[:pos] + new[pos + draw(st.integers(1, 30)):]
    return text, sel, new


@FUZZ
@given(_edited())
def test_reanchor_after_random_edits(case):
    _old, sel, new = case
    anchor = reanchor(new, sel)  # must not raise
    _check_anchor(anchor, new)
    at_old_place = (new[sel.start:sel.end] == sel.exact and new[:sel.start].endswith(sel.prefix)
                    and new[sel.end:].startswith(sel.suffix))
    if at_old_place and sel.exact:
        assert anchor.status == "exact" and (anchor.start, anchor.end) == (sel.start, sel.end)
    elif _distinctive(sel.exact) and _unique_whole(new, sel.exact):
        assert anchor.status in ("exact", "moved"), anchor
        assert new[anchor.start:anchor.end] == sel.exact


@FUZZ
@given(_text, st.text(max_size=60), st.integers(-50, 500), st.integers(-50, 500), st.text(max_size=40),
       st.text(max_size=40))
def test_reanchor_arbitrary_selectors(text, exact, start, end, prefix, suffix):
    anchor = reanchor(text, Selector(exact=exact, start=start, end=end, prefix=prefix, suffix=suffix))
    _check_anchor(anchor, text)


@FUZZ
@given(_text, st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), max_size=12))
def test_reanchor_all_keeps_order_and_bounds(text, spans):
    assume(text)
    sels = []
    for a, b in spans:
        start = min(a, b) % len(text)
        sels.append(make_selector(text, start, start + 1 + abs(a - b) % (len(text) - start)))
    anchors = reanchor_all(text, sels)
    assert len(anchors) == len(sels)
    for sel, anchor in zip(sels, anchors):
        _check_anchor(anchor, text)
        assert anchor.status == "exact"  # unchanged text: every quote is where it was
