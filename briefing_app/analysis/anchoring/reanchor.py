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

The normalisation lives in :mod:`~briefing_app.analysis.anchoring.text`,
edit distances and context scores in
:mod:`~briefing_app.analysis.anchoring.similarity`, and the candidate search
in :mod:`~briefing_app.analysis.anchoring.candidates`; this module decides.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Mapping, Sequence

from briefing_app.analysis.anchoring.candidates import (
    _Cand,
    _exact_candidates,
    _find_all,
    _fuzzy_candidates,
    _Job,
)
from briefing_app.analysis.anchoring.similarity import _free_end_distance, _raw_similarity, _rescale
from briefing_app.analysis.anchoring.text import NormalizedText, normalize
from briefing_app.model.types import Annotation, Selector, Workspace

STATUSES = ("exact", "moved", "fuzzy", "ambiguous", "orphaned")

# Tuning, on normalised text. Scores are similarities in 0..1.
_AMBIGUITY_MARGIN = 0.08  # rivals within this total score make an anchor ambiguous
_QUOTE_WEIGHT = 0.7  # total = 0.7 * quote similarity + 0.3 * context similarity
_DISTINCTIVE_LEN = 80  # a quote this long may move to a wholly new context


@dataclass(frozen=True)
class Candidate:
    """A place where a quote may sit (original-text offsets)."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Anchor:
    """Where an annotation sits in the current text, and how sure that is.

    Attributes:
        status: One of :data:`STATUSES`.
        start: Offset of the anchored span, or None when ambiguous/orphaned.
        end: End offset (exclusive), or None when ambiguous/orphaned.
        score: Similarity of the anchored text to the quote (1.0 for exact
            and moved); for ambiguous/orphaned the best candidate's score.
        candidates: For ambiguous anchors the rival places; for orphaned
            ones weak suggestions (possibly none).
    """

    status: str
    start: int | None
    end: int | None
    score: float
    candidates: tuple[Candidate, ...] = ()

    @property
    def placed(self) -> bool:
        """Whether the anchor points at one span of the text."""
        return self.start is not None


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

    nt = NormalizedText(text)
    jobs: list[_Job] = []
    for i in pending:
        sel = selectors[i]
        quote = normalize(sel.exact).strip()
        if not quote:
            results[i] = Anchor("orphaned", None, None, 0.0)
            continue
        # The quote's edge spaces were stripped: keep context aligned with it.
        prefix = normalize(sel.prefix + sel.exact[: len(sel.exact) - len(sel.exact.lstrip())])
        suffix = normalize(sel.exact[len(sel.exact.rstrip()) :] + sel.suffix)
        raw_prefix = sel.prefix + sel.exact[: len(sel.exact) - len(sel.exact.lstrip())]
        raw_suffix = sel.exact[len(sel.exact.rstrip()) :] + sel.suffix
        local_prefix = normalize(raw_prefix.rsplit("\n", 1)[-1]).lstrip()
        local_suffix = normalize(raw_suffix.split("\n", 1)[0]).rstrip()
        jobs.append(
            _Job(i, sel, quote, prefix.strip() and prefix, suffix.strip() and suffix, local_prefix, local_suffix)
        )

    occurrences = _find_all(nt.norm, {j.quote for j in jobs})
    fuzzy_jobs: list[_Job] = []
    exact_cands: dict[int, list[_Cand]] = {}
    for job in jobs:
        cands = _exact_candidates(nt, job, occurrences.get(job.quote, ()))
        exact_cands[job.index] = cands
        best_ctx = max((c.context if c.context is not None else 1.0 for c in cands), default=-1.0)
        # Search approximately too when no copy sits in a convincing context:
        # the real passage may have been copy-edited while a copy survived.
        if best_ctx < 0.9:
            fuzzy_jobs.append(job)

    fuzzy_cands = _fuzzy_candidates(nt, fuzzy_jobs) if fuzzy_jobs else {}
    for job in jobs:
        cands = exact_cands[job.index] + fuzzy_cands.get(job.index, [])
        results[job.index] = _decide(nt, job, cands)
    return results  # type: ignore[return-value]


def _unchanged(text: str, sel: Selector) -> bool:
    """Same quote, same offsets, same context: nothing to search."""
    s, e = sel.start, sel.end
    if not (0 <= s < e <= len(text)) or text[s:e] != sel.exact or not sel.exact:
        return False
    return text[max(0, s - len(sel.prefix)) : s] == sel.prefix and text[e : e + len(sel.suffix)] == sel.suffix


def _acceptable(c: _Cand, quote_len: int) -> bool:
    """Whether a candidate is good enough to place the annotation on.

    A quote alone is trusted only when it is long; otherwise at least one
    side of its context must agree, so that a look-alike elsewhere in the
    text is offered as a suggestion, not taken.
    """
    if c.context is None:
        return c.quote >= 0.999 or c.quote >= 0.85
    if c.quote >= 0.999:
        return c.side >= 0.5 or quote_len >= _DISTINCTIVE_LEN
    return (
        (c.quote >= 0.75 and c.side >= 0.5)
        or (c.quote >= 0.6 and c.context >= 0.7)
        or (c.quote >= 0.9 and quote_len >= _DISTINCTIVE_LEN)
    )


def _contradicted(nt: NormalizedText, c: _Cand, local_prefix: str, local_suffix: str) -> bool:
    """Whether the quote's own paragraph disagrees outright on one side.

    A look-alike elsewhere often shares one side of its context by chance
    ("... and South Korea plot ..."), while the text just around it on the
    other side is unrelated. Context outside the quote's paragraph does not
    count: neighbouring paragraphs get inserted and deleted.
    """
    norm = nt.norm
    for side, text in (
        (local_prefix[::-1], norm[max(0, c.a - len(local_prefix) - 8) : c.a][::-1].lstrip()),
        (local_suffix, norm[c.b : c.b + len(local_suffix) + 8].lstrip()),
    ):
        side = side.strip()
        if len(side) < 5:
            continue
        d = min(len(side), _free_end_distance(side, text))
        if _rescale(1.0 - d / len(side)) <= 0.0:
            return True
    return False


def _overlaps_sorted(spans: list[_Cand], c: _Cand) -> bool:
    """Whether ``c`` overlaps any of ``spans`` (sorted, non-overlapping)."""
    i = bisect.bisect_left([u.a for u in spans], c.b)
    return i > 0 and spans[i - 1].b > c.a


def _decide(nt: NormalizedText, job: _Job, cands: list[_Cand]) -> Anchor:
    """Pick the anchor among candidates, or refuse honestly."""
    sel = job.sel
    # One candidate per place: exact copies first (overlapping only when the
    # quote overlaps itself), then approximate ones not on top of them.
    uniq: list[_Cand] = []
    last_end = -1
    for c in sorted((c for c in cands if c.quote >= 1.0), key=lambda c: c.a):
        if c.a >= last_end:
            uniq.append(c)
            last_end = c.b
    exact_count = len(uniq)
    for c in sorted((c for c in cands if c.quote < 1.0), key=lambda c: -c.quote):
        if not any(u.a < c.b and c.a < u.b for u in uniq[exact_count:]) and not _overlaps_sorted(uniq[:exact_count], c):
            uniq.append(c)
    for c in uniq:
        ctx = 0.5 if c.context is None else c.context
        c.total = _QUOTE_WEIGHT * c.quote + (1 - _QUOTE_WEIGHT) * ctx
    uniq.sort(key=lambda c: -c.total)

    def orig(c: _Cand) -> tuple[int, int]:
        return nt.to_original(c.a, c.b)

    def as_candidates(cs: list[_Cand]) -> tuple[Candidate, ...]:
        return tuple(Candidate(*orig(c), round(c.quote, 3)) for c in cs)

    if not uniq:
        return Anchor("orphaned", None, None, 0.0)
    best = uniq[0]
    rivals = [c for c in uniq[1:] if best.total - c.total < _AMBIGUITY_MARGIN]
    s, e = _restore_edge_spaces(nt.text, *orig(best), sel.exact)
    raw_exact = nt.text[s:e] == sel.exact
    at_old_place = raw_exact and (s, e) == (sel.start, sel.end)
    if not _acceptable(best, len(job.quote)) or (
        len(job.quote) < _DISTINCTIVE_LEN and _contradicted(nt, best, job.local_prefix, job.local_suffix)
    ):
        return Anchor("orphaned", None, None, round(best.quote, 3), as_candidates(uniq[:3]))
    if rivals and not at_old_place:
        return Anchor("ambiguous", None, None, round(best.quote, 3), as_candidates([best, *rivals]))
    if raw_exact:
        return Anchor("exact" if at_old_place else "moved", s, e, 1.0)
    if best.quote >= 0.999:  # equal once normalised: report how much the raw text differs
        score = _raw_similarity(sel.exact, nt.text[s:e])
    else:
        score = best.quote
    return Anchor("fuzzy", s, e, round(score, 3))


def _restore_edge_spaces(text: str, s: int, e: int, exact: str) -> tuple[int, int]:
    """Give back the leading/trailing whitespace that the quote had (stripped to search)."""
    lead = len(exact) - len(exact.lstrip())
    trail = len(exact) - len(exact.rstrip())
    k = 0
    while k < lead and s > 0 and text[s - 1].isspace():
        s, k = s - 1, k + 1
    k = 0
    while k < trail and e < len(text) and text[e].isspace():
        e, k = e + 1, k + 1
    return s, e
