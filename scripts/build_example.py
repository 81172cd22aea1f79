"""Build the bundled example workspace ``data/japan-korea.briefing.yaml``.

The example is built from two news articles about Japan–South Korea
rapprochement and US–Japan–ROK cooperation. The articles are copied
byte-for-byte into ``data/documents/``; everything else (entities,
relations, events, annotations) is held here as Python data, and every
annotation selector is computed from the real text, so a quote that is not
found exactly once stops the build instead of producing a dangling anchor.

Usage::

    .venv/bin/python scripts/build_example.py            # write the workspace
    .venv/bin/python scripts/build_example.py --check    # exit 1 if the file is stale
    .venv/bin/python scripts/build_example.py --seeds DIR

Dating conventions used in the data: a date is given at the precision the
sources support. Where a month or day comes from widely known context that
the articles do not state, the state or event ``note`` says so.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from briefing_app.analysis.anchoring import make_selector  # noqa: E402
from briefing_app.model.dates import PartialDate  # noqa: E402
from briefing_app.model.io import read_workspace, save_workspace  # noqa: E402
from briefing_app.model.serialize import dump_workspace  # noqa: E402
from briefing_app.model.types import (  # noqa: E402
    Alias,
    Annotation,
    Briefing,
    Document,
    Entity,
    Event,
    Relation,
    RelationState,
    Selector,
    Vocabulary,
    Workspace,
)

DATA = ROOT / "data"
WORKSPACE_FILE = DATA / "japan-korea.briefing.yaml"
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
CONTEXT = 32  # characters of prefix/suffix kept in a selector
STAMP = "2023-04-30T12:00:00Z"  # created/modified of every annotation: fixed so the output is stable


class BuildError(Exception):
    """The data does not fit the documents (a quote not found, an id missing)."""


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceDoc:
    id: str
    seed: str  # file name in the seeds folder
    path: str  # relative to data/
    title: str
    publisher: str
    published: str
    published_note: str
    reliability: str
    reliability_note: str
    title_note: str = ""


DOCS = (
    SourceDoc(
        id="doc-rapprochement",
        seed="000_40f1097e03c06320.txt",
        path="documents/japan-south-korea-rapprochement.txt",
        title="Japan and South Korea plot rapprochement amid rising regional tensions",
        publisher="unknown (defence-analysis article, machine-translated into English; no publisher in the text)",
        published="2022-08",
        published_note=(
            "The text carries no date. It reports the Japanese defence white paper of 'the summer of 2022' as "
            "already published and South Korean Foreign Minister Park Jin (in office since May 2022) announcing "
            "'this weekend' that Seoul was working on a new plan with Japan; it knows nothing of the March 2023 "
            "steps. Hence mid/late 2022; August 2022 is the estimate. The line 'North Korea fired nearly 2022 "
            "ballistic and cruise missiles in 88' looks like the caption of a related article; if it belongs to "
            "this piece, the date would be late 2022."
        ),
        reliability="F3",
        reliability_note=(
            "Source F: publisher and author unknown, so reliability cannot be judged. Information 3 (possibly "
            "true): broadly consistent with other reporting, but machine-translation garbles ('XNUMXth century', "
            "a missile count swapped with a year) and slips (it dates the Supreme Court dispute to 2019 and calls "
            "the ruling a 'government decision')."
        ),
    ),
    SourceDoc(
        id="doc-trilateral",
        seed="001_ea93d734c9c2d24c.txt",
        path="documents/us-japan-rok-cooperation.txt",
        title="Why the Japan–South Korea détente matters to Washington",
        title_note="The text has no title line; this descriptive title was supplied by the briefing desk.",
        publisher="unknown (syndicated news article)",
        published="2023-04-24",
        published_note=(
            "The text carries no date. It says Mr. Yoon 'visits Washington this week for a state dinner on "
            "Wednesday and a speech to Congress the next day' (future tense) and that export controls were "
            "lifted 'last month' (March 2023). Yoon's state dinner at the White House was on Wednesday "
            "26 April 2023, so the piece was written between Sunday 23 and Tuesday 25 April 2023; "
            "Monday 24 April is the estimate."
        ),
        reliability="F2",
        reliability_note=(
            "Source F: outlet unknown, so reliability cannot be judged. Information 2 (probably true): the "
            "facts it reports (export controls, WTO complaint, intelligence-sharing accord, Phnom Penh "
            "agreement) agree with other reporting; some sentences are garbled by re-translation ('he said. "
            "Secretary of State Antony J. Blinken in March', 'extensive deterrence')."
        ),
    ),
)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def install_documents(seeds: Path | None, data_dir: Path) -> dict[str, str]:
    """Copy the seed articles unchanged into ``data_dir/documents``; return their texts by document id.

    When the seeds folder is absent (a fresh clone), the copies already in
    ``data_dir`` are used as they are.
    """
    texts = {}
    for d in DOCS:
        target = data_dir / d.path
        if seeds is not None and (seeds / d.seed).is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            src = (seeds / d.seed).read_bytes()
            if not target.is_file() or target.read_bytes() != src:
                shutil.copyfile(seeds / d.seed, target)
        if not target.is_file():
            raise BuildError(f"{target} is missing and no seed '{d.seed}' was found to copy; pass --seeds DIR")
        texts[d.id] = target.read_bytes().decode("utf-8")
    return texts


# ---------------------------------------------------------------------------
# Annotations: quoted passages, anchored by computation
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    """A passage to anchor. ``within`` disambiguates a quote that occurs more than once."""

    id: str
    doc: str
    exact: str
    tag: str = "evidence"
    note: str = ""
    confidence: str = ""
    entities: tuple[str, ...] = ()
    within: str = ""


D1, D2 = "doc-rapprochement", "doc-trilateral"

QUOTES = (
    # -- doc-rapprochement -----------------------------------------------------
    Quote("ann-d1-allies", D1,
          "Washington can rely on 3 powerful allies, militarily efficient and modern: Japan, South Korea and Taiwan",
          note="The article counts Taiwan among US 'allies'; the US has no defence treaty with Taiwan (ended 1980), "
               "so read 'allies' loosely for Taiwan.",
          entities=("usa", "jpn", "kor", "twn")),
    Quote("ann-d1-cold-war", D1,
          "the risks in the Pacific theater were, if not less, in any case more localized, on the whole Cold War",
          entities=("cold-war",)),
    Quote("ann-d1-europe", D1,
          "yesterday's adversaries were able to put an end to their past tensions to face the Soviet Union from "
          "the end of the 40s",
          entities=("sun", "europe")),
    Quote("ann-d1-divergent", D1,
          "Tokyo, Taipei and Seoul have followed divergent paths in terms of defense cooperation",
          entities=("jpn", "twn", "kor")),
    Quote("ann-d1-xnumx", D1,
          "the abuses perpetrated by the Imperial Japanese Armies throughout the first part of the XNUMXth century",
          note="Garbled source: 'XNUMXth' is a machine-translation placeholder for a number; the sense is the "
               "20th century. The same article dates the occupation 1910–1945, which is what the data records.",
          entities=("ija", "jpn", "kor", "twn")),
    Quote("ann-d1-nationalism", D1,
          "were regularly exacerbated by nationalist movements for internal political purposes",
          tag="key-judgment", confidence="roughly-even-chance",
          note="The rapprochement rests on the political choices of the current leaders, and history has been "
               "used in domestic politics before (relations collapsed under Moon Jae-in in 2019). We judge a "
               "serious setback after a change of government in Seoul or Tokyo a roughly even chance.",
          entities=("jpn", "kor")),
    Quote("ann-d1-no-cooperation-2020", D1,
          "their armed forces did not collaborate, nor even exchanged information that was critical for everyone, "
          "such as the detection of North Korean missile launches",
          note="Says this of 2020, i.e. after Seoul's 2019 move against the intelligence-sharing accord.",
          entities=("jpn", "kor", "twn")),
    Quote("ann-d1-new-leaders", D1,
          "the coming to power of new leaders in Japan and South Korea, and above all the very significant "
          "increase in the perception of the Chinese and North Korean threat",
          entities=("jpn", "kor", "chn", "prk")),
    Quote("ann-d1-austin-kishi", D1,
          "in March 2021, during the visit of the American Secretary of Defense Lloyd Austin, when the Japanese "
          "Minister of Defense Nobuo Kishi confirmed that US forces stationed in Japan could use Japanese bases "
          "to support Taiwanese armed forces, these coming to face a Chinese attack",
          note="As reported by this article; we have not found Kishi's words in another source.",
          entities=("austin", "kishi", "usfj", "twn-forces", "chn")),
    Quote("ann-d1-white-paper", D1,
          "publication of the new Japanese Defense White Paper in the summer of 2022, which designates China but "
          "also Russia as major threats, and to designate the de facto autonomy of Taiwan as a critical security "
          "issue for the country",
          entities=("jpn", "chn", "rus", "twn")),
    Quote("ann-d1-missiles-garble", D1,
          "North Korea fired nearly 2022 ballistic and cruise missiles in 88, largely towards the Sea of Japan",
          note="Garbled source: the count and the year are swapped. Read: 'North Korea fired nearly 88 ballistic "
               "and cruise missiles in 2022'. The data records about 88 missiles in 2022.",
          entities=("prk", "sea-of-japan")),
    Quote("ann-d1-no-sharing-since-2019", D1,
          "South Korea and Japan have not shared detection information since 2019",
          entities=("kor", "jpn")),
    Quote("ann-d1-gsomia-gap", D1,
          "have not shared detection information since 2019",
          within="South Korea and Japan have not shared detection information since 2019",
          tag="question",
          note="Seoul suspended its notice to end the intelligence-sharing accord in November 2019, so the accord "
               "stayed formally in force. Was no missile-detection information exchanged at all from 2019 to "
               "2023, or only far less? The claim needs a second source.",
          entities=("gsomia",)),
    Quote("ann-d1-deterioration-2019", D1,
          "relations between the two countries deteriorated considerably in 2019, after the South Korean Supreme "
          "Court upheld the validity of a government decision requiring payment by Japan of damages to South Korea "
          "for the forced labor of its population",
          note="The Supreme Court rulings were handed down in October and November 2018 and ordered Japanese "
               "companies (not Japan) to pay; the article dates the deterioration to 2019.",
          entities=("moon", "kor-supreme-court", "jpn", "kor", "forced-labour")),
    Quote("ann-d1-occupation", D1,
          "the period of Japanese occupation of the peninsula from 1910 to 1945",
          entities=("jpn", "korean-peninsula", "colonial-rule")),
    Quote("ann-d1-settlements", D1,
          "for Tokyo, this question had been settled by agreements and economic compensation granted in 1965 and "
          "then in 1998",
          note="The article does not name the agreements: 1965 is the Treaty on Basic Relations with its claims "
               "agreement; 1998 is the Japan–ROK Joint Declaration.",
          entities=("jpn", "treaty-1965", "declaration-1998")),
    Quote("ann-d1-military-deterioration", D1,
          "These tensions, initially economic, led to the significant deterioration of military cooperation, "
          "which was far from being very advanced between the two countries, with in particular the end of "
          "cooperation in the detection of ballistic missiles launched by North Korea",
          entities=("jpn", "kor", "prk")),
    Quote("ann-d1-missile-driver", D1,
          "It is most likely to regain the cooperation that is now essential for the two countries in the face "
          "of the proliferation of missile launches by Pyongyang",
          entities=("prk",)),
    Quote("ann-d1-incursions", D1,
          "the increasingly numerous and significant incursions by the Chinese and sometimes Russian naval and "
          "air fleets",
          entities=("chn", "rus")),
    Quote("ann-d1-park-jin", D1,
          "South Korean Foreign Minister Park Jin announced at a press conference this weekend that the South "
          "Korean government was working on a new plan that would potentially allow the two countries to renew "
          "economic and especially military ties more in-depth",
          entities=("park-jin", "kor", "jpn")),
    Quote("ann-d1-park-plan", D1,
          "working on a new plan",
          tag="question",
          note="What was in the plan? Was it the third-party compensation scheme for forced-labour victims that "
               "Seoul announced in March 2023? The article does not say.",
          entities=("park-jin",)),
    # -- doc-trilateral ---------------------------------------------------------
    Quote("ann-d2-main-allies", D2,
          "South Korea and Japan have been the United States’ two main allies in East Asia for decades, and it "
          "has long troubled Washington that the pair did not get along",
          entities=("kor", "jpn", "usa", "east-asia")),
    Quote("ann-d2-colonial", D2,
          "brutal colonial rule of the Korean peninsula from 1910 to 1945",
          entities=("colonial-rule", "korean-peninsula")),
    Quote("ann-d2-broken-promises", D2,
          "South Korea has often been an untrustworthy neighbor that has broken several promises, including "
          "treaty agreements which were intended to heal historical wounds",
          note="The Japanese view; the 'treaty agreements' are the 1965 settlement (and later accords).",
          entities=("kor", "jpn", "treaty-1965")),
    Quote("ann-d2-common-threats", D2,
          "face common threats, such as Russia’s invasion of Ukraine, China’s economic and military ambitions "
          "and North Korea’s growing nuclear weapons program",
          entities=("rus", "ukr", "chn", "prk", "ukraine-invasion")),
    Quote("ann-d2-thaw", D2,
          "ties between Seoul and Tokyo are beginning to thaw",
          entities=("kor", "jpn")),
    Quote("ann-d2-forced-labour-steps", D2,
          "In March, the two countries began taking steps to address a long-running dispute over wartime forced "
          "labour",
          entities=("kor", "jpn", "forced-labour")),
    Quote("ann-d2-whitelist-restored", D2,
          "This week, South Korea restored Japan’s status as a privileged trading partner",
          entities=("kor", "jpn", "white-list")),
    Quote("ann-d2-japan-reciprocity", D2,
          "restored Japan’s status as a privileged trading partner",
          within="This week, South Korea restored Japan’s status as a privileged trading partner",
          tag="assumption",
          note="We assume Japan will return South Korea to its own list of preferred trading partners; neither "
               "article reports that it has.",
          entities=("jpn", "white-list")),
    Quote("ann-d2-kneel", D2,
          "declaring that Japan should no longer be expected to “kneel because of our history 100 years ago. ”",
          tag="quote",
          entities=("yoon", "jpn")),
    Quote("ann-d2-state-visit", D2,
          "As Mr. Yoon visits Washington this week for a state dinner on Wednesday and a speech to Congress the "
          "next day",
          entities=("yoon", "usa", "us-congress", "biden")),
    Quote("ann-d2-partnerships", D2,
          "The United States has tried to persuade its allies in the Indo-Pacific to work more closely together "
          "by building a variety of partnerships",
          entities=("usa", "indo-pacific")),
    Quote("ann-d2-ipef", D2, "the Indo-Pacific Economic Framework for Prosperity", entities=("ipef",)),
    Quote("ann-d2-quad", D2, "the advisory body of the Quad with four countries", entities=("quad",)),
    Quote("ann-d2-aukus", D2, "the AUKUS- security pact",
          note="The stray hyphen is in the source.", entities=("aukus",)),
    Quote("ann-d2-chip4-listed", D2, "the Chip 4 alliance", entities=("chip4",)),
    Quote("ann-d2-pbp", D2, "the Partners in the Blue Pacific initiative", entities=("pbp",)),
    Quote("ann-d2-moving-closer", D2,
          "Now both Tokyo and Seoul are moving closer to Washington as China promotes an alternative world view "
          "in which the United States has less power",
          tag="key-judgment", confidence="very-likely",
          note="Washington will keep pressing for trilateral cooperation that outlasts the current leaders "
               "(regular summits, real-time missile-warning data sharing, exercises); very likely while the "
               "North Korean and Chinese threats are seen as shared.",
          entities=("jpn", "kor", "usa", "chn")),
    Quote("ann-d2-foip", D2,
          "Both countries supported Washington’s “free and open” Indo-Pacific vision",
          entities=("jpn", "kor", "usa", "indo-pacific")),
    Quote("ann-d2-nato-summit", D2,
          "attended a NATO summit last summer where leaders condemned Russia’s invasion of Ukraine and expressed "
          "concern over China’s threat to destroy the international rules-based order",
          entities=("nato", "jpn", "kor", "rus", "ukr", "chn")),
    Quote("ann-d2-joint-jets", D2,
          "The joint maneuvers of Chinese and Russian military jets in recent years near South Korean and "
          "Japanese airspace",
          entities=("pla", "russian-forces", "kor", "jpn")),
    Quote("ann-d2-kishida", D2,
          "Japan’s Prime Minister Fumio Kishida has called South Korea “an important neighbor with whom we "
          "should cooperate.”",
          tag="quote", entities=("kishida", "kor")),
    Quote("ann-d2-yoon-partner", D2,
          "South Korea’s President Yoon Suk Yeol has urged his country to no longer view Japan as “a "
          "militaristic aggressor of the past”, but as “a partner who shares the same universal values”",
          tag="quote", entities=("yoon", "jpn")),
    Quote("ann-d2-blinken", D2,
          "he said. Secretary of State Antony J. Blinken in March",
          note="Garbled attribution (re-translation split the sentence): the quote before it is Blinken's, "
               "said in March 2023.",
          entities=("blinken",)),
    Quote("ann-d2-nk-threat", D2,
          "In recent months, North Korea has not only fired missiles over Japan, but also threatened to launch a "
          "nuclear strike against South Korea",
          entities=("prk", "jpn", "kor")),
    Quote("ann-d2-no-alliance", D2,
          "South Korea has never been in a formal alliance with Japan and has been reluctant to cooperate "
          "militarily with the country outside of humanitarian search and rescue missions on the high seas",
          entities=("kor", "jpn")),
    Quote("ann-d2-expanding-mil", D2,
          "But they are now expanding military cooperation, mainly because of North Korea",
          tag="key-judgment", confidence="likely",
          note="North Korea's missile and nuclear threat is the main driver of Japan–South Korea military "
               "cooperation; we judge it likely to keep growing (intelligence sharing, missile-warning data, "
               "exercises) while launches continue, whatever happens on the history dispute.",
          entities=("kor", "jpn", "prk")),
    Quote("ann-d2-phnom-penh", D2,
          "When the leaders of the United States, Japan and South Korea met in Phnom Penh, Cambodia last "
          "November, they agreed to share real-time North Korean missile warning data",
          entities=("usa", "jpn", "kor", "phnom-penh", "khm", "biden", "kishida", "yoon")),
    Quote("ann-d2-exercises", D2,
          "The three countries have also expanded their trilateral missile defense and other military exercises "
          "in recent months",
          entities=("usa", "jpn", "kor")),
    Quote("ann-d2-gsomia-restored", D2,
          "One of the steps Seoul took in March to restore ties with Tokyo was to formally restore a bilateral "
          "military intelligence-sharing agreement that helps protect the two neighbors from North Korean missiles",
          entities=("kor", "jpn", "gsomia")),
    Quote("ann-d2-gsomia-end-2019", D2,
          "At the height of the dispute on wartime forced labor in 2019, Seoul announced plans to end the accord",
          entities=("kor", "gsomia", "forced-labour")),
    Quote("ann-d2-export-restrictions", D2,
          "That same year, 2019, Japan imposed restrictions on the export of chemicals essential to South Korea’s "
          "semiconductor industry",
          entities=("jpn", "kor")),
    Quote("ann-d2-wto-complaint", D2,
          "Seoul filed a complaint against Tokyo with the World Trade Organization",
          entities=("kor", "jpn", "wto")),
    Quote("ann-d2-whitelist-removal", D2,
          "Both countries have removed each other from their so-called white list of preferential trading partners",
          entities=("jpn", "kor", "white-list")),
    Quote("ann-d2-controls-lifted", D2,
          "Last month, Tokyo and Seoul agreed to lift those export controls",
          entities=("jpn", "kor")),
    Quote("ann-d2-wto-withdrawn", D2, "Seoul withdrew its WTO complaint", entities=("kor", "wto")),
    Quote("ann-d2-econ-dialogue", D2,
          "Seoul and Tokyo also agreed to start an “economic security dialogue” to discuss cooperation on key "
          "technologies and supply chains",
          entities=("kor", "jpn", "econ-security-dialogue")),
    Quote("ann-d2-semiconductor-complex", D2,
          "Mr. Yoon’s government recently expressed hope of attracting Japanese companies to a $228 billion "
          "semiconductor complex that South Korea plans to build near Seoul by 2042",
          tag="key-judgment", confidence="likely",
          note="Economic security is the second pillar of the détente: Korean chipmaking depends on Japanese "
               "tools and materials, and both sit inside US plans for supply chains without China. We judge the "
               "lifting of the 2019 export controls likely to hold.",
          entities=("yoon", "kor", "jpn")),
    Quote("ann-d2-chip4", D2,
          "Last year, Washington proposed the so-called Chip 4 Alliance with the two allies and Taiwan to keep "
          "China at bay in the battle for global semiconductor supply chains",
          entities=("usa", "kor", "jpn", "twn", "chip4", "chn")),
    Quote("ann-d2-taiwan-strait", D2,
          "Seoul, Tokyo and Washington have a strong common interest in preserving peace and stability in the "
          "Taiwan Strait",
          entities=("kor", "jpn", "usa", "taiwan-strait")),
    Quote("ann-d2-invade-taiwan", D2,
          "Security analysts fear China could try to invade Taiwan, similar to Russia’s full-scale invasion of "
          "Ukraine",
          entities=("chn", "twn", "rus", "ukr")),
    Quote("ann-d2-two-fronts", D2,
          "some experts warn that North Korea could take the opportunity to start a war on the Korean peninsula",
          tag="key-judgment", confidence="unlikely",
          note="We judge it unlikely, though not negligible, that North Korea would open a second front during a "
               "Taiwan crisis; the article cites unnamed experts only. US planning in the region must still "
               "allow for two simultaneous fronts.",
          entities=("prk", "korean-peninsula", "chn", "twn")),
    Quote("ann-d2-kim-han-kwon", D2,
          "Kim Han-kwon, a professor at the Institute of Foreign Affairs and National Security in Seoul, wrote in "
          "a statement. paper in February",
          note="Garbled source: read 'wrote in a paper in February' (2023, given the article's date).",
          entities=("kim-han-kwon", "ifans")),
    Quote("ann-d2-kim-quote", D2,
          "It sees its bilateral alliances with South Korea and Japan in particular as important regional "
          "strategic assets in relation to the Taiwan Strait.",
          tag="key-judgment", confidence="likely",
          note="In a Taiwan Strait crisis the United States would likely ask Japan for the use of its bases (as "
               "Japan's defence minister confirmed in March 2021, per the other article) and South Korea for "
               "support; what Seoul would give is the least certain part of the trilateral picture.",
          entities=("usa", "kor", "jpn", "taiwan-strait")),
    Quote("ann-d2-presence", D2,
          "the security provided by the United States by maintaining a large military presence in both countries",
          entities=("usa", "usfj", "usfk")),
    Quote("ann-d2-deterrence", D2,
          "Washington has also vowed to protect its allies through “extensive deterrence,” a commitment to use the "
          "full range of U.S. weapons — including nuclear capabilities — in the event of conflict",
          note="'Extensive deterrence' is a translation slip for the usual term, extended deterrence.",
          entities=("usa", "extended-deterrence")),
    Quote("ann-d2-other-partners", D2,
          "Washington has recently taken steps to strengthen its military ties with Australia, India and the "
          "Philippines to counterbalance China’s influence in the region and strengthen its ability to defend "
          "Taiwan",
          entities=("usa", "aus", "ind", "phl", "chn", "twn")),
)


def anchor(q: Quote, text: str) -> Selector:
    """The selector of ``q`` in ``text``.

    Raises:
        BuildError: the quote (or its ``within`` passage) is not found exactly once.
    """
    base = 0
    if q.within:
        n = text.count(q.within)
        if n != 1:
            raise BuildError(f"{q.id}: passage {q.within[:60]!r} found {n} times in {q.doc} (need exactly 1)")
        base = text.index(q.within)
        scope = q.within
    else:
        scope = text
    n = scope.count(q.exact)
    if n != 1:
        where = "its 'within' passage" if q.within else q.doc
        raise BuildError(f"{q.id}: quote {q.exact[:60]!r} found {n} times in {where} (need exactly 1; "
                         "add 'within' to disambiguate)")
    start = base + scope.index(q.exact)
    return make_selector(text, start, start + len(q.exact), context=CONTEXT)


def build_annotations(texts: dict[str, str]) -> tuple[Annotation, ...]:
    out = []
    for q in QUOTES:
        if q.doc not in texts:
            raise BuildError(f"{q.id}: unknown document '{q.doc}'")
        out.append(Annotation(
            id=q.id, document=q.doc, selector=anchor(q, texts[q.doc]), tag=q.tag, note=q.note,
            confidence=q.confidence, entities=q.entities, created=STAMP, modified=STAMP,
        ))
    return tuple(out)


# ---------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------

def A(text: str, case: str = "auto", note: str = "") -> Alias:
    return Alias(text=text, case=case, note=note)


CAPITAL = "capital metonym: the government"


def country(id_: str, name: str, iso3: str | None, lat: float, lon: float, aliases: list[Alias],
            description: str) -> Entity:
    return Entity(id=id_, name=name, type="country", aliases=tuple(aliases), country=iso3, lat=lat, lon=lon,
                  description=description)


def entity(id_: str, name: str, type_: str, aliases: list[Alias] = (), affiliation: str | None = None,
           description: str = "", lat: float | None = None, lon: float | None = None,
           links: tuple[str, ...] = ()) -> Entity:
    return Entity(id=id_, name=name, type=type_, aliases=tuple(aliases), affiliation=affiliation,
                  description=description, lat=lat, lon=lon, links=links)


ENTITIES = (
    # -- countries (capital coordinates) ------------------------------------
    country("jpn", "Japan", "JPN", 35.68, 139.69, [
        A("Japanese", note="demonym"), A("Tokyo", note=CAPITAL), A("日本", "exact"),
    ], "US treaty ally; the articles' other party to the rapprochement with South Korea."),
    country("kor", "South Korea", "KOR", 37.57, 126.98, [
        A("Republic of Korea"), A("ROK"), A("R.O.K."), A("S. Korea"), A("South Korean", note="demonym"),
        A("South Koreans", note="demonym"), A("Seoul", note=CAPITAL), A("한국", "exact"), A("대한민국", "exact"),
    ], "US treaty ally; restored ties with Japan in March–April 2023."),
    country("prk", "North Korea", "PRK", 39.03, 125.75, [
        A("Democratic People's Republic of Korea"), A("DPRK"), A("N. Korea"), A("North Korean", note="demonym"),
        A("North Koreans", note="demonym"), A("Pyongyang", note=CAPITAL), A("북한", "exact"),
        A("조선민주주의인민공화국", "exact"),
    ], "Nuclear-armed; its missile launches drive Japan–ROK–US cooperation."),
    country("chn", "China", "CHN", 39.90, 116.41, [
        A("People's Republic of China"), A("PRC"), A("Chinese", note="demonym"), A("Beijing", note=CAPITAL),
        A("中国", "exact"), A("中華人民共和国", "exact"),
    ], "Named with Russia as a major threat in Japan's 2022 defence white paper."),
    country("rus", "Russia", "RUS", 55.76, 37.62, [
        A("Russian Federation"), A("Russian", note="demonym"), A("Russians", note="demonym"),
        A("Moscow", note=CAPITAL),
    ], "Invaded Ukraine in 2022; flies joint patrols with China near Korean and Japanese airspace."),
    country("usa", "United States", "USA", 38.90, -77.04, [
        A("United States of America"), A("US"), A("U.S."), A("USA"), A("America"),
        A("American", note="demonym"), A("Americans", note="demonym"), A("Washington", note=CAPITAL),
        A("미국", "exact"), A("米国", "exact"), A("アメリカ", "exact"),
    ], "Ally of both Japan and South Korea; presses them to cooperate."),
    country("twn", "Taiwan", "TWN", 25.03, 121.57, [
        A("Republic of China"), A("ROC"), A("Taiwanese", note="demonym"), A("Taipei", note=CAPITAL),
        A("台湾", "exact"), A("臺灣", "exact"),
    ], "Self-governed island China claims; its de facto autonomy is a critical security issue for Japan "
       "(2022 white paper)."),
    country("ukr", "Ukraine", "UKR", 50.45, 30.52, [
        A("Ukrainian", note="demonym"), A("Ukrainians", note="demonym"), A("Kyiv", note=CAPITAL),
    ], "Invaded by Russia in February 2022."),
    country("aus", "Australia", "AUS", -35.28, 149.13, [
        A("Australian", note="demonym"), A("Australians", note="demonym"), A("Canberra", note=CAPITAL),
    ], "US ally; member of the Quad, AUKUS and Partners in the Blue Pacific."),
    country("ind", "India", "IND", 28.61, 77.21, [
        A("Republic of India"), A("Indian", note="demonym"), A("New Delhi", note=CAPITAL),
    ], "Quad member; Washington is strengthening military ties with it."),
    country("phl", "Philippines", "PHL", 14.60, 120.98, [
        A("Republic of the Philippines"), A("Philippine", note="adjective"), A("Filipino", note="demonym"),
        A("Manila", note=CAPITAL),
    ], "US treaty ally; Washington is strengthening military ties with it."),
    country("khm", "Cambodia", "KHM", 11.56, 104.92, [
        A("Kingdom of Cambodia"), A("Cambodian", note="demonym"),
    ], "Host of the November 2022 meetings in Phnom Penh."),
    country("gbr", "United Kingdom", "GBR", 51.51, -0.13, [
        A("UK"), A("U.K."), A("Britain"), A("Great Britain"), A("British", note="demonym"),
        A("London", note=CAPITAL),
    ], "AUKUS partner (the 'UK' of AUKUS); not named directly in the articles."),
    country("sun", "Soviet Union", None, 55.76, 37.62, [
        A("USSR"), A("U.S.S.R."), A("Soviet"), A("Soviets"),
    ], "Cold War adversary of the United States and Western Europe (1922–1991); point placed at Moscow."),
    # -- persons ---------------------------------------------------------------
    entity("yoon", "Yoon Suk Yeol", "person", [
        A("Yoon Suk-yeol"), A("Mr. Yoon"), A("President Yoon"), A("President Yoon Suk Yeol"), A("윤석열", "exact"),
    ], "kor", "President of South Korea since May 2022; drove the 2023 rapprochement with Japan."),
    entity("kishida", "Fumio Kishida", "person", [
        A("Kishida"), A("Mr. Kishida"), A("Prime Minister Kishida"), A("Prime Minister Fumio Kishida"), A("岸田文雄", "exact"), A("岸田", "exact"),
    ], "jpn", "Prime Minister of Japan since October 2021."),
    entity("moon", "Moon Jae-in", "person", [
        A("President Moon"), A("President Moon Jae-in"), A("문재인", "exact"),
    ], "kor", "President of South Korea 2017–2022; relations with Japan deteriorated under his government."),
    entity("biden", "Joe Biden", "person", [
        A("Joseph R. Biden"), A("President Biden"), A("Mr. Biden"), A("Biden"),
    ], "usa", "President of the United States; host of Yoon's April 2023 state visit."),
    entity("blinken", "Antony J. Blinken", "person", [
        A("Antony Blinken"), A("Blinken"), A("Secretary Blinken"),
        A("Secretary of State Antony J. Blinken"), A("Secretary of State Blinken"),
    ], "usa", "US Secretary of State; called the trilateral relationship central to a free and open Indo-Pacific."),
    entity("austin", "Lloyd Austin", "person", [
        A("Lloyd J. Austin"), A("Lloyd J. Austin III"), A("Secretary Austin"),
        A("Secretary of Defense Lloyd Austin"),
    ], "usa", "US Secretary of Defense; visited Japan in March 2021."),
    entity("kishi", "Nobuo Kishi", "person", [
        A("Minister of Defense Nobuo Kishi"), A("Defense Minister Nobuo Kishi"), A("岸信夫", "exact"),
    ], "jpn", "Japanese Minister of Defense (2020–2022)."),
    entity("park-jin", "Park Jin", "person", [
        A("Foreign Minister Park Jin"), A("박진", "exact"),
    ], "kor", "South Korean Foreign Minister from May 2022."),
    entity("kim-han-kwon", "Kim Han-kwon", "person", [
        A("김한권", "exact"),
    ], "ifans", "Professor at the Institute of Foreign Affairs and National Security, Seoul."),
    # -- organisations -----------------------------------------------------------
    entity("wto", "World Trade Organization", "organization", [
        A("WTO"), A("World Trade Organisation"),
    ], None, "Seoul's 2019 complaint over Japan's export controls was filed here and withdrawn in 2023.",
       lat=46.22, lon=6.14),
    entity("nato", "NATO", "organization", [
        A("North Atlantic Treaty Organization"), A("North Atlantic Treaty Organisation"),
    ], None, "Japan and South Korea attended its 2022 summit.", lat=50.88, lon=4.42),
    entity("quad", "Quad", "organization", [
        A("Quad", "exact"), A("Quadrilateral Security Dialogue"),
    ], None, "Australia, India, Japan and the United States."),
    entity("ipef", "Indo-Pacific Economic Framework for Prosperity", "organization", [
        A("IPEF"), A("Indo-Pacific Economic Framework"),
    ], None, "US-led economic framework launched in May 2022 (14 members)."),
    entity("chip4", "Chip 4 Alliance", "organization", [
        A("Chip 4"), A("Chip4"), A("Fab 4"),
    ], None, "Semiconductor supply-chain grouping proposed by Washington in 2022 with South Korea, Japan and "
             "Taiwan."),
    entity("pbp", "Partners in the Blue Pacific", "organization", [
        A("PBP"),
    ], None, "Pacific Islands initiative launched in June 2022 by Australia, Japan, New Zealand, the UK and the US."),
    entity("kor-supreme-court", "South Korean Supreme Court", "organization", [
        A("Supreme Court of Korea"), A("대법원", "exact"),
    ], "kor", "Its forced-labour rulings (2018) set off the 2019 dispute with Japan."),
    entity("us-congress", "United States Congress", "organization", [
        A("Congress", "exact"), A("U.S. Congress"), A("US Congress"),
    ], "usa", "Yoon addressed a joint meeting on 27 April 2023."),
    entity("ifans", "Institute of Foreign Affairs and National Security", "organization", [
        A("IFANS"),
    ], "kor", "Research institute of South Korea's foreign ministry (Korea National Diplomatic Academy), Seoul."),
    entity("us-dod", "US Department of Defense", "organization", [
        A("Department of Defense"), A("Pentagon"), A("DoD", "exact"),
    ], "usa", "Headed by Lloyd Austin."),
    entity("us-dos", "US Department of State", "organization", [
        A("State Department"), A("Department of State"),
    ], "usa", "Headed by Antony J. Blinken."),
    # -- agreements -----------------------------------------------------------
    entity("gsomia", "Japan–South Korea GSOMIA", "agreement", [
        A("GSOMIA"), A("General Security of Military Information Agreement"),
        A("military intelligence-sharing agreement"), A("군사정보보호협정", "exact"), A("日韓秘密軍事情報保護協定", "exact"),
    ], None, "Bilateral military intelligence-sharing agreement signed in November 2016; Seoul moved to end it "
             "in 2019 and formally restored it in March 2023."),
    entity("treaty-1965", "Treaty on Basic Relations between Japan and the Republic of Korea", "agreement", [
        A("1965 Treaty on Basic Relations"), A("Treaty on Basic Relations"), A("1965 treaty"),
        A("1965 claims agreement"), A("한일기본조약", "exact"), A("日韓基本条約", "exact"),
    ], None, "1965 normalisation treaty with its claims agreement (economic aid in settlement of claims); "
             "Tokyo holds that it settled wartime claims."),
    entity("declaration-1998", "Japan–Republic of Korea Joint Declaration (1998)", "agreement", [
        A("1998 Joint Declaration"), A("Kim–Obuchi Joint Declaration"), A("Kim-Obuchi declaration"),
    ], None, "October 1998 declaration of a new partnership, with Japan's apology for colonial rule."),
    entity("aukus", "AUKUS", "agreement", [
        A("AUKUS pact"), A("AUKUS security pact"),
    ], None, "Security pact of Australia, the United Kingdom and the United States (September 2021)."),
    entity("white-list", "Preferred trading partner status (\"white list\")", "agreement", [
        A("white list"), A("whitelist"), A("white list of preferential trading partners"),
        A("privileged trading partner"), A("preferential trading partners"), A("preferred trading partner"),
    ], None, "Each country's list of trusted trading partners given simplified export procedures; Japan and "
             "South Korea removed each other in 2019."),
    entity("econ-security-dialogue", "Japan–South Korea economic security dialogue", "agreement", [
        A("economic security dialogue"),
    ], None, "Agreed in March 2023 to discuss key technologies and supply chains."),
    entity("extended-deterrence", "US extended deterrence", "agreement", [
        A("extended deterrence"), A("extensive deterrence", note="as mistranslated in one source"),
        A("nuclear umbrella"),
    ], "usa", "US commitment to defend its allies with the full range of its weapons, nuclear included."),
    entity("us-jpn-treaty", "US–Japan Treaty of Mutual Cooperation and Security", "agreement", [
        A("Treaty of Mutual Cooperation and Security"), A("US-Japan Security Treaty"),
        A("U.S.-Japan Security Treaty"), A("日米安全保障条約", "exact"),
    ], None, "1960 treaty underpinning the US–Japan alliance (not named in the articles)."),
    entity("us-kor-treaty", "US–ROK Mutual Defense Treaty", "agreement", [
        A("ROK-US Mutual Defense Treaty"), A("US-ROK Mutual Defense Treaty"), A("한미상호방위조약", "exact"),
    ], None, "1953 treaty underpinning the US–South Korea alliance (not named in the articles)."),
    # -- military --------------------------------------------------------------
    entity("usfj", "US Forces Japan", "military", [
        A("USFJ"), A("U.S. Forces Japan"), A("United States Forces Japan"), A("US forces stationed in Japan"),
        A("在日米軍", "exact"),
    ], "usa", "US forces stationed in Japan; headquarters at Yokota Air Base.", lat=35.75, lon=139.35),
    entity("usfk", "US Forces Korea", "military", [
        A("USFK"), A("U.S. Forces Korea"), A("United States Forces Korea"), A("주한미군", "exact"),
    ], "usa", "US forces stationed in South Korea; headquarters at Camp Humphreys.", lat=36.96, lon=127.03),
    entity("us-forces", "United States Armed Forces", "military", [
        A("US military"), A("U.S. military"), A("American military"), A("US forces"), A("U.S. forces"),
        A("American armed forces"),
    ], "usa", "The US military as a whole."),
    entity("jsdf", "Japan Self-Defense Forces", "military", [
        A("JSDF"), A("Self-Defense Forces"), A("Japan Self-Defence Forces"), A("Japanese armed forces"), A("Japanese military"),
        A("自衛隊", "exact"),
    ], "jpn", "Japan's armed forces."),
    entity("rok-forces", "Republic of Korea Armed Forces", "military", [
        A("ROK Armed Forces"), A("South Korean armed forces"), A("South Korean military"), A("국군", "exact"),
    ], "kor", "South Korea's armed forces."),
    entity("pla", "People's Liberation Army", "military", [
        A("PLA"), A("Chinese armies"), A("Chinese army"), A("Chinese military"), A("中国人民解放军", "exact"),
        A("Chinese naval and air fleets"),
    ], "chn", "China's armed forces."),
    entity("kpa", "Korean People's Army", "military", [
        A("KPA"), A("North Korean army"), A("North Korean armies"), A("North Korean military"),
        A("조선인민군", "exact"),
    ], "prk", "North Korea's armed forces."),
    entity("russian-forces", "Armed Forces of the Russian Federation", "military", [
        A("Russian armed forces"), A("Russian military"), A("Russian army"), A("Russian armies"),
    ], "rus", "Russia's armed forces."),
    entity("twn-forces", "Republic of China Armed Forces", "military", [
        A("Taiwanese armed forces"), A("ROC Armed Forces"), A("Taiwan's military"), A("Taiwanese military"),
    ], "twn", "Taiwan's armed forces."),
    entity("ija", "Imperial Japanese Army", "military", [
        A("Imperial Japanese Armies"), A("Imperial Japanese Army"), A("Imperial Japanese Navy"),
        A("Imperial Army"),
    ], "jpn", "Japan's army until 1945; the abuses of its occupations of Korea and Taiwan shape memory today."),
    # -- places --------------------------------------------------------------------
    entity("sea-of-japan", "Sea of Japan", "place", [
        A("East Sea"), A("日本海", "exact"), A("동해", "exact"),
    ], None, "Between Japan and the Korean peninsula; most North Korean test missiles land here.",
       lat=40.0, lon=135.0),
    entity("taiwan-strait", "Taiwan Strait", "place", [
        A("Formosa Strait"), A("台湾海峡", "exact"),
    ], None, "Between mainland China and Taiwan.", lat=24.5, lon=119.5),
    entity("phnom-penh", "Phnom Penh", "place", [], "khm",
           "Capital of Cambodia; the US, Japanese and South Korean leaders met here in November 2022.",
           lat=11.56, lon=104.92),
    entity("korean-peninsula", "Korean peninsula", "place", [
        A("Korean Peninsula"), A("한반도", "exact"), A("朝鮮半島", "exact"),
    ], None, "North and South Korea.", lat=38.0, lon=127.5),
    entity("western-pacific", "Western Pacific", "place", [
        A("West Pacific"), A("Western Pacific theater"),
    ], None, "Theatre where Chinese, North Korean and Russian forces are growing.", lat=25.0, lon=140.0),
    entity("pacific", "Pacific", "place", [
        A("Pacific Ocean"), A("Pacific theater"), A("Pacific theatre"),
    ], None, "The Pacific theatre as a whole.", lat=20.0, lon=-160.0),
    entity("indo-pacific", "Indo-Pacific", "place", [
        A("Indo-Pacific region"),
    ], None, "The region of the US 'free and open Indo-Pacific' vision.", lat=10.0, lon=120.0),
    entity("asia", "Asia", "place", [
        A("Asian"),
    ], None, "The continent; 'Washington's strategy in Asia and beyond'.", lat=34.0, lon=100.0),
    entity("east-asia", "East Asia", "place", [
        A("East Asian"), A("Northeast Asia"),
    ], None, "China, Japan, the Koreas, Taiwan and Mongolia.", lat=35.0, lon=120.0),
    entity("europe", "Europe", "place", [
        A("European"), A("Western Europe"),
    ], None, "Where, the first article notes, former adversaries reconciled against the Soviet Union.",
       lat=50.0, lon=10.0),
    # -- event series ---------------------------------------------------------
    entity("colonial-rule", "Japanese colonial rule of Korea", "event-series", [
        A("Japanese colonial rule"), A("Japanese occupation of Korea"), A("Japanese occupation of the peninsula"),
        A("colonial rule of Korea"), A("Japanese rule of Korea"), A("일제강점기", "exact"),
    ], None, "1910–1945."),
    entity("forced-labour", "Wartime forced labour dispute", "event-series", [
        # Only the wartime forms: "forced labour" alone is common in unrelated news.
        A("wartime forced labour"), A("wartime forced labor"), A("forced labour dispute"),
        A("forced labor dispute"), A("강제징용", "exact"), A("徴用工", "exact"),
    ], None, "Dispute over compensation for Koreans forced to work for Japanese companies before and during the "
             "Second World War."),
    entity("cold-war", "Cold War", "event-series", [
        A("the Cold War"),
    ], None, "1947–1991."),
    entity("ukraine-invasion", "Russian invasion of Ukraine", "event-series", [
        A("invasion of Ukraine"), A("full-scale invasion of Ukraine"),
    ], None, "Full-scale invasion from 24 February 2022."),
)


# ---------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------

def S(state: str, start: str, end: str | None = None, evidence: tuple[str, ...] = (), note: str = "") -> RelationState:
    return RelationState(state=state, start=PartialDate.parse(start),
                         end=PartialDate.parse(end) if end else None, evidence=tuple(evidence), note=note)


def R(id_: str, kind: str, members: tuple[str, ...], label: str, lane: str, states: list[RelationState],
      directed: bool = False, entity: str | None = None, description: str = "") -> Relation:
    return Relation(id=id_, kind=kind, members=members, states=tuple(states), directed=directed, label=label,
                    lane=lane, entity=entity, description=description)


JK = "Japan–South Korea"
US_J = "US–Japan"
US_K = "US–South Korea"
TRI = "US–Japan–South Korea"
THREATS = "Threats"
GROUPS = "Indo-Pacific groupings"
TAIWAN = "Taiwan"
US_OTHER = "US partners"
CONTEXT_NOTE = "widely known context the sources do not state"

RELATIONS = (
    R("jpn-kor-gsomia", "intelligence-sharing", ("jpn", "kor"), "GSOMIA military intelligence sharing", JK, [
        S("active", "2016-11", "2019-08", ("ann-d2-gsomia-restored", "ann-d1-no-sharing-since-2019"),
          f"Start: the agreement was signed on 23 November 2016 ({CONTEXT_NOTE}). The sources imply it worked "
          "before 2019: it 'helps protect the two neighbors' and detection information has not been shared "
          "'since 2019'."),
        S("termination-notified", "2019-08", "2019-11", ("ann-d2-gsomia-end-2019",),
          "The source: 'in 2019, Seoul announced plans to end the accord'. The month (notice of 22 August 2019) "
          f"and the end of this state are {CONTEXT_NOTE}."),
        S("suspended", "2019-11", "2023-03",
          ("ann-d1-no-sharing-since-2019", "ann-d1-no-cooperation-2020", "ann-d1-military-deterioration"),
          "The sources: no detection information shared since 2019, none exchanged in 2020. On 22 November "
          f"2019 Seoul conditionally suspended its termination notice ({CONTEXT_NOTE}), so the accord stayed "
          "nominally in force; 'suspended' describes the cooperation in practice."),
        S("restored", "2023-03", None, ("ann-d2-gsomia-restored",),
          f"Seoul 'formally restored' the agreement in March 2023 (on 21 March: {CONTEXT_NOTE})."),
    ], entity="gsomia",
       description="Bilateral accord to exchange classified military information, notably North Korean missile "
                   "detection data."),
    R("jpn-kor-export-controls", "trade-restriction", ("jpn", "kor"),
      "Japanese export controls on semiconductor chemicals", JK, [
        S("active", "2019-07", "2023-03", ("ann-d2-export-restrictions",),
          f"The source says 2019; the controls took effect on 4 July 2019 ({CONTEXT_NOTE})."),
        S("terminated", "2023-03", None, ("ann-d2-controls-lifted",),
          "'Last month' in an article of late April 2023: March 2023 (announced 16 March, at the Yoon–Kishida "
          f"summit in Tokyo: {CONTEXT_NOTE})."),
    ], directed=True,
       description="Tighter licensing of chemicals essential to South Korea's semiconductor industry."),
    R("kor-jpn-wto-complaint", "dispute", ("kor", "jpn"), "South Korea's WTO complaint over the export controls",
      JK, [
        S("active", "2019-09", "2023-03", ("ann-d2-wto-complaint",),
          f"The source places it in 2019; filed on 11 September 2019 ({CONTEXT_NOTE})."),
        S("terminated", "2023-03", None, ("ann-d2-wto-withdrawn",),
          "Withdrawn 'last month' (March 2023) per the April 2023 article."),
    ], directed=True, entity="wto"),
    R("jpn-kor-white-list", "trade", ("jpn", "kor"), "Japan's preferred-trade (white list) status for South Korea",
      JK, [
        S("terminated", "2019-08", None, ("ann-d2-whitelist-removal",),
          f"The source: both countries removed each other in 2019. Japan's removal of South Korea was decided "
          f"on 2 August and took effect on 28 August 2019 ({CONTEXT_NOTE}). Neither source reports a Japanese "
          "restoration, so the state stays open (see the assumption on the restoration passage)."),
    ], directed=True, entity="white-list"),
    R("kor-jpn-white-list", "trade", ("kor", "jpn"), "South Korea's preferred-trade (white list) status for Japan",
      JK, [
        S("terminated", "2019-09", "2023-04", ("ann-d2-whitelist-removal",),
          f"The source: both countries removed each other in 2019; South Korea's removal of Japan took effect "
          f"in September 2019 ({CONTEXT_NOTE})."),
        S("restored", "2023-04", None, ("ann-d2-whitelist-restored",),
          "'This week' in an article of the week of 24 April 2023."),
    ], directed=True, entity="white-list"),
    R("jpn-kor-forced-labour", "dispute", ("kor", "jpn"), "Wartime forced labour dispute", JK, [
        S("active", "2019", None,
          ("ann-d1-deterioration-2019", "ann-d2-gsomia-end-2019", "ann-d2-forced-labour-steps"),
          "The sources date the height of the dispute to 2019 (the Supreme Court rulings themselves came in "
          f"October–November 2018: {CONTEXT_NOTE}). In March 2023 the two began 'taking steps to address' it; "
          "neither source calls it settled, so it stays active."),
    ], entity="forced-labour"),
    R("jpn-kor-relations", "diplomatic", ("jpn", "kor"), "Japan–South Korea political relations", JK, [
        S("strained", "2019", "2023-03", ("ann-d1-deterioration-2019", "ann-d2-main-allies"),
          "Relations 'deteriorated considerably in 2019' under Moon Jae-in's government."),
        S("active", "2023-03", None, ("ann-d2-thaw", "ann-d2-forced-labour-steps", "ann-d2-gsomia-restored"),
          "'Beginning to thaw': steps on the forced-labour dispute and the intelligence accord in March 2023."),
    ]),
    R("jpn-kor-military-cooperation", "security-cooperation", ("jpn", "kor"),
      "Japan–South Korea military cooperation", JK, [
        S("strained", "2019", "2023-03", ("ann-d1-military-deterioration", "ann-d1-no-cooperation-2020"),
          "No formal alliance ever; cooperation, 'far from being very advanced', deteriorated in 2019."),
        S("active", "2023-03", None, ("ann-d2-expanding-mil", "ann-d2-gsomia-restored"),
          "'Now expanding military cooperation, mainly because of North Korea' (April 2023)."),
    ]),
    R("jpn-kor-econ-security-dialogue", "diplomatic", ("jpn", "kor"), "Economic security dialogue", JK, [
        S("agreed", "2023-03", None, ("ann-d2-econ-dialogue",),
          "Agreed alongside the lifting of export controls ('last month', March 2023)."),
    ], entity="econ-security-dialogue"),
    R("usa-jpn-alliance", "alliance", ("usa", "jpn"), "US–Japan alliance", US_J, [
        S("active", "1960", None, ("ann-d2-main-allies", "ann-d2-presence", "ann-d2-deterrence"),
          f"The sources say 'for decades'. Start: the 1960 Treaty of Mutual Cooperation and Security, which "
          f"replaced the 1951 security treaty ({CONTEXT_NOTE})."),
    ], entity="us-jpn-treaty"),
    R("usa-kor-alliance", "alliance", ("usa", "kor"), "US–South Korea alliance", US_K, [
        S("active", "1953-10", None, ("ann-d2-main-allies", "ann-d2-presence", "ann-d2-deterrence"),
          f"The sources say 'for decades'. Start: the Mutual Defense Treaty signed 1 October 1953 ({CONTEXT_NOTE})."),
    ], entity="us-kor-treaty"),
    R("usa-jpn-kor-missile-warning", "intelligence-sharing", ("usa", "jpn", "kor"),
      "Real-time North Korean missile-warning data sharing", TRI, [
        S("agreed", "2022-11", None, ("ann-d2-phnom-penh",),
          "Agreed by the three leaders in Phnom Penh 'last November' (13 November 2022: "
          f"{CONTEXT_NOTE}). The sources do not say it was running yet by April 2023."),
    ]),
    R("usa-jpn-kor-trilateral", "security-cooperation", ("usa", "jpn", "kor"),
      "Trilateral security cooperation (summits, missile defence and other exercises)", TRI, [
        S("strained", "2019", "2022-11", ("ann-d1-no-cooperation-2020", "ann-d2-main-allies"),
          "Japan–South Korea discord limited the trilateral: in 2020 the allies' forces did not collaborate."),
        S("active", "2022-11", None, ("ann-d2-phnom-penh", "ann-d2-exercises", "ann-d2-moving-closer"),
          "From the Phnom Penh summit; exercises expanded 'in recent months' before April 2023."),
    ]),
    R("quad-membership", "membership", ("usa", "jpn", "ind", "aus"), "Quad", GROUPS, [
        S("active", "2017-11", None, ("ann-d2-quad", "ann-d2-partnerships"),
          f"The source says only 'the Quad with four countries'. Members and the 2017 revival: {CONTEXT_NOTE}."),
    ], entity="quad"),
    R("aukus-membership", "membership", ("aus", "gbr", "usa"), "AUKUS", GROUPS, [
        S("active", "2021-09", None, ("ann-d2-aukus", "ann-d2-partnerships"),
          f"Members and the September 2021 announcement: {CONTEXT_NOTE}."),
    ], entity="aukus"),
    R("chip4-membership", "membership", ("usa", "kor", "jpn", "twn"), "Chip 4 Alliance", GROUPS, [
        S("proposed", "2022", None, ("ann-d2-chip4", "ann-d2-chip4-listed"),
          "Proposed by Washington 'last year' (2022) with South Korea, Japan and Taiwan."),
    ], entity="chip4"),
    R("ipef-membership", "membership", ("usa", "jpn", "kor", "aus", "ind", "phl"), "IPEF", GROUPS, [
        S("active", "2022-05", None, ("ann-d2-ipef", "ann-d2-partnerships"),
          f"Launch date and members: {CONTEXT_NOTE}. IPEF has 14 members; only those in this workspace are "
          "listed."),
    ], entity="ipef"),
    R("pbp-membership", "membership", ("usa", "aus", "jpn", "gbr"), "Partners in the Blue Pacific", GROUPS, [
        S("active", "2022-06", None, ("ann-d2-pbp", "ann-d2-partnerships"),
          f"Launch (June 2022) and founding members (with New Zealand): {CONTEXT_NOTE}."),
    ], entity="pbp"),
    R("prk-kor-threat", "threat", ("prk", "kor"), "North Korean threat to South Korea", THREATS, [
        S("active", "2022", None, ("ann-d2-nk-threat", "ann-d2-common-threats", "ann-d1-missiles-garble"),
          "The threat long predates the sources; this state records what they describe: about 88 missiles "
          "fired in 2022 and a threatened nuclear strike 'in recent months' before April 2023."),
    ], directed=True),
    R("prk-jpn-threat", "threat", ("prk", "jpn"), "North Korean threat to Japan", THREATS, [
        S("active", "2022", None, ("ann-d2-nk-threat", "ann-d1-missiles-garble"),
          "Missiles fired 'largely towards the Sea of Japan' in 2022 and over Japan 'in recent months'."),
    ], directed=True),
    R("chn-jpn-threat", "threat", ("chn", "jpn"), "China as a major threat to Japan", THREATS, [
        S("active", "2022-07", None, ("ann-d1-white-paper",),
          "Designated a major threat in the summer-2022 defence white paper (released July 2022: "
          f"{CONTEXT_NOTE})."),
    ], directed=True),
    R("rus-jpn-threat", "threat", ("rus", "jpn"), "Russia as a major threat to Japan", THREATS, [
        S("active", "2022-07", None, ("ann-d1-white-paper",),
          "Designated a major threat in the summer-2022 defence white paper."),
    ], directed=True),
    R("chn-kor-threat", "threat", ("chn", "kor"), "Chinese air and naval incursions near South Korea", THREATS, [
        S("active", "2022", None, ("ann-d1-incursions", "ann-d2-joint-jets"),
          "Incursions 'increasingly numerous' (2022 article) and joint Chinese–Russian flights 'in recent "
          "years' near South Korean and Japanese airspace; 2022 is the earliest date the sources speak to."),
    ], directed=True),
    R("rus-kor-threat", "threat", ("rus", "kor"), "Russian air and naval incursions near South Korea", THREATS, [
        S("active", "2022", None, ("ann-d1-incursions", "ann-d2-joint-jets"),
          "'Sometimes Russian' incursions; joint flights with China."),
    ], directed=True),
    R("chn-twn-threat", "threat", ("chn", "twn"), "Chinese threat to Taiwan", TAIWAN, [
        S("active", "2021-03", None, ("ann-d1-austin-kishi", "ann-d2-invade-taiwan"),
          "From the earliest passage in the sources that plans for a Chinese attack on Taiwan (March 2021); "
          "the threat itself is older."),
    ], directed=True),
    R("jpn-twn-support", "security-cooperation", ("jpn", "twn"), "Japanese support for Taiwan's security", TAIWAN, [
        S("active", "2021-03", None, ("ann-d1-austin-kishi", "ann-d1-white-paper"),
          "No treaty: Japan's defence minister confirmed US forces in Japan could use Japanese bases to support "
          "Taiwan (March 2021); the 2022 white paper calls Taiwan's autonomy a critical security issue."),
    ]),
    R("usa-twn-support", "security-cooperation", ("usa", "twn"), "US support for Taiwan's defence", TAIWAN, [
        S("active", "1979", None, ("ann-d1-allies", "ann-d1-austin-kishi", "ann-d2-other-partners"),
          f"Start: the Taiwan Relations Act of 1979 ({CONTEXT_NOTE}). The sources show Washington counting on "
          "Taiwan and strengthening its 'ability to defend Taiwan'."),
    ]),
    R("usa-aus-alliance", "alliance", ("usa", "aus"), "US–Australia alliance", US_OTHER, [
        S("active", "1951-09", None, ("ann-d2-other-partners",),
          f"Start: the ANZUS treaty, September 1951 ({CONTEXT_NOTE}). The source: military ties being "
          "strengthened 'recently'."),
    ]),
    R("usa-phl-alliance", "alliance", ("usa", "phl"), "US–Philippines alliance", US_OTHER, [
        S("active", "1951-08", None, ("ann-d2-other-partners",),
          f"Start: the Mutual Defense Treaty, August 1951 ({CONTEXT_NOTE}). The source: military ties being "
          "strengthened 'recently'."),
    ]),
    R("usa-ind-cooperation", "security-cooperation", ("usa", "ind"), "US–India defence cooperation", US_OTHER, [
        S("active", "2016-06", None, ("ann-d2-other-partners",),
          f"Start: India's designation as a US Major Defense Partner, June 2016 ({CONTEXT_NOTE}). The source: "
          "military ties being strengthened 'recently'."),
    ]),
)


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------

def E(id_: str, date: str, title: str, kind: str, participants: tuple[str, ...], lane: str,
      evidence: tuple[str, ...], end: str | None = None, description: str = "", note: str = "") -> Event:
    return Event(id=id_, date=PartialDate.parse(date), end=PartialDate.parse(end) if end else None, title=title,
                 kind=kind, participants=participants, lane=lane, evidence=evidence, description=description,
                 note=note)


EVENTS = (
    E("ev-colonial-rule", "1910", "Japanese colonial rule of Korea", "history", ("jpn", "kor", "colonial-rule"), JK,
      ("ann-d2-colonial", "ann-d1-occupation", "ann-d1-xnumx"), end="1945",
      note="Both articles give 1910–1945. One also speaks of abuses 'throughout the first part of the XNUMXth "
           "century', a garble for the 20th century."),
    E("ev-cold-war", "1947", "Cold War", "history", ("usa", "sun", "cold-war"), "Context",
      ("ann-d1-cold-war", "ann-d1-europe"), end="1991",
      note=f"The article says only 'from the end of the 40s'; the 1947–1991 span is {CONTEXT_NOTE}."),
    E("ev-1965-settlement", "1965", "Treaty on Basic Relations and claims settlement", "treaty",
      ("jpn", "kor", "treaty-1965"), JK, ("ann-d1-settlements", "ann-d2-broken-promises"),
      note=f"The article says 'agreements and economic compensation granted in 1965'; the treaty and claims "
           f"agreement were signed on 22 June 1965 ({CONTEXT_NOTE})."),
    E("ev-1998-declaration", "1998", "Japan–ROK Joint Declaration", "treaty", ("jpn", "kor", "declaration-1998"), JK,
      ("ann-d1-settlements",),
      note="The article says the question was settled 'then in 1998'; identifying this with the October 1998 "
           "Kim–Obuchi Joint Declaration (Japan's apology) is our reading."),
    E("ev-forced-labour-dispute", "2019", "Forced-labour dispute escalates after Supreme Court ruling", "dispute",
      ("kor", "jpn", "kor-supreme-court", "moon", "forced-labour"), JK,
      ("ann-d1-deterioration-2019", "ann-d2-gsomia-end-2019"),
      note="The articles put the height of the dispute in 2019. The Supreme Court rulings were issued on "
           f"30 October and 29 November 2018 and ordered Japanese companies to pay ({CONTEXT_NOTE}); one article "
           "misdescribes them as upholding 'a government decision requiring payment by Japan'."),
    E("ev-export-controls-2019", "2019-07", "Japan restricts exports of semiconductor chemicals to South Korea",
      "trade", ("jpn", "kor"), JK, ("ann-d2-export-restrictions",),
      note=f"The article says 2019; the month (from 4 July 2019) is {CONTEXT_NOTE}."),
    E("ev-white-list-removal-2019", "2019-08", "Japan and South Korea remove each other from their white lists",
      "trade", ("jpn", "kor", "white-list"), JK, ("ann-d2-whitelist-removal",), end="2019-09",
      note=f"The article says 2019; Japan acted in August and South Korea in September 2019 ({CONTEXT_NOTE})."),
    E("ev-gsomia-termination-notice", "2019-08", "Seoul announces it will end the intelligence-sharing accord",
      "security", ("kor", "jpn", "gsomia"), JK, ("ann-d2-gsomia-end-2019",),
      note=f"The article says 2019; the notice of 22 August 2019 is {CONTEXT_NOTE}."),
    E("ev-wto-complaint", "2019-09", "Seoul files a WTO complaint against Japan's export controls", "trade",
      ("kor", "jpn", "wto"), JK, ("ann-d2-wto-complaint",),
      note=f"The article places it in 2019; filed 11 September 2019 ({CONTEXT_NOTE})."),
    E("ev-austin-visit", "2021-03", "Austin visits Japan; Kishi confirms US forces may use Japanese bases for Taiwan",
      "security", ("usa", "jpn", "austin", "kishi", "usfj", "twn"), US_J, ("ann-d1-austin-kishi",),
      note=f"The visit was for the 16 March 2021 US–Japan '2+2' talks in Tokyo ({CONTEXT_NOTE})."),
    E("ev-kishida-in-office", "2021-10", "Fumio Kishida becomes Prime Minister of Japan", "politics",
      ("kishida", "jpn"), JK, ("ann-d1-new-leaders",),
      note=f"The article speaks of 'new leaders in Japan and South Korea'; the date is {CONTEXT_NOTE}."),
    E("ev-russia-invades-ukraine", "2022-02", "Russia's full-scale invasion of Ukraine", "war",
      ("rus", "ukr", "ukraine-invasion"), "Context", ("ann-d2-common-threats", "ann-d2-invade-taiwan"),
      note=f"The date (24 February 2022) is {CONTEXT_NOTE}."),
    E("ev-yoon-in-office", "2022-05", "Yoon Suk Yeol becomes President of South Korea", "politics",
      ("yoon", "kor"), JK, ("ann-d1-new-leaders",),
      note=f"Inaugurated 10 May 2022 ({CONTEXT_NOTE})."),
    E("ev-nato-summit-2022", "2022-06", "Japan and South Korea attend the NATO summit", "diplomacy",
      ("jpn", "kor", "nato"), TRI, ("ann-d2-nato-summit",),
      note="'Last summer' in an April 2023 article: summer 2022, i.e. the Madrid summit of 28–30 June 2022 "
           f"({CONTEXT_NOTE})."),
    E("ev-white-paper-2022", "2022-07", "Japan's 2022 defence white paper names China and Russia major threats",
      "policy", ("jpn", "chn", "rus", "twn"), THREATS, ("ann-d1-white-paper",),
      note="The article says 'the summer of 2022'; the white paper was released on 22 July 2022 "
           f"({CONTEXT_NOTE})."),
    E("ev-park-jin-plan", "2022", "Park Jin says Seoul is working on a new plan for ties with Japan", "diplomacy",
      ("park-jin", "kor", "jpn"), JK, ("ann-d1-park-jin",),
      note="'This weekend' relative to an undated article estimated at mid/late 2022; only the year is "
           "supported."),
    E("ev-missile-launches-2022", "2022", "North Korea fires about 88 ballistic and cruise missiles", "military",
      ("prk", "sea-of-japan"), THREATS, ("ann-d1-missiles-garble",),
      note="The source reads 'fired nearly 2022 ballistic and cruise missiles in 88': the count and the year are "
           "swapped. Recorded as about 88 missiles in 2022."),
    E("ev-missiles-over-japan", "2022-10", "North Korea fires missiles over Japan and threatens a nuclear strike on "
      "South Korea", "military", ("prk", "jpn", "kor"), THREATS, ("ann-d2-nk-threat",), end="2023-04",
      note="'In recent months' before late April 2023. The start is the overflight of 4 October 2022 "
           f"({CONTEXT_NOTE})."),
    E("ev-chip4-proposal", "2022", "Washington proposes the Chip 4 Alliance", "trade",
      ("usa", "kor", "jpn", "twn", "chip4"), GROUPS, ("ann-d2-chip4",),
      note="'Last year' in an April 2023 article."),
    E("ev-phnom-penh-summit", "2022-11", "Phnom Penh summit: real-time missile-warning data sharing agreed",
      "security", ("usa", "jpn", "kor", "biden", "kishida", "yoon", "phnom-penh"), TRI, ("ann-d2-phnom-penh",),
      note=f"'Last November' in an April 2023 article; the meeting was on 13 November 2022 ({CONTEXT_NOTE})."),
    E("ev-kim-han-kwon-paper", "2023-02", "Kim Han-kwon paper on the Taiwan Strait and US alliances", "analysis",
      ("kim-han-kwon", "ifans"), TAIWAN, ("ann-d2-kim-han-kwon", "ann-d2-kim-quote"),
      note="'In February' in an April 2023 article (the source garbles 'wrote in a paper' as 'wrote in a "
           "statement. paper')."),
    E("ev-forced-labour-steps", "2023-03", "Seoul and Tokyo take steps on the forced-labour dispute", "diplomacy",
      ("kor", "jpn", "forced-labour"), JK, ("ann-d2-forced-labour-steps",),
      note=f"Seoul announced its third-party compensation plan on 6 March 2023 ({CONTEXT_NOTE})."),
    E("ev-gsomia-restored", "2023-03", "Seoul formally restores the intelligence-sharing accord", "security",
      ("kor", "jpn", "gsomia"), JK, ("ann-d2-gsomia-restored",)),
    E("ev-export-controls-lifted", "2023-03", "Tokyo and Seoul agree to lift the export controls", "trade",
      ("jpn", "kor"), JK, ("ann-d2-controls-lifted",),
      note="'Last month' in an article of late April 2023."),
    E("ev-wto-complaint-withdrawn", "2023-03", "Seoul withdraws its WTO complaint", "trade", ("kor", "jpn", "wto"),
      JK, ("ann-d2-wto-withdrawn",), note="'Last month' in an article of late April 2023."),
    E("ev-econ-security-dialogue", "2023-03", "Agreement to start an economic security dialogue", "trade",
      ("kor", "jpn", "econ-security-dialogue"), JK, ("ann-d2-econ-dialogue",)),
    E("ev-blinken-statement", "2023-03", "Blinken calls the trilateral relationship central to a free and open "
      "Indo-Pacific", "diplomacy", ("blinken", "usa", "jpn", "kor"), TRI, ("ann-d2-blinken",)),
    E("ev-white-list-restored", "2023-04", "South Korea restores Japan's privileged trading partner status",
      "trade", ("kor", "jpn", "white-list"), JK, ("ann-d2-whitelist-restored",),
      note="'This week' in an article of the week of 24 April 2023."),
    E("ev-yoon-kneel-remark", "2023-04", "Yoon: Japan should not be expected to 'kneel' over history",
      "politics", ("yoon", "jpn"), JK, ("ann-d2-kneel",),
      note="'This week' in an article of the week of 24 April 2023."),
    E("ev-yoon-state-visit", "2023-04", "Yoon Suk Yeol's state visit to Washington", "diplomacy",
      ("yoon", "biden", "kor", "usa"), US_K, ("ann-d2-state-visit",),
      note="'This week' in an article of the week of 24 April 2023."),
    E("ev-state-dinner", "2023-04-26", "White House state dinner for Yoon Suk Yeol", "diplomacy",
      ("yoon", "biden", "kor", "usa"), US_K, ("ann-d2-state-visit",),
      note="'On Wednesday' of the article's week (24–30 April 2023): Wednesday 26 April 2023."),
    E("ev-congress-speech", "2023-04-27", "Yoon addresses the US Congress", "diplomacy",
      ("yoon", "us-congress", "kor", "usa"), US_K, ("ann-d2-state-visit",),
      note="'The next day' after the Wednesday state dinner: Thursday 27 April 2023."),
)


# ---------------------------------------------------------------------------
# Briefing
# ---------------------------------------------------------------------------

BRIEFING = Briefing(
    title="Japan–South Korea rapprochement and US–Japan–ROK security cooperation",
    subtitle="From the 2019 rupture to the April 2023 state visit",
    author="Briefing desk example",
    classification="UNCLASSIFIED // EXAMPLE",
    as_of=PartialDate.parse("2023-04-30"),
    bluf=(
        "Japan and South Korea, the two main US allies in East Asia, are moving from the 2019 rupture over "
        "wartime forced labour towards détente. In March 2023 Seoul formally restored the military "
        "intelligence-sharing agreement it had moved to end in 2019; Tokyo and Seoul agreed to lift Japan's "
        "2019 export controls on semiconductor chemicals and to start an economic security dialogue; Seoul "
        "withdrew its WTO complaint and, in April, restored Japan's status as a privileged trading partner.\n"
        "\n"
        "The driver is a shared threat: North Korea's missiles (about 88 fired in 2022, some over Japan) and "
        "nuclear threats, China's ambitions, including towards Taiwan, and Chinese and Russian military "
        "activity near both countries. Washington is building on it: at Phnom Penh in November 2022 the three "
        "leaders agreed to share real-time North Korean missile-warning data, trilateral exercises have grown, "
        "and Yoon Suk Yeol's state visit to Washington in late April 2023 aims to keep the momentum. The "
        "history dispute is being addressed, not settled, and nationalist politics have undone progress "
        "before.\n"
    ),
)

VOCABULARY = Vocabulary(relation_states=("agreed",))


# ---------------------------------------------------------------------------
# Assembly and checks
# ---------------------------------------------------------------------------

def build(seeds: Path | None = DEFAULT_SEEDS, data_dir: Path = DATA) -> Workspace:
    """The example workspace, with its documents installed in ``data_dir``.

    Raises:
        BuildError: a quote does not anchor, or an id is missing.
    """
    texts = install_documents(seeds, data_dir)
    documents = []
    for d in DOCS:
        raw = (data_dir / d.path).read_bytes()
        extra = {"reliability_note": d.reliability_note}
        if d.title_note:
            extra["title_note"] = d.title_note
        documents.append(Document(
            id=d.id, title=d.title, path=d.path, publisher=d.publisher,
            published=PartialDate.parse(d.published), published_estimated=True, published_note=d.published_note,
            sha256=sha256_bytes(raw), reliability=d.reliability, language="en", extra=extra,
        ))
    ws = Workspace(
        briefing=BRIEFING, entities=ENTITIES, relations=RELATIONS, events=EVENTS, documents=tuple(documents),
        annotations=build_annotations(texts), vocabulary=VOCABULARY, root=data_dir,
    )
    check(ws, texts)
    return ws


def check(ws: Workspace, texts: dict[str, str]) -> None:
    """Refuse a workspace whose claims lack evidence or whose references dangle."""
    errors = []
    anns = ws.annotation_by_id
    ents = ws.entity_by_id
    for r in ws.relations:
        if not r.states:
            errors.append(f"relation {r.id} has no states")
        for i, s in enumerate(r.states):
            if not s.evidence:
                errors.append(f"relation {r.id} state {i + 1} has no evidence")
            errors += [f"relation {r.id}: unknown annotation {a}" for a in s.evidence if a not in anns]
        errors += [f"relation {r.id}: unknown member {m}" for m in r.members if m not in ents]
    for e in ws.events:
        if not e.evidence:
            errors.append(f"event {e.id} has no evidence")
        errors += [f"event {e.id}: unknown annotation {a}" for a in e.evidence if a not in anns]
        errors += [f"event {e.id}: unknown participant {p}" for p in e.participants if p not in ents]
    for a in ws.annotations:
        errors += [f"annotation {a.id}: unknown entity {x}" for x in a.entities if x not in ents]
        sel = a.selector
        if texts[a.document][sel.start:sel.end] != sel.exact:
            errors.append(f"annotation {a.id}: selector does not re-anchor")
    for kind, items in (("entity", ws.entities), ("relation", ws.relations), ("event", ws.events),
                        ("annotation", ws.annotations)):
        ids = [x.id for x in items]
        errors += [f"duplicate {kind} id {x}" for x in sorted({i for i in ids if ids.count(i) > 1})]
    if errors:
        raise BuildError("\n".join(errors))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS,
                        help="folder holding the seed articles (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when the committed workspace differs from the build")
    args = parser.parse_args(argv)
    try:
        ws = build(args.seeds if args.seeds.is_dir() else None)
    except BuildError as exc:
        print(f"build_example: {exc}", file=sys.stderr)
        return 1
    text = dump_workspace(ws)
    if args.check:
        current = WORKSPACE_FILE.read_text(encoding="utf-8") if WORKSPACE_FILE.is_file() else ""
        if current != text:
            print(f"{WORKSPACE_FILE} is stale: run scripts/build_example.py", file=sys.stderr)
            return 1
        return 0
    save_workspace(ws, WORKSPACE_FILE, backup=False)
    result = read_workspace(WORKSPACE_FILE)
    for p in result.problems:
        print(p, file=sys.stderr)
    if result.problems:
        return 1
    print(f"wrote {WORKSPACE_FILE.relative_to(ROOT)}: {len(ws.entities)} entities, {len(ws.relations)} relations, "
          f"{len(ws.events)} events, {len(ws.annotations)} annotations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
