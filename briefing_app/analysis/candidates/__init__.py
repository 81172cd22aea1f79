"""Names in a text that may be new actors, or new aliases of known ones.

``find`` drives the search; ``tokens`` and ``runs`` cut capitalised runs,
``acronyms`` pairs acronyms with their expansions, ``compounds`` cuts runs
that join several names, ``furniture`` finds headlines, headings and labels,
``linking`` finds known actors under other spellings, ``type_guess`` proposes
an entity type, ``vocabulary`` holds the word lists.
"""

from briefing_app.analysis.candidates.find import Candidate, CandidateMention, find_candidates
from briefing_app.analysis.candidates.furniture import FurnitureIndex, furniture_spans
from briefing_app.analysis.candidates.linking import with_linked_mentions

__all__ = [
    "Candidate", "CandidateMention", "FurnitureIndex", "find_candidates", "furniture_spans", "with_linked_mentions",
]  # fmt: skip
