"""The words a learned opinion reads: hashed word and character n-grams of the utterance.

The features come from the same :class:`~trainer.scoring.utterance.Utterance` the phrase
families read (canonical words, with the sound-alike repairs), so the learned opinion and
the rules never read two different texts. Hashing keeps the model a fixed, small array
with no vocabulary file to keep in step; crc32 is stable across processes and platforms,
unlike Python's salted ``hash``.
"""

from __future__ import annotations

from itertools import pairwise
from zlib import crc32

import numpy as np
import numpy.typing as npt

from trainer.scoring.utterance import Utterance

BUCKETS = 1 << 15
"""Hash buckets per label (collisions cost a little accuracy, buckets cost file size)."""
CHAR_SIZES = (3, 4)
"""Character n-gram lengths: they catch misspelt and run-together words ("declne",
"iwont") that no word feature shares with the spelling the model was trained on."""


_PREFIX = {kind: crc32(kind) for kind in (b"k:", b"w:", b"b:", b"c:")}
"""The crc32 of each feature kind's prefix: ``crc32(gram, _PREFIX[p])`` is the crc32 of
``p + gram`` without building that string (this runs for every reply scored)."""


def feature_ids(utt: Utterance, kind: str, i: int = 0, j: int | None = None
                ) -> npt.NDArray[np.int64]:
    """The sorted, distinct buckets of the n-grams of words ``i:j`` of a reply, ``kind``
    being the recruiter line's kind (a reason reads differently in answer to "why?" than to
    "hello")."""
    words = [w.text.encode() for w in utt.words[i:j]]
    ids = {crc32(kind.encode(), _PREFIX[b"k:"])}
    ids.update(crc32(w, _PREFIX[b"w:"]) for w in words)
    ids.update(crc32(a + b" " + b, _PREFIX[b"b:"]) for a, b in pairwise(words))
    text = b" " + b" ".join(w for w in words if w not in (b",", b".")) + b" "
    for size in CHAR_SIZES:
        ids.update(crc32(text[k:k + size], _PREFIX[b"c:"]) for k in range(len(text) - size + 1))
    buckets: npt.NDArray[np.int64] = np.unique(
        np.fromiter(ids, dtype=np.int64, count=len(ids)) % BUCKETS)
    return buckets
