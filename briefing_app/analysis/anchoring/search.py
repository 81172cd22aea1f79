"""The search behind re-anchoring, for selectors whose text changed (see :mod:`reanchor`).

Loaded only when a document's text no longer matches an annotation's saved
quote and offsets: an unchanged workspace (the usual open) never imports the
normalisation, edit distances and candidate search.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from briefing_app.analysis.anchoring.anchors import Anchor, Candidate
from briefing_app.analysis.anchoring.candidates import (
    _Cand,
    _exact_candidates,
    _find_all,
    _fuzzy_candidates,
    _Job,
)
from briefing_app.analysis.anchoring.similarity import _free_end_distance, _raw_similarity, _rescale
from briefing_app.analysis.anchoring.text import NormalizedText, normalize
from briefing_app.model.types import Selector

# Tuning, on normalised text. Scores are similarities in 0..1.
_AMBIGUITY_MARGIN = 0.08  # rivals within this total score make an anchor ambiguous
_QUOTE_WEIGHT = 0.7  # total = 0.7 * quote similarity + 0.3 * context similarity
_DISTINCTIVE_LEN = 80  # a quote this long may move to a wholly new context



def search_changed(text: str, selectors: Sequence[Selector], pending: list[int],
                   results: list[Anchor | None]) -> list[Anchor]:
    """Fill ``results[i]`` for each index in ``pending`` (selectors not found unchanged); returns ``results``."""
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
