"""Tests of the alias matcher, including a property test against a brute-force reference."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.analysis.matcher import AliasMatcher, Mention
from briefing_app.model.types import Alias, Entity, Workspace

GAZETTEER = [
    ("Japan", "jpn", "auto"),
    ("Japanese", "jpn", "auto"),
    ("South Korea", "kor", "auto"),
    ("Korea", "kor", "auto"),
    ("ROK", "kor", "auto"),
    ("US", "usa", "auto"),
    ("U.S.", "usa", "auto"),
    ("United States", "usa", "auto"),
    ("윤석열", "yoon", "auto"),
    ("岸田文雄", "kishida", "auto"),
    ("日本", "jpn", "auto"),
    ("Camp David Summit", "camp-david", "auto"),
    ("Camp David", "camp-david-place", "auto"),
]


def spans(matcher: AliasMatcher, text: str) -> list[tuple[str, str]]:
    """(matched text, entity id) pairs, for readable assertions."""
    return [(text[m.start : m.end], m.entity_id) for m in matcher.find(text)]


@pytest.fixture(scope="module")
def matcher() -> AliasMatcher:
    return AliasMatcher(GAZETTEER)


def test_mention_offsets_and_alias(matcher: AliasMatcher) -> None:
    text = "Talks in Japan."
    assert matcher.find(text) == [Mention(9, 14, "jpn", "Japan")]


def test_whole_words_only(matcher: AliasMatcher) -> None:
    assert spans(matcher, "Japanese Koreans Japans xJapan Japan2 Japan_") == [("Japanese", "jpn")]
    # Non-ASCII letters glue on too; non-ASCII punctuation does not.
    assert spans(matcher, "éJapan Japané ÅKorea «Japan» “Korea”") == [("Japan", "jpn"), ("Korea", "kor")]


def test_longest_match_wins(matcher: AliasMatcher) -> None:
    assert spans(matcher, "South Korea and Korea met at the Camp David Summit near Camp David.") == [
        ("South Korea", "kor"),
        ("Korea", "kor"),
        ("Camp David Summit", "camp-david"),
        ("Camp David", "camp-david-place"),
    ]


def test_leftmost_wins_over_later_longer() -> None:
    m = AliasMatcher([("A B", "ab", "auto"), ("B C D", "bcd", "auto")])
    assert spans(m, "A B C D") == [("A B", "ab")]


def test_auto_acronym_is_case_sensitive(matcher: AliasMatcher) -> None:
    assert spans(matcher, "let us see; the US and Us and us") == [("US", "usa")]
    assert spans(matcher, "rok ROK Rok") == [("ROK", "kor")]


def test_auto_with_lowercase_ignores_case(matcher: AliasMatcher) -> None:
    assert spans(matcher, "JAPAN japan Japan jApAn") == [(w, "jpn") for w in ("JAPAN", "japan", "Japan", "jApAn")]


def test_dotted_acronym_exact_and_not_inside_longer(matcher: AliasMatcher) -> None:
    assert spans(matcher, "the U.S. and the u.s. and the U.S.S.R.") == [("U.S.", "usa")]
    assert spans(matcher, "in the U.S.") == [("U.S.", "usa")]


def test_explicit_rules_override_auto() -> None:
    m = AliasMatcher([("nato", "nato", "exact"), ("UN", "un", "ignore")])
    assert spans(m, "NATO nato Nato") == [("nato", "nato")]
    assert spans(m, "UN un Un") == [("UN", "un"), ("un", "un"), ("Un", "un")]


def test_possessives(matcher: AliasMatcher) -> None:
    assert spans(matcher, "Japan's and Japan’s and the United States' and ROK's") == [
        ("Japan", "jpn"),
        ("Japan", "jpn"),
        ("United States", "usa"),
        ("ROK", "kor"),
    ]


def test_hyphenated_compounds(matcher: AliasMatcher) -> None:
    assert spans(matcher, "Japan-South Korea ties and U.S.-Japan-ROK drills") == [
        ("Japan", "jpn"),
        ("South Korea", "kor"),
        ("U.S.", "usa"),
        ("Japan", "jpn"),
        ("ROK", "kor"),
    ]


def test_cjk_aliases_match_without_word_boundaries(matcher: AliasMatcher) -> None:
    text = "윤석열은 대통령이다. 岸田文雄首相は日本の首相。"
    assert spans(matcher, text) == [("윤석열", "yoon"), ("岸田文雄", "kishida"), ("日本", "jpn")]


def test_latin_alias_next_to_cjk_text() -> None:
    m = AliasMatcher([("G7", "g7", "auto")])
    assert spans(m, "G7サミット G70 xG7") == [("G7", "g7")]


def test_ambiguous_alias_is_deterministic_and_reported() -> None:
    entries = [("Korea", "kor", "auto"), ("Korea", "prk", "auto"), ("Georgia", "geo", "auto")]
    m = AliasMatcher(entries)
    assert [x.entity_id for x in m.find("Korea, korea")] == ["kor", "kor"]
    assert m.ambiguous == {"Korea": ("kor", "prk")}
    reversed_m = AliasMatcher(list(reversed(entries)))
    assert [x.entity_id for x in reversed_m.find("Korea")] == ["prk"]


def test_exact_alias_beats_insensitive_one_on_same_span() -> None:
    m = AliasMatcher([("us", "pronoun", "ignore"), ("US", "usa", "auto")])
    assert spans(m, "US us") == [("US", "usa"), ("us", "pronoun")]
    # "US" could also be the case-insensitive "us"; plain "us" means only one thing.
    assert m.ambiguous == {"US": ("usa", "pronoun")}


def test_unicode_case_folding() -> None:
    m = AliasMatcher([("İstanbul", "ist", "auto"), ("Ελλάς", "grc", "auto"), ("Straße", "str", "auto")])
    assert spans(m, "ISTANBUL istanbul İSTANBUL") == [(w, "ist") for w in ("ISTANBUL", "istanbul", "İSTANBUL")]
    assert spans(m, "ΕΛΛΆΣ ελλάς") == [("ΕΛΛΆΣ", "grc"), ("ελλάς", "grc")]
    assert spans(m, "STRASSE straße STRAẞE") == [("straße", "str"), ("STRAẞE", "str")]


def test_offsets_stay_right_after_length_changing_characters() -> None:
    # "İ".lower() is two characters; offsets must still point into the original text.
    m = AliasMatcher([("Japan", "jpn", "auto")])
    text = "İİİ Japan"
    (mention,) = m.find(text)
    assert text[mention.start : mention.end] == "Japan"


def test_aliases_are_stripped_and_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Côte d'Ivoire")
    m = AliasMatcher([(f"  {decomposed} ", "civ", "auto"), ("   ", "blank", "auto")])
    assert spans(m, "In Côte d'Ivoire today") == [("Côte d'Ivoire", "civ")]


def test_empty_inputs() -> None:
    assert AliasMatcher([]).find("Japan") == []
    assert AliasMatcher(GAZETTEER).find("") == []
    assert len(AliasMatcher([])) == 0


def test_bad_input_gets_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown case rule 'loose'"):
        AliasMatcher([("Japan", "jpn", "loose")])
    with pytest.raises(ValueError, match="expected"):
        AliasMatcher([("Japan", "jpn")])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="three strings"):
        AliasMatcher([("Japan", 3, "auto")])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="expects str"):
        AliasMatcher(GAZETTEER).find(b"Japan")  # type: ignore[arg-type]


def test_from_workspace_uses_surface_forms_and_case_rules() -> None:
    ws = Workspace(
        entities=(
            Entity(
                "kor",
                "South Korea",
                "country",
                aliases=(Alias("ROK"), Alias("Seoul"), Alias("한국", case="exact"), Alias("korea", case="weird")),
            ),
            Entity("usa", "United States", "country", aliases=(Alias("US"), Alias("america", case="exact"))),
        )
    )
    m = AliasMatcher.from_workspace(ws)
    text = "south korea, ROK, rok, SEOUL, 한국, Korea, US, us, America, america"
    assert spans(m, text) == [
        ("south korea", "kor"),
        ("ROK", "kor"),
        ("SEOUL", "kor"),
        ("한국", "kor"),
        ("Korea", "kor"),  # unknown rule read as auto
        ("US", "usa"),
        ("america", "usa"),
    ]


def test_multiword_alias_matches_across_any_whitespace_run() -> None:
    m = AliasMatcher([("South Korea", "kor", "auto"), ("Korea", "korea", "auto"), ("U.S. Forces  Korea", "usfk", "auto")])
    for gap in ("  ", "\t", "\n", " \n ", "\r\n", "\u00a0", "\u3000", " \t \n  "):
        text = f"In South{gap}Korea's capital."
        (mention,) = m.find(text)
        assert (mention.start, mention.end) == (3, text.index("Korea") + 5), repr(gap)
        assert (mention.entity_id, mention.alias) == ("kor", "South Korea")
    # The gazetteer's own spacing does not matter either.
    assert spans(m, "U.S. Forces\nKorea") == [("U.S. Forces\nKorea", "usfk")]


def test_paragraph_break_separates_alias_words() -> None:
    m = AliasMatcher([("South Korea", "kor", "auto"), ("Korea", "korea", "auto")])
    assert spans(m, "the South\n\nKorea") == [("Korea", "korea")]
    assert spans(m, "the South \r\n \r\nKorea") == [("Korea", "korea")]


def test_offsets_stay_python_offsets_after_squashed_whitespace() -> None:
    m = AliasMatcher([("South Korea", "kor", "auto"), ("Japan", "jpn", "auto"), ("日本", "jpn", "auto")])
    text = "😀\u00a0\u00a0Japan\t\t日本 and South\n  Korea,  😀 Japan\n"
    found = m.find(text)
    assert [text[x.start : x.end] for x in found] == ["Japan", "日本", "South\n  Korea", "Japan"]


def test_single_word_aliases_unaffected_by_whitespace() -> None:
    m = AliasMatcher([("Japan", "jpn", "auto")])
    assert spans(m, "Japan\n\tJapan  Japan\u2028Japan") == [("Japan", "jpn")] * 4


def test_shorter_alias_found_where_the_longest_is_rejected() -> None:
    m = AliasMatcher([("South Korea", "kor", "auto"), ("South", "south", "auto"), ("Korea", "korea", "auto")])
    assert spans(m, "South Koreans and South Korea") == [("South", "south"), ("South Korea", "kor")]


def test_alias_starting_inside_a_rejected_match_may_reach_past_it() -> None:
    m = AliasMatcher([("a b", "ab", "auto"), ("b c", "bc", "auto"), ("c d", "cd", "auto"), ("d", "d", "auto")])
    # "a b" is glued to "x"; "b c" starts inside it and wins over the later "c d".
    assert spans(m, "xa b c d") == [("b c", "bc"), ("d", "d")]
    assert spans(m, "xa b c d and a b, c d") == [("b c", "bc"), ("d", "d"), ("a b", "ab"), ("c d", "cd")]


def test_many_rejected_multiword_matches_in_one_text() -> None:
    entries = [("South Korea", "kor", "auto"), ("Korea", "k", "auto"), ("South", "s", "auto"), ("Korean Sea", "ks", "auto")]
    text = "The South Koreans and South Korea. South Korean Sea, South Koreanx. " * 40
    assert AliasMatcher(entries).find(text) == reference_find(entries, text)
    # An alias holding a NUL byte (which otherwise separates the rescanned stretches).
    entries.append(("x\0y", "nul", "auto"))
    assert AliasMatcher(entries).find(text + "x\0y") == reference_find(entries, text + "x\0y")


# -- property test against a slow, obviously correct reference ---------------

_CJK_NAME_PREFIXES = ("CJK ", "HANGUL", "HIRAGANA", "KATAKANA")


def _ref_cjk(c: str) -> bool:
    return unicodedata.name(c, "").startswith(_CJK_NAME_PREFIXES)


def _ref_glues(c: str) -> bool:
    """A character that would extend a word: letter, digit or underscore, not CJK."""
    return (c.isalnum() or c == "_") and not _ref_cjk(c)


def _ref_fold_char(c: str) -> str:
    if c == "İ":
        return "i"
    low = c.lower()
    return "σ" if low == "ς" else low


def _ref_equal(a: str, b: str, exact: bool) -> bool:
    if exact:
        return a == b
    return len(a) == len(b) and all(_ref_fold_char(x) == _ref_fold_char(y) for x, y in zip(a, b))


def _ref_line_breaks(run: str) -> int:
    return len(f"x{run}x".splitlines()) - 1


def _ref_match_at(text: str, i: int, words: list[str], exact: bool) -> int | None:
    """End of the alias's words matched at ``i``, any whitespace run with <= 1 line break between them."""
    for n, word in enumerate(words):
        if n:
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j == i or _ref_line_breaks(text[i:j]) > 1:
                return None
            i = j
        if not _ref_equal(text[i : i + len(word)], word, exact):
            return None
        i += len(word)
    return i


def reference_find(entries: list[tuple[str, str, str]], text: str) -> list[Mention]:
    """Try every alias at every position, then take leftmost-longest greedily."""
    best: dict[tuple[int, int], tuple[tuple[int, int], str, str]] = {}
    for order, (raw, entity_id, rule) in enumerate(entries):
        words = unicodedata.normalize("NFC", raw).split()
        alias = " ".join(words)
        if not alias:
            continue
        exact = rule == "exact" or (rule == "auto" and not any(c.islower() for c in alias))
        for i in range(len(text)):
            end = _ref_match_at(text, i, words, exact)
            if end is None:
                continue
            if i > 0 and not _ref_cjk(alias[0]) and _ref_glues(text[i - 1]):
                continue
            if end < len(text) and not _ref_cjk(alias[-1]) and _ref_glues(text[end]):
                continue
            priority = (0 if exact else 1, order)  # exact first, then entry order
            if (i, end) not in best or priority < best[(i, end)][0]:
                best[(i, end)] = (priority, entity_id, alias)
    result = []
    reached = 0
    for (start, end), (_, entity_id, alias) in sorted(best.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if start >= reached:
            result.append(Mention(start, end, entity_id, alias))
            reached = end
    return result


ALPHABET = "aAbBİiıΣσς’'-. _1한국日本カé \n\t\r\u00a0\u3000"
aliases = st.text(alphabet=ALPHABET, min_size=1, max_size=4)
entries_strategy = st.lists(
    st.tuples(aliases, st.sampled_from(["e1", "e2", "e3"]), st.sampled_from(["auto", "exact", "ignore"])),
    min_size=1,
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(entries=entries_strategy, text=st.text(alphabet=ALPHABET, max_size=40))
def test_matches_reference(entries: list[tuple[str, str, str]], text: str) -> None:
    assert AliasMatcher(entries).find(text) == reference_find(entries, text)


@settings(max_examples=100, deadline=None)
@given(entries=entries_strategy, data=st.data())
def test_matches_reference_on_texts_built_from_aliases(entries: list[tuple[str, str, str]], data: st.DataObject) -> None:
    # Random text rarely contains the aliases; build text out of them and separators.
    pieces = [a for a, _, _ in entries] + [" ", "'s ", "-", "x", "日", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0"]
    parts = data.draw(st.lists(st.sampled_from(pieces), max_size=12))
    text = "".join(parts)
    if data.draw(st.booleans()):
        text = text.upper()
    assert AliasMatcher(entries).find(text) == reference_find(entries, text)


def test_the_written_out_wide_spaces_are_exactly_what_str_isspace_accepts() -> None:
    from briefing_app.analysis.matcher import whitespace

    assert whitespace._WIDE_SPACES.tolist() == [c for c in range(0x80, 0x110000) if chr(c).isspace()]


def test_glues_of_a_few_codes_and_of_many_agree_with_the_per_character_rule(monkeypatch) -> None:
    import numpy as np

    from briefing_app.analysis.matcher import boundaries

    sample = [0xE9, 0x2019, 0x2014, 0x4E2D, 0xAC00, 0x0661, 0x00B2, 0x1F600, 0x5F, 0x3000, 0xFF21]
    expected = [boundaries.glues(chr(c)) for c in sample]
    monkeypatch.setattr(boundaries, "_BMP_GLUES", None)
    few = boundaries._glues_codes(np.array(sample, dtype=np.uint32))  # one by one
    assert boundaries._BMP_GLUES is None  # the table was not built for them
    many = boundaries._glues_codes(np.array(sample * 300, dtype=np.uint32))  # through the table
    assert few.tolist() == expected and many.tolist() == expected * 300
