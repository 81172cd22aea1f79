"""Entity mentions in text: one Aho-Corasick scan over every alias.

Whole words, leftmost-longest, a case rule per alias, possessives, hyphenated
compounds, CJK without word boundaries, multi-word aliases across white space.
``automaton`` builds and runs the scan; the other modules are its parts
(``boundaries``: word edges, ``spans``: leftmost-longest choice, ``recovery``:
what a rejected hit hides, ``whitespace``: squashed copies, ``utf8``: offsets).
"""

from briefing_app.analysis.matcher.automaton import CASE_RULES, AliasMatcher, Mention, fold, glues, is_cjk

__all__ = ["CASE_RULES", "AliasMatcher", "Mention", "fold", "glues", "is_cjk"]
