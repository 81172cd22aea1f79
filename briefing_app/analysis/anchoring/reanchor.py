"""Re-anchoring annotations in a document whose text changed.

An annotation remembers where it sits with a W3C-style selector: the exact
quote, up to 32 characters of context on each side, and character offsets.
When the document's text changes (re-import, an edit, other whitespace or
quote marks) :func:`reanchor_all` finds each quote again and says honestly
how it did so:

``exact``
    the same text at the same offsets.
``moved``
    the exact quote elsewhere, unique or told apart by its context.
``fuzzy``
    an approximate match (copy-edits, whitespace, Unicode normalisation,
    curly/straight quotes, dashes), with a similarity score.
``ambiguous``
    two or more places score close: none is picked, all are listed.
``orphaned``
    nothing good enough; the best weak candidates, if any, are listed as
    suggestions but the annotation is not placed.

How: the text is normalised once (NFKD without accents, case-folded,
typographic quotes and dashes folded, whitespace runs collapsed) with a map
back to the original offsets. Quotes are then found with one Aho-Corasick
pass for all annotations; those not found exactly are located by voting
from exact pieces of the quote and its context and aligned within a small
window with Myers' bit-parallel edit distance. Context (prefix/suffix) is
what tells two copies of a quote apart; position is only used to keep a
quote that is still at its old offsets with context as good as any copy.

The statuses and anchors are in :mod:`~briefing_app.analysis.anchoring.anchors`;
the normalisation in :mod:`~briefing_app.analysis.anchoring.text`, edit
distances and context scores in :mod:`~briefing_app.analysis.anchoring.similarity`,
the candidate search in :mod:`~briefing_app.analysis.anchoring.candidates`, and
the decision among candidates in :mod:`~briefing_app.analysis.anchoring.search`,
which this module loads only when some text changed.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from briefing_app.analysis.anchoring.anchors import STATUSES, Anchor, Candidate  # noqa: F401 - their old home
from briefing_app.model.types import Annotation, Selector, Workspace

def anchor_workspace(ws: Workspace, texts: Mapping[str, str]) -> dict[str, Anchor]:
    """Re-anchor every annotation whose document text is given.

    Args:
        ws: The snapshot.
        texts: Document id -> current text (documents missing here are skipped).

    Returns:
        Annotation id -> :class:`Anchor`.
    """
    by_doc: dict[str, list[Annotation]] = {}
    for a in ws.annotations:
        if a.document in texts:
            by_doc.setdefault(a.document, []).append(a)
    out: dict[str, Anchor] = {}
    for doc_id, anns in by_doc.items():
        for a, anchor in zip(anns, reanchor_all(texts[doc_id], [a.selector for a in anns])):
            out[a.id] = anchor
    return out


# -- selectors ------------------------------------------------------------


def make_selector(text: str, start: int, end: int, context: int = 32) -> Selector:
    """Build a quote + position selector for ``text[start:end]``.

    Args:
        text: The document text.
        start: Start offset (inclusive).
        end: End offset (exclusive).
        context: Characters of prefix and suffix to keep.

    Raises:
        ValueError: If the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"selection {start}..{end} is empty or outside the text (length {len(text)})")
    if context < 0:
        raise ValueError(f"context must be >= 0, got {context}")
    return Selector(
        exact=text[start:end],
        start=start,
        end=end,
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


# -- re-anchoring --------------------------------------------------------------


def reanchor(text: str, selector: Selector) -> Anchor:
    """Re-anchor one selector in ``text`` (see :func:`reanchor_all`)."""
    return reanchor_all(text, [selector])[0]


def reanchor_all(text: str, selectors: Sequence[Selector]) -> list[Anchor]:
    """Re-anchor many selectors in one document text.

    The text is normalised once; quotes are searched together, so a thousand
    annotations on a long document take well under a second.

    Args:
        text: The document's current text.
        selectors: The annotations' selectors, in any order.

    Returns:
        One :class:`Anchor` per selector, in the same order.
    """
    results: list[Anchor | None] = [None] * len(selectors)
    pending: list[int] = []
    for i, sel in enumerate(selectors):
        if _unchanged(text, sel):
            results[i] = Anchor("exact", sel.start, sel.end, 1.0)
        else:
            pending.append(i)
    if not pending:
        return results  # type: ignore[return-value]

    from briefing_app.analysis.anchoring.search import search_changed  # only when some text changed

    return search_changed(text, selectors, pending, results)


def _unchanged(text: str, sel: Selector) -> bool:
    """Same quote, same offsets, same context: nothing to search."""
    s, e = sel.start, sel.end
    if not (0 <= s < e <= len(text)) or text[s:e] != sel.exact or not sel.exact:
        return False
    return text[max(0, s - len(sel.prefix)) : s] == sel.prefix and text[e : e + len(sel.suffix)] == sel.suffix
