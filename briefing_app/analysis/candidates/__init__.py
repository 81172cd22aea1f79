"""Names in a text that may be new actors, or new aliases of known ones.

``find`` drives the search; ``tokens`` and ``runs`` cut capitalised runs,
``acronyms`` pairs acronyms with their expansions, ``type_guess`` proposes
an entity type, ``vocabulary`` holds the word lists.
"""

from briefing_app.analysis.candidates.find import Candidate, CandidateMention, find_candidates

__all__ = ["Candidate", "CandidateMention", "find_candidates"]
