"""Proposed changes of a relation's state, from the verb of a dated clause.

"South Korea on Friday said it would suspend the intelligence-sharing deal
with Japan" proposes that the Japan–South Korea GSOMIA relation became
*suspended* on that date; "restored", "signed", "ended" (terminated),
"resumed" likewise; "decided to terminate" (a notice) proposes nothing, nor does a
state the relation already records at that date. When only the members are named and several of their
relations fit, nothing is proposed: the reviewer would have to guess. The relation is the workspace's relation whose members
(or the agreement it is about) are among the clause's participants.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Relation

__all__ = ["StateChange", "find_state_change"]

# verb stem -> the state the relation is in afterwards
_VERBS = (
    (r"(?:fully\s+)?restor(?:e|es|ed|ing)|normali[sz](?:e|es|ed|ing)|resum(?:e|es|ed|ing)|revived?", "restored"),
    (r"suspend(?:s|ed|ing)?|fr[oe]z(?:e|es|en|ing)|halt(?:s|ed|ing)?|pause[sd]?", "suspended"),
    (r"terminat(?:e|es|ed|ing)|end(?:s|ed|ing)?|scrap(?:s|ped|ping)?|withdr[ae]w(?:s|n)?|abandon(?:s|ed|ing)?|"
     r"cancel(?:s|led|ed|ling)?|expired?", "terminated"),
    (r"sign(?:s|ed|ing)?|conclud(?:e|es|ed|ing)|establish(?:es|ed|ing)?|form(?:s|ed|ing)?|launch(?:es|ed|ing)?|"
     r"inaugurat(?:e|es|ed|ing)|continu(?:e|es|ed|ing)|maintain(?:s|ed|ing)?", "active"),
    (r"extend(?:s|ed|ing)?|renew(?:s|ed|ing)?|upgrad(?:e|es|ed|ing)|strengthen(?:s|ed|ing)?", "active"),
)
# "decided to terminate", "threatened to end": a notice or a threat, not the end itself.
_INTENT = re.compile(r"\b(?:decided|decides|threatened|threatens|plans?|planned|vowed|intends?|intended)\s+to\s+$", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no longer|refus\w*|reject\w*|revers\w*|rescind\w*|would not|won't)\s+(?:\w+\s+){0,2}$", re.I)


@dataclass(frozen=True)
class StateChange:
    """A proposed new state of a relation, from ``verb`` in the clause."""

    relation: str
    state: str
    verb: str

    def to_dict(self) -> dict:
        return {"relation": self.relation, "state": self.state, "verb": self.verb}


def _verb_state(clause: str, near: int) -> tuple[str, str] | None:
    """The state verb closest to position ``near`` (the date): "Signed in 2016, ... terminate it in 2019"."""
    best: tuple[int, str, str] | None = None
    for pattern, state in _VERBS:
        for m in re.finditer(rf"\b(?:{pattern})\b", clause, re.I):
            found = state
            if _NEGATION.search(clause[: m.start()]):
                # "would not suspend", "reverse its decision to end": the opposite happened.
                found = {"suspended": "active", "terminated": "active"}.get(state, state)
            elif state in ("suspended", "terminated") and _INTENT.search(clause[: m.start()]):
                found = ""  # the state did not change yet
            distance = min(abs(m.start() - near), abs(m.end() - near))
            if best is None or distance < best[0]:
                best = (distance, found, m.group(0))
    return (best[1], best[2]) if best and best[1] else None


def find_state_change(
    clause: str, participants: Sequence[str], relations: Sequence[Relation], near: int = 0,
    date: PartialDate | None = None, end: PartialDate | None = None,
) -> StateChange | None:
    """The relation the clause changes and its new state, or None.

    Args:
        clause: The sentence of a draft event.
        participants: Entity ids mentioned in it.
        relations: The workspace's relations.
        near: Where the date stands in ``clause``: the verb closest to it is the one dated.
        date, end: The draft's date (or range); a state the relation already records over
            that time is not proposed again ("Signed in 2016, GSOMIA ..." when the workspace
            has it active from November 2016 is background, not news).
    """  # fmt: skip
    found = _verb_state(clause, near)
    if found is None or not participants:
        return None
    state, verb = found
    present = set(participants)
    best: tuple[int, str] | None = None
    ties = 0
    for r in relations:
        members = set(r.members)
        about = {r.entity} if r.entity else set()
        hits = len(members & present) + 2 * len(about & present)
        # The agreement the relation is about is named, or two of its members are.
        if not (about & present or len(members & present) >= 2):
            continue
        if best is None or hits > best[0]:
            best, ties = (hits, r.id), 0
        elif hits == best[0]:
            ties += 1
    if best is None or ties:
        return None
    if date is not None:
        relation = next(r for r in relations if r.id == best[1])
        lo, hi = date.start, (end or date).end
        for st in relation.states:
            if st.state == state and st.start.start <= hi and (st.end is None or lo <= st.end.end):
                return None  # already recorded
    return StateChange(best[1], state, verb)
