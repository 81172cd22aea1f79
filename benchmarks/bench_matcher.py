"""Alias matcher throughput against flashtext, spaCy's PhraseMatcher and a regex.

Run: ``.venv/bin/python benchmarks/bench_matcher.py [--mb 10] [--aliases 10000]``
(peers: ``pip install flashtext==2.7 spacy``, the ``bench`` extra).

Two configurations over the same ~10 MB of synthetic news text:

* realistic: every alias under the ``auto`` case rule (acronyms such as "US"
  and "U.S." compared exactly), timed for our matcher only;
* comparable: every alias case-insensitive and made of plain words, where all
  four tools mean the same thing by a match (whole words, leftmost-longest),
  so their spans can be compared and their times put side by side.

The regex peer (one alternation, longest first, ``\\b...\\b``) is far too slow
for the whole text, so it is timed on a prefix and its rate extrapolated.
Results go to benchmarks/results/matcher.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from synthetic_news import GazetteerEntry, gazetteer, news_text  # noqa: E402

from briefing_app.analysis.matcher import AliasMatcher  # noqa: E402

Span = tuple[int, int, str]


class Runner:
    """A prepared matcher: ``run()`` does the timed work, ``spans()`` converts its result untimed."""

    def __init__(self, run: Callable[[], object], spans: Callable[[object], list[Span]]) -> None:
        self.run = run
        self.spans = spans
        self.best = float("inf")
        self.best_cpu = float("inf")
        self.result: object = None

    def time_once(self) -> None:
        self.result = None  # free the previous result outside the timed part
        t, c = time.perf_counter(), time.process_time()
        self.result = self.run()
        self.best = min(self.best, time.perf_counter() - t)
        self.best_cpu = min(self.best_cpu, time.process_time() - c)


def interleaved(runners: dict[str, Runner], rounds: int) -> None:
    """Time every runner ``rounds`` times, one after the other, keeping the best.

    Interleaving spreads any load from other processes over all of them, so
    the ratios of one run stay fair on a shared machine.
    """
    for _ in range(rounds):
        for runner in runners.values():
            runner.time_once()


def leftmost_longest(spans: list[Span]) -> list[Span]:
    """Resolve overlapping matches the way our matcher does (for peers that report all)."""
    out: list[Span] = []
    reached = -1
    for s, e, eid in sorted(spans, key=lambda x: (x[0], -x[1])):
        if s >= reached:
            out.append((s, e, eid))
            reached = e
    return out


def ours(entries: list[tuple[str, str, str]], text: str) -> Runner:
    matcher = AliasMatcher(entries)
    return Runner(lambda: matcher.find(text), lambda found: [(m.start, m.end, m.entity_id) for m in found])


def flashtext_peer(entries: list[tuple[str, str, str]], text: str) -> Runner:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for alias, eid, _ in entries:
        kp.add_keyword(alias, eid)
    return Runner(
        lambda: kp.extract_keywords(text, span_info=True), lambda found: [(s, e, eid) for eid, s, e in found]
    )


def spacy_peer(entries: list[tuple[str, str, str]], text: str) -> Runner:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_entity: dict[str, list[str]] = {}
    for alias, eid, _ in entries:
        by_entity.setdefault(eid, []).append(alias)
    for eid, aliases in by_entity.items():
        matcher.add(eid, list(nlp.tokenizer.pipe(aliases)))
    strings = nlp.vocab.strings
    paragraphs = text.split("\n\n")

    def run() -> list[Span]:
        spans: list[Span] = []
        base = 0
        for para in paragraphs:  # tokenising is part of the work
            doc = nlp.make_doc(para)
            for match_id, s, e in matcher(doc):
                span = doc[s:e]
                spans.append((base + span.start_char, base + span.end_char, strings[match_id]))
            base += len(para) + 2
        return leftmost_longest(spans)

    return Runner(run, lambda found: found)


def regex_peer(entries: list[tuple[str, str, str]], text: str) -> tuple[Runner, re.Pattern[str]]:
    by_alias = {alias.lower(): eid for alias, eid, _ in entries}
    alternation = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
    runner = Runner(
        lambda: list(pattern.finditer(text)),
        lambda found: [(m.start(), m.end(), by_alias[m.group().lower()]) for m in found],
    )
    return runner, pattern


def differences(a: list[Span], b: list[Span]) -> int:
    """Spans (with entity) in one list and not in the other."""
    return len(set(a) ^ set(b))


def comparable(entries: list[GazetteerEntry]) -> list[tuple[str, str, str]]:
    """Plain-word aliases, all case-insensitive: the semantics every peer shares."""
    return [(e.alias, e.entity_id, "ignore") for e in entries if re.fullmatch(r"\w+(?: \w+)*", e.alias)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="text size in MB (default 10)")
    parser.add_argument("--aliases", type=int, default=10_000, help="gazetteer size (default 10000)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds, interleaved (default 3)")
    parser.add_argument("--regex-seconds", type=float, default=8.0, help="time budget for the regex peer")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "matcher.md")
    args = parser.parse_args()

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    t = time.perf_counter()
    gaz = gazetteer(args.aliases)
    text = news_text(gaz, int(args.mb * 1_000_000))
    mb = len(text.encode("utf-8")) / 1e6
    print(f"data: {len(gaz)} aliases, {mb:.1f} MB of text, generated in {time.perf_counter() - t:.1f} s")

    rows: list[tuple[str, float, float, float, int, str]] = []  # name, seconds, CPU seconds, MB/s, mentions, note

    realistic = [(e.alias, e.entity_id, "auto") for e in gaz]
    plain = comparable(gaz)
    # The same text hard-wrapped style: one line break between paragraphs, so
    # every paragraph break is a whitespace run that multi-word aliases may span.
    wrapped = text.replace("\n\n", "\n")
    builds = {}
    runners: dict[str, Runner] = {}
    for name, factory, entries, haystack in (
        ("ours, realistic (auto case rules)", ours, realistic, text),
        ("ours, realistic, single line breaks (whitespace runs squashed)", ours, realistic, wrapped),
        ("ours", ours, plain, text),
        ("flashtext 2.7 KeywordProcessor", flashtext_peer, plain, text),
        ("spaCy PhraseMatcher (blank en, LOWER)", spacy_peer, plain, text),
    ):
        t = time.perf_counter()
        runners[name] = factory(entries, haystack)
        builds[name] = time.perf_counter() - t
    interleaved(runners, args.rounds)
    spans = {}
    for name, runner in runners.items():
        spans[name] = runner.spans(runner.result)
        secs, cpu = runner.best, runner.best_cpu
        rows.append((name, secs, cpu, mb / secs, len(spans[name]), f"build {builds[name]:.2f} s"))
        print(
            f"{name}: {secs:.3f} s (CPU {cpu:.3f} s), {mb / secs:.1f} MB/s,"
            f" {len(spans[name])} mentions (build {builds[name]:.2f} s)"
        )

    # Regex: calibrate on a small prefix, then time the largest prefix fitting the budget.
    t = time.perf_counter()
    _, pattern = regex_peer(plain, "")
    build = time.perf_counter() - t
    probe = text[:20_000]
    t = time.perf_counter()
    list(pattern.finditer(probe))
    rate = len(probe) / max(time.perf_counter() - t, 1e-6)
    size = int(min(len(text), max(len(probe), rate * args.regex_seconds)))
    prefix = text[: text.rfind(" ", 0, size) if size < len(text) else size]
    regex_runner, _ = regex_peer(plain, prefix)
    regex_runner.time_once()
    secs, regex_found = regex_runner.best, regex_runner.spans(regex_runner.result)
    prefix_mb = len(prefix.encode("utf-8")) / 1e6
    rows.append(
        (
            "regex alternation (re, \\b, longest first)",
            secs * mb / prefix_mb,
            regex_runner.best_cpu * mb / prefix_mb,
            prefix_mb / secs,
            len(regex_found),
            f"timed on the first {prefix_mb:.2f} MB, extrapolated; build {build:.2f} s",
        )
    )
    print(f"regex: {prefix_mb / secs:.2f} MB/s on a {prefix_mb:.2f} MB prefix")

    our_secs, our_spans = runners["ours"].best, spans["ours"]
    diff_flash = differences(our_spans, spans["flashtext 2.7 KeywordProcessor"])
    diff_spacy = differences(our_spans, spans["spaCy PhraseMatcher (blank en, LOWER)"])
    diff_regex = differences([s for s in our_spans if s[1] <= len(prefix)], regex_found)
    print(f"span differences vs ours: flashtext {diff_flash}, spaCy {diff_spacy}, regex {diff_regex} (prefix)")
    our_cpu = runners["ours"].best_cpu
    ratios = {name: (r.best / our_secs, r.best_cpu / our_cpu) for name, r in runners.items() if not name.startswith("ours")}
    ratios["regex alternation"] = (rows[-1][1] / our_secs, rows[-1][2] / our_cpu)
    for name, (r, rc) in ratios.items():
        print(f"ours is {r:.1f}x faster than {name} (CPU time: {rc:.1f}x)")

    lines = [
        "# Alias matcher benchmark",
        "",
        f"`benchmarks/bench_matcher.py`: {len(gaz)} synthetic aliases ({len(plain)} plain-word ones in the"
        f" comparable configuration), {mb:.1f} MB of synthetic news text (deterministic, seeded),"
        f" Python {platform.python_version()} on {platform.machine()}, one run, best of {args.rounds} interleaved rounds"
        f" (wall time and CPU time of the process; load average {load} at the start).",
        "",
        "| matcher | seconds | CPU seconds | MB/s | mentions | note |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [f"| {n} | {s:.3f} | {c:.3f} | {r:.1f} | {k} | {note} |" for n, s, c, r, k, note in rows]
    lines += ["", "Speed-up of ours in the comparable configuration (same run), wall time (CPU time):", ""]
    lines += [f"- {r:.1f}x ({rc:.1f}x) {name}" for name, (r, rc) in ratios.items()]
    lines += [
        "",
        "Span differences against ours (same spans and entity; comparable configuration):"
        f" flashtext {diff_flash}, spaCy {diff_spacy}, regex {diff_regex} (on its prefix).",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
