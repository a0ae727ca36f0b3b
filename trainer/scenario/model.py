"""The scenario file format, as typed models.

A scenario is data a career coach writes by hand, so the model forbids unknown
keys (a misspelt key is a mistake to report, not a value to drop) and accepts a
single string wherever a list of strings is expected.
"""

from __future__ import annotations

import typing
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from trainer.checklist import BUILTIN_NAMES, Checklist
from trainer.scenario.branching import END as END
from trainer.scenario.branching import ideal_path

Situation = Literal[
    "decline_offer",
    "decline_interview",
    "decline_second_interview",
    "salary_below_expectations",
    "cancel_interview",
]
SITUATIONS: tuple[str, ...] = typing.get_args(Situation)
SITUATION_LABELS: dict[str, str] = {
    "decline_offer": "Decline an offer",
    "decline_interview": "Decline an interview invitation",
    "decline_second_interview": "Decline a second interview",
    "salary_below_expectations": "Salary below what you can accept",
    "cancel_interview": "Cancel an interview",
}
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[str, ...] = typing.get_args(Difficulty)

Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


def _one_or_many(value: object) -> object:
    """Let authors write ``expect: thanks`` as well as ``expect: [thanks]``."""
    if isinstance(value, str):
        return [value]
    return value


TextList = Annotated[list[Text], BeforeValidator(_one_or_many)]
IdentifierList = Annotated[list[Identifier], BeforeValidator(_one_or_many)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Voice(_Strict):
    """How the text-to-speech engine reads the recruiter's lines."""

    id: Text = Field(default="en-us", description="An espeak-ng voice id, e.g. en-us, en-gb.")
    rate: int = Field(default=165, ge=80, le=400, description="Speaking rate, words per minute.")


class Recruiter(_Strict):
    name: Text
    company: Text
    role: Text = Field(description="The job the call is about.")
    voice: Voice = Field(default_factory=Voice)


class CustomItem(_Strict):
    """A scenario's own checklist item, scored by the same fuzzy engine as the built-ins."""

    name: Identifier
    label: Text | None = Field(
        default=None, max_length=60,
        description="What users see, e.g. 'Names the helper'. Default: the name, readable.",
    )
    description: Text
    phrases: TextList = Field(min_length=1, description="Example phrases that meet the item.")
    threshold: float = Field(default=80.0, ge=0, le=100, description="Score 0-100 needed.")
    kind: Literal["do", "avoid"] = Field(
        default="do", description="'do' for something to say, 'avoid' for a pitfall."
    )
    tip: Text | None = Field(default=None, description="Advice shown when the item is missed.")


class Condition(_Strict):
    """All given parts must hold for the branch to be taken."""

    met: IdentifierList = Field(default_factory=list, description="Items the reply met.")
    missing: IdentifierList = Field(default_factory=list, description="Items the reply missed.")
    contains: TextList = Field(
        default_factory=list, description="Phrases; any one heard in the reply (fuzzy) is enough."
    )

    def is_empty(self) -> bool:
        return not (self.met or self.missing or self.contains)


class Branch(_Strict):
    when: Condition | None = Field(default=None, description="Omit for 'otherwise'.")
    goto: Identifier = Field(description="The id of the next turn, or 'end' to end the call.")


class Turn(_Strict):
    id: Identifier
    say: Text = Field(description="What the recruiter says.")
    alternatives: TextList = Field(
        default_factory=list, description="Other phrasings, one picked at random each time."
    )
    expect: IdentifierList = Field(
        default_factory=list, description="Checklist items the reply to this turn should meet."
    )
    followup: bool | None = Field(
        default=None,
        description=(
            "True when this line responds to a no already given (asks why, counter-offers...), "
            "so the reply is judged for a courteous follow-up. Default: guessed from the line."
        ),
    )
    model_answer: Text | None = None
    hint: Text | None = None
    next: list[Branch] = Field(
        default_factory=list,
        description="Tried in order; the first that holds is taken. Without one that holds, "
        "the call goes on to the next turn in the file (or ends after the last).",
    )

    def lines(self) -> tuple[str, ...]:
        return (self.say, *self.alternatives)


class Scenario(_Strict):
    id: Identifier
    title: Text
    situation: Situation
    difficulty: Difficulty
    briefing: Text = Field(description="Shown before the call: who calls, what happened, why.")
    tips: TextList = Field(default_factory=list)
    recruiter: Recruiter
    items: list[CustomItem] = Field(default_factory=list, description="Custom checklist items.")
    start: Identifier | None = Field(default=None, description="First turn; default the first.")
    max_visits: int = Field(
        default=2, ge=1, le=10, description="How often one turn may be played in a call."
    )
    turns: list[Turn] = Field(min_length=1)
    letter_items: list[CustomItem] = Field(
        default_factory=list, description="Custom checklist items for the follow-up letter."
    )
    model_letter: Text | None = Field(
        default=None, description="A model follow-up letter, subject line first."
    )
    letter_tips: TextList = Field(
        default_factory=list, description="Advice shown while writing the follow-up letter."
    )

    def turn(self, turn_id: str) -> Turn:
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise KeyError(turn_id)

    @property
    def start_id(self) -> str:
        return self.start or self.turns[0].id

    def fallthrough(self, turn_id: str) -> str:
        """Where the call goes when no branch holds: the next turn in the file, or the end."""
        ids = [t.id for t in self.turns]
        index = ids.index(turn_id)
        return ids[index + 1] if index + 1 < len(ids) else END

    def item_names(self) -> tuple[str, ...]:
        return (*BUILTIN_NAMES, *(item.name for item in self.items))

    def checklist(self) -> Checklist:
        """The built-in items and this scenario's own, with their labels and tips."""
        return Checklist.of(self.items)

    def main_path(self) -> list[str]:
        """Turn ids taken when every reply meets what its turn expects and nothing else."""
        return ideal_path(self)
