"""New scenario files: a commented starting point, or a copy of an existing one with a new id.

The text is written, not dumped from a model, so the comments that teach the
format survive and the file reads like the examples in docs/scenarios.md.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from trainer import paths
from trainer.errors import TrainerError
from trainer.scenario.loader import SCENARIO_SUFFIXES
from trainer.scenario.model import SITUATION_LABELS
from trainer.textsafe import visible

_OPENINGS = {
    "decline_offer": "Hi, it's {name} from {company}. Have you had a chance to think about "
                     "our offer for the {role} role?",
    "decline_interview": "Hello, this is {name} at {company}. We'd love to invite you to "
                         "interview for the {role} position. Would next week work?",
    "decline_second_interview": "Hi, it's {name} from {company}. We'd like to book your "
                                "second interview for the {role} role. Are you free on "
                                "Thursday?",
    "salary_below_expectations": "Before we go further, I should mention the budget for the "
                                 "{role} role is fixed. How does that sit with you?",
    "cancel_interview": "Hi, {name} from {company} here, just confirming your interview for "
                        "the {role} role next week.",
}


@dataclass(frozen=True)
class Stance:
    """What the user turns down in a situation, so the template never speaks of an offer
    when the call is about an interview."""

    what: str
    """What the call is about: ``the offer for the {role} role``."""
    why: str
    """The reason the briefing gives for saying no."""
    say_no: str
    """The plain no the tips quote."""
    no: str
    """The no in the opening's model answer."""
    reason: str
    """The short reason in the follow-up's model answer."""


_STANCES = {
    "decline_offer": Stance(
        "the offer for the {role} role",
        "because you accepted an offer that fits your goals better",
        "Unfortunately, I won't be accepting the offer.",
        "Unfortunately, I won't be going ahead: I've accepted a role that fits my goals "
        "more closely.",
        "I've accepted an offer that's a closer match to my career goals."),
    "decline_interview": Stance(
        "an interview for the {role} role",
        "because you have decided to focus on roles closer to your goals",
        "Unfortunately, I won't be going ahead with the interview.",
        "Unfortunately, I won't be going ahead with the interview: I've decided to focus "
        "on roles closer to my goals.",
        "I've decided to focus on roles that are a closer match to my career goals."),
    "decline_second_interview": Stance(
        "a second interview for the {role} role",
        "because, after the first interview, you have decided the role is not for you",
        "Unfortunately, I won't be going ahead with a second interview.",
        "Unfortunately, I won't be going ahead with a second interview: I've realised the "
        "role isn't the right fit for me.",
        "Having learnt more about it, I've realised the role isn't the right fit for me."),
    "salary_below_expectations": Stance(
        "the salary for the {role} role",
        "because the salary is below what you can accept",
        "Unfortunately, at that salary I won't be able to go ahead.",
        "Unfortunately, at that level I won't be able to go ahead: it's below what I can "
        "accept.",
        "The salary is below what I can accept for a move at this point."),
    "cancel_interview": Stance(
        "your interview for the {role} role",
        "because you have accepted another role",
        "Unfortunately, I need to cancel the interview.",
        "Unfortunately, I need to cancel the interview: I've accepted another role.",
        "I've accepted another role, so it wouldn't be fair to take up your time."),
}


@dataclass(frozen=True)
class Answers:
    id: str
    title: str
    situation: str
    name: str
    company: str
    role: str
    difficulty: str = "easy"
    ref: str = ""
    """How the header's commands name the file: its id (found from anywhere in the user's
    folder) or its full path; the id plus ``.yaml`` when not given."""


_SMALL_WORDS = frozenset({"a", "an", "the", "at", "for", "of", "to", "and", "in", "on", "by",
                          "from", "with", "about"})


def short_id(title: str, limit: int = 30) -> str:
    """A short id suggested from a title: slug rules, small words dropped, cut at a hyphen
    so it stays under ``limit`` characters."""
    words = [w for w in slug(title).split("-") if w not in _SMALL_WORDS] or ["my-scenario"]
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or words[0][:limit].strip("-") or "my-scenario"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def template(a: Answers) -> str:
    opening = _OPENINGS[a.situation].format(name=a.name, company=a.company, role=a.role)
    stance = _STANCES[a.situation]
    ref = a.ref or f"{a.id}.yaml"
    about = stance.what.format(role=a.role)
    first_answer = "Thank you so much for thinking of me, and for all your help. " + stance.no
    return f"""\
# A practice call for the call-rehearsal trainer.
# Check it with:   trainer validate {ref}
# Try it with:     trainer run {ref} --plain --typed --explain
# Every field is described in docs/scenarios.md; `trainer schema` gives editors a JSON Schema.

id: {a.id}                     # must match the file name
title: {_q(a.title)}
situation: {a.situation}     # {", ".join(SITUATION_LABELS)}
difficulty: {a.difficulty}              # easy | medium | hard

# Shown before the call: who is calling, what happened, what you decided and why.
briefing: >-
  {a.name} from {a.company} is calling about {about}. You have decided to say no,
  {stance.why}. Be warm, be clear, be brief.

tips:
  - Thank them first, and name anyone who helped you.
  - {_q("Say no plainly: " + _q(stance.say_no))}
  - Give one short reason, not a list.
  - Close warmly and keep the door open.

recruiter:
  name: {_q(a.name)}
  company: {_q(a.company)}
  role: {_q(a.role)}
  voice:
    id: en-us                 # `trainer voices` lists what is installed
    rate: 165                 # words per minute

# Your own checklist items, scored like the built-in ones.
items:
  - name: written_followup
    description: Says they will follow up in writing.
    phrases:
      - I'll follow up with an email
      - I'll send you a note
      - I'll confirm in writing
    threshold: 80
    kind: do
    tip: Offer to confirm in writing, so there is a record and a warm last word.

turns:
  - id: opening
    say: {_q(opening)}
    alternatives:               # picked at random, so practice does not become rote
      - {_q("Hi, " + a.name + " here from " + a.company + ". Any news on your side?")}
    expect: [thanks, clear_no, brief_reason]
    hint: Thank them, say no plainly, give one short reason.
    model_answer: {_q(first_answer)}
    next:                       # tried in order; the first that holds is taken
      - when: {{missing: brief_reason}}
        goto: ask_reason
      - goto: wrap_up           # no `when`: otherwise

  - id: ask_reason
    say: I understand. Can I ask what made you decide?
    followup: true              # answers a no already given: judged for a courteous follow-up
    expect: [courteous_followup, brief_reason]
    hint: One short, diplomatic reason; you choose how much detail to give.
    model_answer: {_q("Of course. " + stance.reason)}

  - id: wrap_up
    say: Well, thanks for letting me know. Anything else before I let you go?
    expect: [graceful_close, written_followup]
    hint: Thank them again, wish them well, keep the door open.
    model_answer: >-
      Thanks again for everything. I'll follow up with an email to confirm, and I hope our
      paths cross again. All the best to you and the team.
"""


def unique_path(directory: Path, base_id: str) -> tuple[str, Path]:
    """A file name in ``directory`` that does not exist yet: ``id``, ``id-2``, ``id-3``..."""
    candidate, n = base_id, 1
    while any((directory / f"{candidate}{s}").exists() for s in SCENARIO_SUFFIXES):
        n += 1
        candidate = f"{base_id}-{n}"
    return candidate, directory / f"{candidate}.yaml"


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return value or "my-scenario"


def copy_text(source_text: str, new_id: str) -> str:
    """The source file with its top-level id replaced; comments and layout kept."""
    return re.sub(r"^id:[ \t]*[^\s#]+", f"id: {new_id}", source_text, count=1, flags=re.MULTILINE)


def write_new(text: str, path: Path) -> Path:
    """Write ``text`` to ``path``, which must not exist (never overwrite a user's file)."""
    try:
        paths.ensure_dir(path.parent)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise TrainerError(f"{visible(str(path))} already exists; it was left as it is") from None
    except OSError as exc:
        with contextlib.suppress(OSError):
            if path.stat().st_size == 0:
                path.unlink()  # a full disk leaves an empty file behind: not a scenario
        raise TrainerError(f"cannot write {visible(str(path))}: {exc.strerror or exc}. Free "
                           "some space or fix the folder's permissions") from None
    return path
