"""Article text and metadata from an HTML page, with the standard library only.

The importer's main text comes from trafilatura (:mod:`html_main`); this
extractor is the fallback when trafilatura finds nothing, and the source of
the page's own metadata. ``html.parser`` never runs a script, never fetches
anything (no network, no entity files) and is enough for a readability-like
heuristic:

1. skip what is never text: ``script``, ``style``, ``noscript``, ``template``,
   ``svg``, ``iframe``, ``object``, ``form``, ``button``, ``select``...;
2. skip what is page furniture: ``nav``, ``header``/``footer`` outside the
   article, ``aside``, ``menu``, and elements whose class or id says so
   ("nav", "menu", "footer", "share", "cookie", "related", "comment"...);
3. collect text blocks (paragraphs, headings, list items, quotes) with the
   share of their text that sits inside links;
4. when the page has ``<article>`` (or ``<main>``, or ``role=main``), keep
   the blocks inside the one with the most text; drop blocks that are mostly
   links (menus that escaped step 2).

Metadata: ``<title>``, Open Graph / article / Dublin Core meta tags,
JSON-LD ``datePublished``, ``<time datetime>``, ``link rel=canonical``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["HtmlArticle", "extract_html"]

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "form", "button",
         "select", "textarea", "video", "audio", "map", "head"}  # fmt: skip
_FURNITURE = {"nav", "aside", "menu", "dialog"}
_FURNITURE_OUTSIDE_ARTICLE = {"header", "footer"}
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|header|masthead|sidebar|side-bar|share|sharing|social|"
    r"cookie|consent|subscribe|newsletter|related|recommended|promo|advert|ads?|banner|breadcrumbs?|comments?|"
    r"popup|modal|skip|toolbar|pagination|tags|byline-share|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "dd", "dt", "td", "th",
          "div", "section", "article", "main", "br", "tr", "table", "ul", "ol", "dl", "figure", "address"}  # fmt: skip
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
_CONTAINERS = {"article", "main"}


@dataclass
class HtmlArticle:
    """What a page says about itself and its article text (paragraphs separated by blank lines)."""

    text: str
    title: str = ""
    publisher: str = ""
    published: str = ""  # as written in the page (ISO usually)
    url: str = ""
    author: str = ""


@dataclass
class _Block:
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    container: int = -1  # index of the <article>/<main> it sits in, -1 for none
    heading: bool = False

    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts)).strip()


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping this subtree)
        self.skip_depth = 0
        self.link_depth = 0
        self.blocks: list[_Block] = [_Block()]
        self.containers: list[int] = []  # open <article>/<main> indexes
        self.container_count = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.times: list[str] = []
        self.jsonld: list[str] = []
        self.in_jsonld = False

    # -- helpers -----------------------------------------------------------------------
    def _new_block(self, heading: bool = False) -> None:
        if self.blocks[-1].parts:
            self.blocks.append(_Block())
        self.blocks[-1].container = self.containers[-1] if self.containers else -1
        self.blocks[-1].heading = heading

    def _is_furniture(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in _SKIP or tag in _FURNITURE:
            return True
        if tag in _FURNITURE_OUTSIDE_ARTICLE and not self.containers:
            return True
        if attrs.get("role", "").lower() in ("navigation", "banner", "contentinfo", "complementary", "search"):
            return True
        if attrs.get("aria-hidden", "").lower() == "true" or "hidden" in attrs:
            return True
        if tag not in ("article", "main", "body", "html", "p") and _BOILERPLATE.search(
            (attrs.get("class", "") + " " + attrs.get("id", "")).strip()
        ):
            return True
        return False

    # -- HTMLParser callbacks ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key and "content" in attrs and key not in self.meta:
                self.meta[key] = attrs["content"].strip()
            return
        if tag == "link" and "canonical" in attrs.get("rel", "").lower():
            self.canonical = attrs.get("href", "")
            return
        if tag == "title" and not self.title:
            self.in_title = True
        if tag == "script" and "ld+json" in attrs.get("type", "").lower():
            self.in_jsonld = True
        if tag == "time" and attrs.get("datetime"):
            self.times.append(attrs["datetime"])
        if tag in _VOID:
            if tag == "br" and not self.skip_depth:
                self.blocks[-1].parts.append("\n")
            return
        skipping = self.skip_depth > 0 or self._is_furniture(tag, attrs)
        self.stack.append((tag, skipping))
        if skipping:
            self.skip_depth += 1
            return
        if tag in _CONTAINERS or attrs.get("role", "").lower() == "main" or attrs.get("itemprop") == "articleBody":
            self.containers.append(self.container_count)
            self.container_count += 1
            self.stack[-1] = (tag + "\0container", False)
        if tag == "a":
            self.link_depth += 1
        if tag in _BLOCK:
            self._new_block(heading=tag in ("h1", "h2", "h3", "h4", "h5", "h6"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_jsonld = False
        if tag in _VOID:
            return
        # Pop to the matching tag (HTML in the wild leaves tags open).
        for i in range(len(self.stack) - 1, -1, -1):
            name = self.stack[i][0]
            if name.split("\0")[0] == tag:
                for popped, skipping in reversed(self.stack[i:]):
                    if skipping:
                        self.skip_depth -= 1
                    elif popped.endswith("\0container") and self.containers:
                        self.containers.pop()
                    elif popped == "a" and self.link_depth:
                        self.link_depth -= 1
                del self.stack[i:]
                break
        if tag in _BLOCK and not self.skip_depth:
            self._new_block()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.in_jsonld:
            self.jsonld.append(data)
            return
        if self.skip_depth:
            return
        block = self.blocks[-1]
        block.parts.append(data)
        if self.link_depth:
            block.link_chars += len(data.strip())


def _published_from_jsonld(chunks: list[str]) -> tuple[str, str, str]:
    """(datePublished, publisher name, author name) from JSON-LD blocks, when present."""
    for chunk in chunks:
        try:
            data = json.loads("".join(chunk).strip() or "null")
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and "@graph" in item and isinstance(item["@graph"], list):
                items.extend(x for x in item["@graph"] if isinstance(x, dict))
        for item in items:
            if not isinstance(item, dict) or "datePublished" not in item:
                continue
            pub = item.get("publisher")
            author = item.get("author")
            pub_name = pub.get("name", "") if isinstance(pub, dict) else ""
            if isinstance(author, list):
                author = author[0] if author else None
            author_name = author.get("name", "") if isinstance(author, dict) else (author if isinstance(author, str) else "")
            return str(item["datePublished"]), str(pub_name), str(author_name)
    return "", "", ""


def extract_html(html: str) -> HtmlArticle:
    """Article text and metadata of an HTML document (no script run, nothing fetched)."""
    p = _Parser()
    try:
        p.feed(html)
        p.close()
    except (AssertionError, ValueError):  # html.parser gives up on some broken markup: keep what it read
        pass
    blocks = [(b, b.text()) for b in p.blocks]
    blocks = [(b, t) for b, t in blocks if t]
    # The article container with the most text, if the page marks one.
    by_container: dict[int, int] = {}
    for b, t in blocks:
        if b.container >= 0:
            by_container[b.container] = by_container.get(b.container, 0) + len(t)
    if by_container:
        best = max(by_container, key=by_container.get)
        if by_container[best] >= 0.25 * sum(len(t) for _, t in blocks):
            blocks = [(b, t) for b, t in blocks if b.container == best]
    kept = []
    for b, t in blocks:
        if b.link_chars > 0.5 * len(t):
            continue  # a menu or a list of links
        if not b.heading and len(t) < 25 and not re.search(r"[.!?:\"”]$", t) and b.container < 0:
            continue  # stray labels ("Share", "Advertisement")
        kept.append(t)
    jsonld_date, jsonld_pub, jsonld_author = _published_from_jsonld([[c] for c in p.jsonld])
    m = p.meta
    title = m.get("og:title") or m.get("twitter:title") or m.get("dc.title") or p.title.strip()
    published = (
        m.get("article:published_time") or jsonld_date or m.get("datepublished") or m.get("date")
        or m.get("pubdate") or m.get("publish-date") or m.get("dc.date") or m.get("dc.date.issued")
        or m.get("sailthru.date") or (p.times[0] if p.times else "")
    )  # fmt: skip
    return HtmlArticle(
        text="\n\n".join(kept),
        title=re.sub(r"\s+", " ", title).strip(),
        publisher=m.get("og:site_name") or jsonld_pub or m.get("publisher") or m.get("dc.publisher") or "",
        published=published,
        url=m.get("og:url") or p.canonical or "",
        author=m.get("author") or jsonld_author or "",
    )
