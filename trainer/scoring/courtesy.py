"""Manners: answering a follow-up courteously, and ending the call warmly.

A courteous follow-up answers (or politely declines to answer) without
rudeness, badmouthing, hedging or caving; a reply of a few words with no
courtesy in it is curt. A graceful close wishes them well, hopes to meet again,
thanks again or says a warm goodbye; "ok bye" does not, and neither does
"please keep me in mind" on its own (that answers a question, it closes
nothing).
"""

from __future__ import annotations

from trainer.scoring.families import Hit, find, load
from trainer.scoring.utterance import Utterance

CURT_WORDS = 5
"""A follow-up answer shorter than this, with no courtesy in it, is curt."""
BLUNT_WORDS = 12
"""A follow-up answer shorter than this that is only a blunt refusal ("No. Not interested.")
with no courtesy in it is curt too."""

CLOSE_FAMILIES = load("close")

RUDE_FAMILIES = load("rude")

POLITE_FAMILIES = load("polite")


SOFTENERS = load("softeners")


def soften(utt: Utterance, rude: list[Hit]) -> list[Hit]:
    """Rude-sounding words said gently ("I'll leave it at that, if that's okay") decline to
    answer politely; only the ones with no softener in their sentence stay rude."""
    if not rude:
        return rude
    soft = {utt.sentence[h.i] for h in find(utt, SOFTENERS)}
    return [h for h in rude if utt.sentence[h.i] not in soft]


def read_close(utt: Utterance) -> list[Hit]:
    """Closing phrases, less those that turn on a "but" ("thank you for everything, but I'd
    rather we didn't"): what follows the "but" is the answer, not a warm ending."""
    return [h for h in find(utt, CLOSE_FAMILIES) if not _turns(utt, h)]


def _turns(utt: Utterance, hit: Hit) -> bool:
    k = hit.j
    while k < len(utt.words) and k - hit.j < 6 and utt.words[k].text not in (".", "?"):
        if utt.words[k].text == "but":
            return True
        k += 1
    return False


def read_rude(utt: Utterance) -> list[Hit]:
    return find(utt, RUDE_FAMILIES)


def read_polite(utt: Utterance) -> list[Hit]:
    return find(utt, POLITE_FAMILIES)
