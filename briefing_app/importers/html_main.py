"""The main text of a saved news page and its publication date, with trafilatura and htmldate.

trafilatura is made for this job (boilerplate: menus, related links, captions,
share bars, comment threads) and is kept up against real sites; htmldate,
which it uses, reads the original publication date from the markup
(``article:published_time``, JSON-LD, ``<time>``, URL patterns) and prefers
it over an update date. Both parse with lxml and never fetch: the page is
given as a string, no URL is opened, no script is run. When trafilatura is
not installed or finds nothing, :mod:`html_extract` (standard library only)
does the job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

__all__ = ["HtmlMain", "extract_main"]

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)  # broken pages make them chatty


@dataclass(frozen=True)
class HtmlMain:
    """What trafilatura found: paragraphs (one per block) and metadata ('' when absent)."""

    text: str
    title: str = ""
    published: str = ""  # YYYY-MM-DD
    author: str = ""
    sitename: str = ""
    url: str = ""


def extract_main(html: str) -> HtmlMain | None:
    """The main text and metadata of ``html``, or None (trafilatura missing or nothing found)."""
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        text = trafilatura.extract(
            html, output_format="txt", include_comments=False, include_tables=True, include_images=False,
            include_links=False, deduplicate=True, with_metadata=False, favor_precision=True,
        )  # fmt: skip
        meta = trafilatura.extract_metadata(html, date_config={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - a broken page must fall back, not fail the import
        return None
    if not text or not text.strip():
        return None

    def field(name: str) -> str:
        value = getattr(meta, name, None) if meta is not None else None
        return str(value).strip() if value else ""

    # One block per line from trafilatura; a blank line between paragraphs reads better in the reader.
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return HtmlMain(
        "\n\n".join(paragraphs), title=field("title"), published=field("date"), author=field("author"),
        sitename=field("sitename"), url=field("url"),
    )  # fmt: skip
