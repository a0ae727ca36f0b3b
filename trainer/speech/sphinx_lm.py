"""A small trigram language model of what people say when they turn a job down.

pocketsphinx's stock model spreads its bets over all of English and misses most
words of a decline call. A model built from this domain - typical replies, the
checklist's example phrases, and the scenario files (model answers, hints, item
phrases, names) - narrows the search to the words a rehearsal actually uses.
The model is written in ARPA format with absolute discounting and back-off,
together with a pronunciation dictionary cut down to its words (which also
makes the decoder load faster).
"""

from __future__ import annotations

import hashlib
import math
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from trainer.checklist import BUILTIN_ITEMS

DISCOUNT = 0.5

DOMAIN_REPLIES: tuple[str, ...] = (
    "thank you so much for the offer but i won't be accepting it",
    "thank you for calling i've decided not to accept the offer",
    "i really appreciate the offer but i have to decline",
    "thanks for your time and for the interview",
    "i've accepted another offer that fits my goals more closely",
    "i've decided to accept a position with another company",
    "i've taken a role that's closer to home",
    "the salary is below what i can accept",
    "the role doesn't quite match what i'm looking for",
    "i'm going to withdraw from the process",
    "i'd like to withdraw my application",
    "i won't be able to attend the interview",
    "i need to cancel the interview on tuesday",
    "i'm sorry for the short notice",
    "i'd rather keep that private but thank you for asking",
    "my decision is final",
    "i appreciate the counter offer but my answer is still no",
    "it was a pleasure meeting the team",
    "please pass my thanks on to the hiring manager",
    "i wish you and the team all the best",
    "i hope our paths cross again",
    "i'd be happy to stay in touch",
    "thanks again for everything and all the best",
    "yes i have had a chance to think about it",
    "hi yes this is a good time to talk",
    "unfortunately i won't be moving forward",
    "after a lot of thought i've decided to say no",
    "it's not about the money it's about the direction of my career",
    "i'm not able to relocate right now",
    "the commute would be too long for me",
    "i've chosen a role with more focus on engineering",
    "i'm grateful for the time you all put in",
    "no i'm sure thank you",
    "i'd prefer not to say which company",
    "it's a company in the same field",
    "i'm afraid i have to turn it down",
    "thank you for understanding",
    "have a great day goodbye",
)


def domain_corpus(extra: Iterable[str] = ()) -> list[str]:
    """Sentences for the model: built-in replies, checklist examples, scenario text."""
    sentences = list(DOMAIN_REPLIES)
    for item in BUILTIN_ITEMS:
        sentences.extend(re.findall(r'"([^"]+)"', item.tip))
    sentences.extend(extra)
    sentences.extend(_scenario_sentences())
    return sentences


def _scenario_sentences() -> list[str]:
    """Replies the scenario authors wrote: model answers, hints and item phrases."""
    from trainer.errors import TrainerError
    from trainer.scenario.catalog import load_catalog

    try:
        entries = load_catalog().valid()
    except TrainerError:
        return []
    sentences: list[str] = []
    for entry in entries:
        scenario = entry.scenario
        if scenario is None:
            continue
        recruiter = scenario.recruiter
        sentences.append(f"hi {recruiter.name} from {recruiter.company} about the {recruiter.role}")
        for item in scenario.items:
            sentences.extend(item.phrases)
        for turn in scenario.turns:
            sentences.extend(text for text in (turn.model_answer, turn.hint) if text)
    return sentences


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SPLIT = re.compile(r"[.!?;:,\n]+")


def _phrases(sentence: str) -> list[list[str]]:
    return [_WORD.findall(part) for part in _SPLIT.split(sentence.lower().replace("\u2019", "'"))]


def read_dictionary(path: Path) -> dict[str, list[str]]:
    """word -> pronunciation lines (``word(2)`` variants kept) of a CMU-style dictionary."""
    entries: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            head, _, _ = line.partition(" ")
            if head:
                entries[head.split("(", 1)[0]].append(line.rstrip("\n"))
    return dict(entries)


def build_arpa(sentences: Sequence[str], known: set[str] | None = None) -> tuple[str, set[str]]:
    """ARPA text of a back-off trigram model, and its vocabulary.

    Words outside ``known`` (no pronunciation) break a sentence in two rather than
    being dropped, so no n-gram spans a word that was never there.
    """
    counts: list[Counter[tuple[str, ...]]] = [Counter(), Counter(), Counter()]
    for sentence in sentences:
        for phrase in _phrases(sentence):
            runs: list[list[str]] = [[]]
            for word in phrase:
                if known is None or word in known:
                    runs[-1].append(word)
                elif runs[-1]:
                    runs.append([])
            for run in runs:
                if not run:
                    continue
                tokens = ["<s>", *run, "</s>"]
                for order in range(3):
                    for i in range(len(tokens) - order):
                        counts[order][tuple(tokens[i : i + order + 1])] += 1
    vocab = {gram[0] for gram in counts[0]} - {"<s>", "</s>"}
    probs, backoffs = _estimate(counts)
    lines = ["\\data\\"]
    lines += [f"ngram {n + 1}={len(probs[n])}" for n in range(3)]
    for n in range(3):
        lines += ["", f"\\{n + 1}-grams:"]
        for gram, prob in sorted(probs[n].items()):
            entry = f"{prob:.4f}\t{' '.join(gram)}"
            if n < 2:
                entry += f"\t{backoffs[n].get(gram, 0.0):.4f}"
            lines.append(entry)
    lines += ["", "\\end\\", ""]
    return "\n".join(lines), vocab


def _estimate(
    counts: list[Counter[tuple[str, ...]]],
) -> tuple[list[dict[tuple[str, ...], float]], list[dict[tuple[str, ...], float]]]:
    """log10 probabilities with absolute discounting, and the back-off weights that
    make every context's distribution sum to one."""
    unigrams = counts[0]
    total = sum(c for gram, c in unigrams.items() if gram != ("<s>",))
    size = len(unigrams)
    p1: dict[tuple[str, ...], float] = {}
    for gram, count in unigrams.items():
        p1[gram] = (count + 0.5) / (total + 0.5 * size)
    linear: list[dict[tuple[str, ...], float]] = [p1, {}, {}]
    for n in (1, 2):
        context_totals: Counter[tuple[str, ...]] = Counter()
        for gram, count in counts[n].items():
            context_totals[gram[:-1]] += count
        for gram, count in counts[n].items():
            linear[n][gram] = (count - DISCOUNT) / context_totals[gram[:-1]]
    backoffs: list[dict[tuple[str, ...], float]] = [{}, {}]
    for n in (1, 2):
        seen: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for gram in linear[n]:
            seen[gram[:-1]].append(gram)
        for context, grams in seen.items():
            kept = sum(linear[n][g] for g in grams)
            lower = sum(_lower_prob(linear, g[1:]) for g in grams)
            alpha = (1.0 - kept) / max(1e-9, 1.0 - lower)
            backoffs[n - 1][context] = math.log10(max(alpha, 1e-9))
    logs = [{g: -99.0 if g == ("<s>",) else math.log10(p) for g, p in level.items()}
            for level in linear]
    return logs, backoffs


def _lower_prob(linear: list[dict[tuple[str, ...], float]], gram: tuple[str, ...]) -> float:
    """The back-off estimate of ``gram`` (only needed for grams whose context was seen)."""
    level = len(gram) - 1
    if gram in linear[level]:
        return linear[level][gram]
    return linear[0].get(gram[-1:], 0.0) if level else 0.0


@lru_cache(maxsize=8)
def domain_model(dictionary: Path, extra: tuple[str, ...] = ()) -> tuple[Path, Path]:
    """(language model, dictionary) files for the domain plus ``extra`` phrases, cached."""
    pronunciations = read_dictionary(dictionary)
    arpa, vocab = build_arpa(domain_corpus(extra), set(pronunciations))
    digest = hashlib.sha256(arpa.encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"trainer-sphinx-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    lm_path, dict_path = folder / "domain.lm", folder / "domain.dict"
    if not lm_path.is_file():
        dict_path.write_text(
            "\n".join(line for word in sorted(vocab) for line in pronunciations[word]) + "\n",
            encoding="utf-8",
        )
        lm_path.write_text(arpa, encoding="utf-8")
    return lm_path, dict_path
