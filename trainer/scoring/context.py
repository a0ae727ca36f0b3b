"""What kind of recruiter line a reply answers, which changes what the reply can mean.

A bare "No." is a clear no to "Will you be accepting our offer?", an answer of
"not yet" to "Have you had a chance to look at it?", a refusal of future
contact to "Would you be open to other roles later?" and merely the end of a
call after "Anything else?". Courteous follow-up is judged only after a line
that responds to a no already given: asking why, where or who, trying to change
the decision, offering something else, or offering to keep the CV on file.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from trainer.errors import TrainerError
from trainer.scoring.families import PHRASES, parse_blocks
from trainer.scoring.utterance import Utterance


class LineKind(StrEnum):
    OPENING = "opening"
    """Asks for the decision or invites: "Will you be accepting?", "We'd like to invite you"."""
    STATUS = "status"
    """Asks whether there is a decision yet: "Have you had a chance to look at the offer?"."""
    TERMS = "terms"
    """First statement of salary or terms: "The budget is 62,000. Does that work?"."""
    CHANGE = "change"
    """Tries to change the decision: counter-offer, concession, another role now."""
    INFO = "info"
    """Asks why, where or who after a no."""
    FUTURE = "future"
    """Offers future contact: other roles later, CV on file."""
    WRAPUP = "wrapup"
    """Ends the call: "Anything else?", good wishes, goodbye."""
    UNKNOWN = "unknown"
    """No line given."""

    @property
    def is_followup(self) -> bool:
        return self in (LineKind.CHANGE, LineKind.INFO, LineKind.FUTURE)


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^ ])(?:" + "|".join(alternatives) + r")(?![^ ])")


def _load_lines() -> dict[str, re.Pattern[str]]:
    """The recruiter-line patterns of ``phrases/recruiter_lines.txt``, by block name."""
    where = f"{PHRASES}/recruiter_lines.txt"
    text = resources.files("trainer.scoring").joinpath(PHRASES, "recruiter_lines.txt")
    out: dict[str, re.Pattern[str]] = {}
    for block in parse_blocks(text.read_text(encoding="utf-8"), where):
        try:
            out[block.name] = _rx(*block.lines)
        except re.error as exc:
            raise TrainerError(f"{where}, block starting line {block.line} ({block.name!r}): "
                               f"not a valid pattern: {exc}") from exc
    return out


_LINES = _load_lines()


_FUTURE = _LINES["future"]
_CHANGE_WORDS = _LINES["change"]
_FEATURE = _LINES["change_feature"]
_CHANGE = re.compile(f"{_CHANGE_WORDS.pattern}|{_FEATURE.pattern}")
"""A counter-offer, concession or another option: its own words, or a feature it names."""
_INFO = _LINES["info"]
_WRAPUP = _LINES["wrapup"]
_TERMS = _LINES["terms"]
_DECISION_QUESTION = _LINES["decision_question"]
_STATUS = _LINES["status"]


_INTRO_RAW = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|howdy|g'?day|good (?:morning|afternoon|evening)|morning|afternoon"
    r"|evening)\b|^\W*(?:alright|all right)\?"
    r"|\b(?:it's|it is|this is|my name is)\s+(?-i:[A-Z][a-z]+)"
    r"|\b(?!(?:us|you|me|them|him|her|we|they|i)\s)(?-i:[A-Z][a-z]+)\s+(?:here|calling|speaking)\b"
    r"(?!\s+(?:to|if))"
    r"|\b(?:here|calling|ringing|phoning) (?:from|on behalf of)\b"
    r"|\b(?:I'm|I am|just) (?:calling|ringing|phoning|getting in touch)\b",
    re.IGNORECASE,
)
"""How a call opens: a greeting or the recruiter saying who they are. A line like that
starts the conversation, so it cannot be responding to a no (unless it says so)."""
_INTRO_NAME = re.compile(r"\b(?:it's|it is|this is|my name is)\s+[A-Z][a-z]+")

_PRIOR_NO = _LINES["prior_no"]
"""The line reacts to a no or a hesitation just heard ("That's a shame.", "Understood.")."""
_INTERJECTION = _LINES["interjection"]
"""The line starts by reacting to something ("Okay, ...", "Right."), not necessarily a no."""

_WRAPUP_ASK = _LINES["wrapup_ask"]
_INFO_ASK = _LINES["info_ask"]
"""A question for information about the decision just given: why, where, who, what
changed, what could have been better."""


_BACK_REFERENCE = re.compile(
    r"^(?:would|is|will|does|could) (?:that|this|it) (?:be )?(?:okay|ok|alright|all right|fine|"
    r"good|suit you|work for you)|^(?:how does|does) (?:that|this) sound")
"""A question that only asks about what the sentence before it proposed ("We'd like to add
you to our talent pool. Would that be okay?"): the proposal says what kind of line it is."""


def _sentences(text: str) -> list[str]:
    """The line's sentences, each keeping its end mark ("... ?")."""
    out: list[str] = []
    current: list[str] = []
    for word in text.split(" "):
        current.append(word)
        if word in (".", "?"):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


@lru_cache(maxsize=2048)
def classify(line: str | None) -> LineKind:
    """The kind of recruiter line.

    Two facts decide most of it. A line that opens the call (a greeting, the
    recruiter naming themselves) cannot answer a no, so it is an opening, a
    status check or the first statement of terms, whatever else it contains.
    Any other line comes mid-call, after the user has spoken: it is a wrap-up,
    or else a follow-up to what they said, judged by its question (the last
    one asked), because a line can both thank ("Thanks for letting me know")
    and ask why.
    """
    if line is None or not line.strip():
        return LineKind.UNKNOWN
    text = Utterance(line).joined
    sentences = _sentences(text)
    questions = [s for s in sentences if s.endswith("?")]
    ask = questions[-1] if questions else (sentences[-1] if sentences else text)
    reacts_to_no = bool(_PRIOR_NO.search(text))
    prior_no = reacts_to_no or bool(_INTERJECTION.search(text))
    opens = bool(_INTRO_RAW.search(line)) and not prior_no
    if not reacts_to_no and not _CHANGE_WORDS.search(text) and any(
            _TERMS.search(s) for s in sentences if not s.endswith("?")):
        return LineKind.TERMS if not _STATUS.search(text) else LineKind.STATUS
    if not opens:
        if (_FUTURE.search(ask) and (questions or not _WRAPUP.search(text))) or (
                _BACK_REFERENCE.search(ask) and len(sentences) > 1
                and _FUTURE.search(sentences[-2])):
            return LineKind.FUTURE
        if _WRAPUP_ASK.search(ask) or (not questions and _WRAPUP.search(text)
                                       and not _CHANGE.search(text) and not _INFO.search(text)):
            return LineKind.WRAPUP
        if not questions and _FUTURE.search(text):
            return LineKind.FUTURE
        if _INFO.search(ask) or _INFO_ASK.search(ask) or (
                not _CHANGE.search(ask) and any(_INFO.search(q) for q in questions)):
            return LineKind.INFO  # "Why? Can I ask?": the last question only asks leave
        if _CHANGE.search(text) or (prior_no and questions):
            return LineKind.CHANGE
    if _TERMS.search(text) and not _STATUS.search(text):
        return LineKind.TERMS
    if _DECISION_QUESTION.search(text):
        return LineKind.OPENING
    if _STATUS.search(text):
        return LineKind.STATUS
    if opens or not questions:
        return LineKind.WRAPUP if not opens and _WRAPUP.search(text) else LineKind.OPENING
    return LineKind.CHANGE


_ALTERNATIVE = _LINES["alternative"]


@lru_cache(maxsize=2048)
def offers_alternative(line: str | None) -> bool:
    """Whether the line offers something other than the role declined (another role, team
    or office), rather than sweetening the same offer. Warming to an alternative does not
    reopen the decision; warming to a sweetened offer does."""
    if line is None or classify(line) is not LineKind.CHANGE:
        return False
    return names_alternative(line)


@lru_cache(maxsize=2048)
def names_alternative(line: str | None) -> bool:
    """Whether the line names another role, team or office, whatever else it does ("could we
    keep you in mind for the Singapore office?"): turning that down is a decision too."""
    if line is None:
        return False
    text = Utterance(line).joined
    return bool(_ALTERNATIVE.search(text)) and not re.search(
        r"(?<![^ ])version of (?:the|this|that) (?:role|job|position)", text)


_WHY = _LINES["why"]


@lru_cache(maxsize=2048)
def asks_why(line: str | None) -> bool:
    """Whether the line asks for the reason (so any real answer to it is one)."""
    return bool(line) and classify(line) is LineKind.INFO and bool(
        _WHY.search(Utterance(line or "").joined))


_WHERE = _LINES["where"]


@lru_cache(maxsize=2048)
def asks_where(line: str | None) -> bool:
    """Whether the line asks where the speaker is going instead: naming it is the reason
    (LABELS.md: saying what one is doing instead is a reason)."""
    return bool(line) and classify(line) is LineKind.INFO and bool(
        _WHERE.search(Utterance(line or "").joined))


@lru_cache(maxsize=2048)
def asks_to_go_ahead(line: str | None) -> bool:
    """Whether a bare "no" to this line declines (rather than answering "not yet")."""
    if line is None:
        return True
    text = Utterance(line).joined
    return bool(_DECISION_QUESTION.search(text)) or classify(line) is LineKind.CHANGE


_HESITATION = _LINES["hesitation"]


@lru_cache(maxsize=2048)
def follows_hesitation(line: str | None) -> bool:
    """Whether the follow-up answers a hesitation ("You sound unsure, what's giving you
    pause?") rather than a no: an answer that stays undecided blurs no decision."""
    return bool(line) and classify(line).is_followup and bool(
        _HESITATION.search(Utterance(line or "").joined))


@lru_cache(maxsize=2048)
def offered_words(line: str | None) -> frozenset[str]:
    """The words of what a counter-offer or an alternative line offers ("a signing bonus",
    "part-time"), hyphenated words also in their parts: a reply that only echoes them gives
    no motive of its own."""
    if line is None or classify(line) is not LineKind.CHANGE:
        return frozenset()
    return frozenset(part for word in Utterance(line).joined.split()
                     for part in (word, *word.split("-")))

