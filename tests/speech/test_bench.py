"""The speech benchmark runs in CI in its quick mode and prints its figures."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "speech.py"


@pytest.mark.e2e
def test_quick_benchmark_prints_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "model load" in result.stdout and "WER" in result.stdout
    assert "transcript ready" in result.stdout and "peak RSS" in result.stdout


def _bench() -> ModuleType:
    """bench/speech.py as a module (it is a script, not part of the package)."""
    if "bench_speech" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_speech", BENCH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_speech"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["bench_speech"]


@pytest.mark.parametrize(
    ("said", "heard"),
    [
        ("The budget is 62,000.", "The budget is sixty-two thousand."),
        ("I need at least 85, so no.", "I need at least eighty five. So, no."),
        ("It's $95,000 plus 10%.", "It's ninety five thousand dollars plus ten percent."),
        ("I won't, and I'm sure.", "I will not, and I am sure."),
        ("Um, I apologise to Harbour.", "I apologize to Harbor."),
        ("A four-day week, the 2nd interview", "a 4 day week, the second interview"),
        ("Ten k more, three hundred and fifty", "10k more, 350"),
        ("Kraków? Not Malmö, Zoë.", "Krakow. Not Malmo, Zoe."),
        ("Put me down for the fourteenth.", "Put me down for the 14th."),
        ("Tuesday the twenty-first, or the ninth", "Tuesday the 21st, or the 9th"),
    ],
)
def test_wer_normaliser_treats_spellings_of_the_same_words_alike(said: str, heard: str) -> None:
    bench = _bench()
    assert bench.normalise_for_wer(said) == bench.normalise_for_wer(heard)


def test_wer_normaliser_keeps_separate_figures_and_real_differences() -> None:
    bench = _bench()
    assert bench.normalise_for_wer("five, six") == "5 6"
    assert bench.normalise_for_wer("68 thousand, sixty eight K") == "68000 68000"
    assert bench.normalise_for_wer("I won't accept") != bench.normalise_for_wer("I will accept")
    assert bench.word_errors("a b c d", "a x c") == (2, 4)


def test_meaning_word_error_counts_lost_negations_changed_names_and_inventions() -> None:
    bench = _bench()
    names = ("Priya", "Northwind Analytics")
    said = "Thanks Priya, but I can't accept: it's still below 80,000 at Northwind."
    assert bench.meaning_errors(said, said, names) == (0, 7)
    # "can't" heard as "can" loses its "not"; "below" dropped; a figure and a name changed
    heard = "Thanks Priya, but I can accept: it's still 18,000 at North Wind."
    assert bench.meaning_errors(said, heard, names) == (5, 7)
    # a thanks and a no that were never said count as errors too
    assert bench.meaning_errors("I will take it.", "No, thank you, I will take it.", ()) == (2, 0)


def test_test_split_has_every_shipped_scenario_with_its_vocabulary() -> None:
    bench = _bench()
    replies = bench.scenario_replies()
    scenarios = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
    assert {Path(r.scenario) for r in replies} == set(scenarios)
    assert all(r.names and r.context for r in replies)


def test_meaning_mistakes_pair_each_error_with_what_was_heard_in_its_place() -> None:
    bench = _bench()
    names = ("Priya",)
    said = "Oh, that's all, Priya. I can't go below 80."
    heard = "No, that's all, Maria. I can go below AD."
    mistakes = bench.meaning_mistakes(said, heard, names)
    assert sorted(mistakes) == sorted(
        [("(oh)", "no"), ("priya", "(maria)"), ("not", ""), ("80", "(ad)")]
    )
    # as many errors listed as counted (a pair of two meaning words counts twice)
    errors, _ = bench.meaning_errors(said, heard, names)
    assert errors == sum((s[:1] not in "(") + (h[:1] not in "(") for s, h in mistakes)
    assert bench.meaning_mistakes(said, said, names) == []


def test_spoken_forms_of_no_are_the_same_meaning_word_but_still_a_word_error() -> None:
    bench = _bench()
    assert bench.meaning_errors("Nope. Thanks anyway.", "No. Thanks anyway.", ()) == (0, 2)
    assert bench.meaning_errors("Nah, I'm fine.", "Yeah, I'm fine.", ()) == (1, 1)
    assert bench.meaning_mistakes("Nah, I'm fine.", "Yeah, I'm fine.", ()) == [("nah", "(yeah)")]
    assert bench.word_errors(bench.normalise_for_wer("Nope."), bench.normalise_for_wer("No.")) == (
        1, 1)


def test_a_names_possessive_and_an_ordinal_are_the_name_and_the_figure() -> None:
    bench = _bench()
    names = ("Friday", "Omar Haddad")
    said = "Friday's no good, Omar, and the 21st is too late."
    assert bench.meaning_errors(said, "Friday no good, Omar, and the 21 is too late.",
                                names) == (0, 4)
    assert bench.meaning_mistakes(said, "Friday no good, Omar, and the 21 is too late.",
                                  names) == []
    # a name or a figure heard as something else is still an error
    heard = "Fry days no good, Omar, and the 22nd is too late."
    assert bench.meaning_errors(said, heard, names) == (3, 4)
    assert sorted(said for said, _ in bench.meaning_mistakes(said, heard, names)) == [
        "21st", "fridays"]


def test_the_call_names_are_found_as_the_app_finds_a_scenarios_terms() -> None:
    bench = _bench()
    names = bench.call_names("Hi, it's Zoe from Halcyon Travel.", "Hi Zoe, it's below $72,000.")
    assert names == ("$72,000", "Zoe", "Halcyon Travel")


def test_data_file_replies_keep_labels_and_take_names_from_context_and_reply(
    tmp_path: Path,
) -> None:
    bench = _bench()
    data = tmp_path / "unseen.jsonl"
    data.write_text(
        '{"id": "u1", "context": "Hi, it\'s Oskar from Brightline Freight.", '
        '"reply": "Thanks Oskar, but no.", "labels": {"thanks": true, '
        '"courteous_followup": null}}\n\n'
    )
    (reply,) = bench.labelled_replies(data)
    assert reply.text == "Thanks Oskar, but no."
    assert reply.names == ("Oskar", "Brightline Freight")
    assert reply.labels == (("thanks", True),)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"id": "u1", "reply": "ok"}\n{oops\n', "unseen.jsonl:2: not JSON"),
        ('{"id": "u1", "context": "Hi"}\n', 'unseen.jsonl:1: no "reply" text'),
        ("\n", "no replies in it"),
    ],
)
def test_a_bad_data_file_is_refused_with_where_and_how_to_fix(
    tmp_path: Path, content: str, said: str
) -> None:
    data = tmp_path / "unseen.jsonl"
    data.write_text(content)
    result = subprocess.run(
        [sys.executable, str(BENCH), "--data", str(data)], capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert result.returncode == 2
    assert said in result.stderr and "Fix:" in result.stderr
    assert "Traceback" not in result.stderr
