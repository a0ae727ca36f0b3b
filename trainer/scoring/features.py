"""The words a learned opinion reads: hashed word and character n-grams of the utterance.

The features come from the same :class:`~trainer.scoring.utterance.Utterance` the phrase
families read (canonical words, with the sound-alike repairs), so the learned opinion and
the rules never read two different texts. Hashing keeps the model a fixed, small array
with no vocabulary file to keep in step. Every n-gram is hashed with numpy array
arithmetic on the reply's bytes (a polynomial over each window, then a multiply-shift
mix with a seed per kind of feature), not one call per n-gram: this runs for every reply
scored, and a few hundred Python-level hash calls cost more than the rules. Unsigned
64-bit arithmetic wraps the same way everywhere, so a bucket is the same on every
process and platform, unlike Python's salted ``hash``.
"""

from __future__ import annotations

from zlib import crc32

import numpy as np
import numpy.typing as npt

from trainer.scoring.utterance import Utterance

BITS = 15
BUCKETS = 1 << BITS
"""Hash buckets per label (collisions cost a little accuracy, buckets cost file size)."""
CHAR_SIZES = (3, 4)
"""Character n-gram lengths: they catch misspelt and run-together words ("declne",
"iwont") that no word feature shares with the spelling the model was trained on."""

_U = np.uint64
_BASE = 0x100000001B3
"""The character polynomial's base (odd, so no window's hash loses its first bytes to the
64-bit wrap)."""
_B1, _B2 = _U(_BASE), _U(_BASE * _BASE % (1 << 64))
_MIX = _U(0x9E3779B97F4A7C15)
"""Multiply-shift constant: the top :data:`BITS` bits of ``h * _MIX`` are the bucket."""
_SHIFT = _U(64 - BITS)
_PREFIX = {kind: crc32(kind) for kind in (b"k:", b"w:")}
"""The crc32 of a prefix per kind of named feature (line kind, word):
``crc32(name, _PREFIX[p])`` is the crc32 of ``p + name``, so the same name in two kinds
falls in different buckets. Word pairs are two word hashes side by side (64 bits) and
character grams a polynomial over 64 bits, so they meet the 32-bit names only by chance."""
_DROPPED = frozenset({",", "."})
"""Pauses and full stops the character grams skip ("great , really" reads as "great
really"); a question mark stays, a dig is often put as one."""
_WORDS: dict[str, int] = {}
"""Each word's hash, kept: a reply's words are mostly ones said before."""
_WORDS_KEPT = 1 << 16


def _word(text: str) -> int:
    h = _WORDS.get(text)
    if h is None:
        if len(_WORDS) >= _WORDS_KEPT:
            _WORDS.clear()
        h = _WORDS[text] = crc32(text.encode(), _PREFIX[b"w:"])
    return h


def feature_ids(utt: Utterance, kind: str, i: int = 0, j: int | None = None
                ) -> npt.NDArray[np.int64]:
    """The sorted, distinct buckets of the n-grams of words ``i:j`` of a reply, ``kind``
    being the recruiter line's kind (a reason reads differently in answer to "why?" than to
    "hello")."""
    words = [w.text for w in utt.words[i:j]]
    named = np.array([crc32(kind.encode(), _PREFIX[b"k:"])], dtype=np.uint64)
    words_at = np.array([_word(w) for w in words], dtype=np.uint64)
    text = (" " + " ".join(w for w in words if w not in _DROPPED) + " ").encode()
    data = np.frombuffer(text, dtype=np.uint8).astype(np.uint64)
    # every window of 3 and 4 bytes, hashed at once: the 4-byte ones extend the 3-byte ones
    three = data[:-2] * _B2 + data[1:-1] * _B1 + data[2:]
    four = three[:-1] * _B1 + data[3:]
    pairs = (words_at[:-1] << _U(32)) | words_at[1:]
    every = np.concatenate((named, words_at, pairs, three, four))
    buckets = np.sort(((every * _MIX) >> _SHIFT).astype(np.int64))
    # distinct by hand: np.unique costs ten times as much on a few hundred ids
    keep = np.empty(len(buckets), dtype=np.bool_)
    keep[:1] = True
    np.not_equal(buckets[1:], buckets[:-1], out=keep[1:])
    out: npt.NDArray[np.int64] = buckets[keep]
    return out

