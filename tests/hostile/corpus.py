"""Hostile workspace files, one per class of fault that used to crash, hang or change data.

Each case is ``(name, bytes, (line, col))``: the file, and where the first
problem must be reported (``None`` when only "some position ≥ 1" is known).
The files are built in code so that the corpus documents itself.
"""

from __future__ import annotations

HEAD = "schema: 1\nbriefing:\n  title: Hostile\n"
ENTITY = "entities:\n- id: jpn\n  name: Japan\n  type: country\n"


def _ws(briefing_extra: str = "", entity_extra: str = "", tail: str = "") -> bytes:
    return (HEAD + briefing_extra + ENTITY + entity_extra + tail).encode("utf-8")


BIG_INT = "9" * 5000
ALIAS_BOMB = (  # the 395-byte classic: 9 levels of 9 aliases
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
)

# Files that must be refused with a message at a place, and never change on disk.
REFUSED: list[tuple[str, bytes, tuple[int, int] | None]] = [
    ("impossible-day-unquoted", _ws("  as_of: 2023-02-30\n"), (4, 3)),
    ("impossible-month-unquoted", _ws("  as_of: 2023-13-01\n"), (4, 3)),
    ("impossible-day-quoted", _ws("  as_of: '2023-02-30'\n"), (4, 3)),
    ("impossible-event-date", _ws(tail="events:\n- id: e1\n  title: T\n  date: 2023-02-29\n"), (11, 3)),
    ("impossible-state-from", _ws(tail="relations:\n- id: r\n  kind: alliance\n  members: [jpn, jpn2]\n"
                                       "  states:\n  - {state: active, from: 2021-04-31}\n"), None),
    ("float-tag-garbage", _ws(entity_extra="  lat: !!float abc\n  lon: 1\n"), (8, 8)),
    ("timestamp-tag-garbage-as-date", _ws("  as_of: !!timestamp nope\n"), (4, 3)),
    ("timestamp-tag-impossible", _ws("  as_of: !!timestamp 2023-02-30\n"), (4, 3)),
    ("int-tag-garbage", _ws(entity_extra="  lat: !!int x\n"), (8, 8)),
    ("bool-tag-garbage", _ws(entity_extra="  flag: !!bool maybe\n"), (8, 9)),
    ("null-tag-with-text", _ws(entity_extra="  note: !!null something\n"), (8, 9)),
    ("5000-digit-int-lat", _ws(entity_extra=f"  lat: {BIG_INT}\n  lon: 1\n"), (8, 8)),
    ("5000-digit-int-unknown-key", _ws(entity_extra=f"  serial: {BIG_INT}\n"), (8, 11)),
    ("5000-digit-int-key", _ws(entity_extra=f"  ? {BIG_INT}\n  : x\n"), (8, 5)),
    ("omap-tag", _ws(entity_extra="  extra: !!omap [{a: 1}]\n"), (8, 10)),
    ("pairs-tag", _ws(entity_extra="  extra: !!pairs [{a: 1}]\n"), (8, 10)),
    ("set-tag", _ws(entity_extra="  extra: !!set {a, b}\n"), (8, 10)),
    ("binary-tag", _ws(entity_extra="  extra: !!binary AAAA\n"), (8, 10)),
    ("python-tag", _ws(entity_extra="  extra: !!python/object/apply:os.system [echo hi]\n"), (8, 10)),
    ("local-tag", _ws(entity_extra="  extra: !secret x\n"), (8, 10)),
    ("merge-key", _ws(entity_extra="  <<: {country: JPN}\n"), (8, 3)),
    ("alias", _ws(entity_extra="  a: &x 1\n  b: *x\n"), (8, 6)),
    ("alias-bomb", ALIAS_BOMB.encode(), None),
    ("links-mapping", _ws(entity_extra="  links: {home: 'https://example.org'}\n"), (8, 3)),
    ("links-number", _ws(entity_extra="  links: 5\n"), (8, 3)),
    ("links-nested", _ws(entity_extra="  links: [[a, b]]\n"), (8, 11)),
    ("int-and-bool-key", _ws(entity_extra="  1: one\n  true: yes\n"), (9, 3)),
    ("section-zero", (HEAD + "entities: 0\n").encode(), (4, 1)),
    ("section-false", (HEAD + "vocabulary: false\n" + ENTITY).encode(), (4, 1)),
    ("states-empty-text", _ws(tail="relations:\n- {id: r, kind: alliance, members: [jpn, jpn], states: ''}\n"),
     None),
    ("duplicate-key", _ws(entity_extra="  name: Nippon\n"), (8, 3)),
    ("invalid-utf8", HEAD.encode() + b"  subtitle: \xff\xfe\n", (4, 13)),
    ("control-character", HEAD.encode() + b"  subtitle: a\x07b\n", (4, 14)),
    ("hex-year", _ws("  as_of: 0x7E7\n"), (4, 3)),
    ("underscored-year", _ws("  as_of: 20_23\n"), (4, 3)),
    ("nul-byte-in-file", HEAD.encode() + b"  subtitle: a\x00b\n", None),
    ("top-level-list", b"- a\n- b\n", (1, 1)),
    ("two-documents", HEAD.encode() + b"---\nschema: 1\n", None),
    ("deep-flow", ("a: " + "[" * 200 + "]" * 200 + "\n").encode(), None),
    ("document-path-nul", _ws(tail='documents:\n- id: d\n  title: D\n  path: "documents/a\\0b.txt"\n'), (11, 3)),
    ("document-path-overlong", _ws(tail=f"documents:\n- id: d\n  title: D\n  path: documents/{'n' * 300}.txt\n"),
     (11, 3)),
]

# Files that open, whose odd values must survive `fmt` exactly (compared as models).
LOSSLESS: list[tuple[str, bytes]] = [
    ("alias-unknown-key", _ws(entity_extra="  aliases:\n  - {text: Nippon, case: exact, lang: ja, since: 1870}\n")),
    ("selector-unknown-key", (HEAD + ENTITY + "documents:\n- {id: d, title: D, path: documents/d.txt}\n"
                              "annotations:\n- id: a\n  document: d\n  selector: {exact: Jap, start: 0, end: 3, "
                              "source: {kind: css, value: p}}\n").encode()),
    ("vocabulary-unknown-key", (HEAD + "vocabulary:\n  entity_types: [fleet]\n  colours: {fleet: '#123'}\n"
                                + ENTITY).encode()),
    ("sexagesimal-name", _ws(tail="- id: t\n  name: 1:20\n  type: place\n")),
    ("hex-octal-underscore-text", _ws(tail="- id: t\n  name: 0x1F\n  type: place\n  description: 0o17\n"
                                           "  lane: 1_000\n")),
    ("odd-numbers-unknown-keys", _ws(entity_extra="  a: 0x1F\n  b: 1:20\n  c: 017\n  d: 1_000\n  e: +5\n"
                                                  "  f: 1.50\n  g: 1e3\n  h: .inf\n  i: -0\n")),
    ("int-and-str-keys", _ws(entity_extra="  1: one as a number\n  '1': one as text\n"
                                          "  null: a null key\n  1.5: a float key\n")),
    # (`1` and `true` are one key to YAML 1.1 readers: refused as a duplicate, see REFUSED)
    ("unquoted-dates-and-times", (HEAD + "  as_of: 2023-04-30\n" + ENTITY
                                  + "  founded: 1948-08-15\n  seen: 2023-04-30T12:00:00Z\n"
                                  + "  when: 2023-04-30 12:00:00\n").encode()),
    ("timestamp-tag-valid", _ws("  as_of: !!timestamp 2023-04-30\n")),
    ("explicit-str-tags", _ws(entity_extra="  code: !!str 0x1F\n  n: !!int 7\n  f: !!float 2\n")),
    ("ids-as-odd-numbers", _ws(tail="- id: 0x10\n  name: Sixteen\n  type: place\n"
                                    "relations:\n- id: r\n  kind: alliance\n  members: [jpn, 0x10]\n")),
    ("empty-values-with-defaults", b"schema: 1\nbriefing:\n  title: ''\n  classification: ''\nentities: []\n"
     b"documents:\n- {id: d, title: D, path: documents/d.txt, language: ''}\n"
     b"annotations:\n- {id: a, document: d, tag: '', selector: {exact: x, start: 0, end: 1}}\n"),
    ("nested-unknown", _ws(tail="- id: x\n  name: X\n  type: place\n  meta: {a: [1, {b: 0o7}], 2: [yes, ~]}\n")),
]
