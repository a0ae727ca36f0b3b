"""What the recogniser should expect to hear in a call: names, companies, roles, figures.

A general-purpose recogniser has never heard of "Northwind Analytics" or a
recruiter called Priya; told about them beforehand (Whisper's initial prompt, a
domain language model for pocketsphinx) it spells them the way the scenario and
the scorecard do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from trainer.scenario.model import Scenario

MAX_TERMS = 30

_FIGURE = re.compile(
    r"[$£€]\s?\d(?:[\d,.]*\d)?\s?(?:k|K|thousand|million)?"
    r"|\b\d(?:[\d,.]*\d)?\s?(?:k|K|%|percent|thousand)(?=\W|$)"
)
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ž"
_LOWER = "a-zß-öø-ÿĀ-ž"  # Latin Extended-A holds both cases, in pairs
_NAME = (
    rf"(?:[{_UPPER}]['’])?[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)*"
    rf"(?:-[{_UPPER}]?[{_LOWER}]+)*"
)
"""Priya, MacLeod, Kraków, Maëlle, Hyun-woo, O'Neill: a name's letters are not all a-z,
and one cut at the first other letter ("Krak", "Hyun") taught the recogniser a wrong word."""
_PROPER = re.compile(rf"(?<![\w'’-])({_NAME}(?:[ \t]+{_NAME})*)(?![\w-])")
_SENTENCE_START = ".!?:;\"'“‘(\n"
_COMMON_CAPS = frozenset(
    {"I", "I'm", "I've", "I'd", "Hi", "Hello", "Thanks", "Thank", "Yes", "No", "Oh", "So", "It"}
)


def scenario_vocabulary(scenario: Scenario) -> list[str]:
    """Terms to bias the recogniser with, most important first, without duplicates."""
    recruiter = scenario.recruiter
    first_name = recruiter.name.split()[0]
    terms: list[str] = [recruiter.name, first_name, recruiter.company, recruiter.role]
    texts = [scenario.briefing]
    for turn in scenario.turns:
        texts.extend(turn.lines())
        texts.extend(text for text in (turn.model_answer, turn.hint) if text)
    return _unique([*terms, *text_terms(texts)])[:MAX_TERMS]


def text_terms(texts: Sequence[str]) -> list[str]:
    """The figures, then the names, that ``texts`` spell: what a call's lines tell the
    recogniser to expect."""
    terms: list[str] = []
    for text in texts:
        terms.extend(match.group(0).strip() for match in _FIGURE.finditer(text))
    for text in texts:
        terms.extend(_proper_names(text))
    return _unique(terms)


def _proper_names(text: str) -> list[str]:
    """Capitalised words and runs of them, except where a sentence starts."""
    names = []
    for match in _PROPER.finditer(text):
        words = match.group(1).split()
        before = text[: match.start()].rstrip(" \t")
        if not before or before[-1] in _SENTENCE_START:
            words = words[1:]  # "Does Tuesday work?": the capital of "Does" says nothing
        name = " ".join(words)
        if name and name not in _COMMON_CAPS:
            names.append(name)
    return names


def _unique(terms: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result: list[str] = []
    for term in terms:
        key = term.strip().lower()
        if key and key not in seen:
            seen.add(key)
            result.append(term.strip())
    return result


DOMAIN_TERMS = ("Job offer", "interview", "recruiter", "role")
"""Always in the prompt: without it tiny.en hears espeak's "interview" as "inter-new"
(measured on 48 espeak-ng probe sentences: "interview" heard 11/12 with it, 7/12
without). Adding "decline", "withdraw", "thank you", or a whole example sentence,
changed nothing measurable on the dev set (bench/speech.py), so the line stays short."""


def whisper_prompt(vocabulary: Sequence[str], limit: int = 400) -> str:
    """A glossary line for Whisper's initial prompt (punctuated, or it drops punctuation).

    A term already spelled inside an earlier one ("Marcus" after "Marcus Bell") is
    left out: it teaches the model nothing new and lengthens every decoding step.
    """
    prompt = ""
    kept: list[str] = []
    for term in _unique([*DOMAIN_TERMS, *vocabulary]):
        if any(_contains(earlier, term) for earlier in kept):
            continue
        kept.append(term)
        candidate = f"{prompt}, {term}" if prompt else term
        if len(candidate) > limit:
            break
        prompt = candidate
    return f"{prompt}."


def _contains(longer: str, term: str) -> bool:
    return re.search(rf"\b{re.escape(term)}\b", longer, re.IGNORECASE) is not None
