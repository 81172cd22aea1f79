"""What the user may ask of a briefing export: sections, paper, banner, as-of date, changes since.

The section ids and their titles are the export's vocabulary, shared by the
composer, the PDF writer, the export dialog and the command line.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from briefing_app.model.dates import PartialDate

SECTION_IDS = (
    "bluf",
    "key-judgments",
    "map",
    "timeline",
    "relations",
    "chronology",
    "evidence",
    "gaps",
    "glossary",
    "sources",
)
SECTION_TITLES = {
    "bluf": "Bottom line up front",
    "key-judgments": "Key judgments",
    "map": "Relationship map",
    "timeline": "Alliance timeline",
    "relations": "Relations at the as-of date",
    "chronology": "Chronology",
    "evidence": "Evidence",
    "gaps": "Assumptions and open questions",
    "glossary": "Glossary of actors",
    "sources": "Sources",
}
NOTES_TITLE = "Notes"
PAPERS = ("A4", "Letter")

class OptionsError(ValueError):
    """Export options that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class ExportOptions:
    """What to put in the briefing.

    Attributes:
        as_of: The day the briefing describes (map, relation states,
            chronology cut-off). None: the briefing's own as-of date, else
            the latest date found in the workspace.
        sections: Section ids to include, from :data:`SECTION_IDS`; the
            title page is always there and the order is always canonical.
        banner: Classification banner; None uses the briefing's own.
        paper: "A4" or "Letter".
    """

    as_of: _dt.date | None = None
    sections: tuple[str, ...] = SECTION_IDS
    banner: str | None = None
    paper: str = "A4"
    changes_since: PartialDate | None = None  # adds "What changed since DATE" after the BLUF

    def checked(self) -> ExportOptions:
        """These options, or :class:`OptionsError` naming the bad value."""
        unknown = [s for s in self.sections if s not in SECTION_IDS]
        if unknown:
            raise OptionsError(f"unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTION_IDS)}")
        if self.paper not in PAPERS:
            raise OptionsError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")
        if self.as_of is not None and not isinstance(self.as_of, _dt.date):
            raise OptionsError(f"as-of must be a date, not {self.as_of!r}")
        if self.changes_since is not None and not isinstance(self.changes_since, PartialDate):
            raise OptionsError(f"changes-since must be a partial date, not {self.changes_since!r}")
        return self
