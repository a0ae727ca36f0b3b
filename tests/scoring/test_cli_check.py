"""`trainer check` and `trainer score` end to end: the human report, JSON, and the JSONL contract.

Most cases run the real entry point in-process (quick); the JSONL contract and
exit statuses are also checked in a subprocess, exactly as other tools call it.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.checklist import BUILTIN_NAMES
from trainer.cli import main

REPO = Path(__file__).resolve().parents[2]
SCENARIO = "compensation-counter-offer"
OPENING = "Hi, it's Marcus. Have you had a chance to look at the offer?"


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
        stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def trainer(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          input=stdin, timeout=120, check=False)


def test_human_report_shows_scores_thresholds_evidence_and_why(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "check", "Thank you, but I'm not sure I can accept.",
                       "--context", OPENING)
    assert code == 0
    lines = out.splitlines()
    thanks = next(line for line in lines if "Thanks" in line and "✓" in line)
    assert ">= 60" in thanks and '"Thank you"' in thanks
    no = next(k for k, line in enumerate(lines) if "A clear no" in line)
    assert "✗" in lines[no] and "< " in lines[no]
    assert "hedged" in lines[no + 1] and "not sure" in lines[no + 1]
    assert any("Courteous follow-up" in line and "n/a" in line for line in lines)
    assert any("Hedging" in line and "✗" in line for line in lines)
    assert "fillers" in out and "healthy under 4%" in out


def test_json_output(capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "check", "no thanks", "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data["checks"]) == list(BUILTIN_NAMES)
    for check in data["checks"].values():
        assert set(check) == {"met", "score", "threshold", "evidence", "why"}
    assert data["checks"]["thanks"]["met"] is False
    assert "refusal idiom" in data["checks"]["thanks"]["why"]
    assert data["metrics"]["words"] == 2


def test_reply_from_stdin(capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "check", "-", "--json",
                       stdin=b"Thank you, but I have to decline.")
    assert code == 0 and json.loads(out)["checks"]["clear_no"]["met"] is True


def test_one_item_in_detail_with_a_custom_item(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "check", "--scenario", SCENARIO, "--item",
                       "reopens_decision", "Oh, um, let me think about it.")
    assert code == 0
    assert "Score:" in out and "threshold 85" in out
    assert '"let me think about it"' in out and "Why:" in out
    assert "pitfall" in out
    code, out, _ = run(capsys, monkeypatch, "check", "--item", "thanks", "--json", "thank ewe")
    data = json.loads(out)
    assert data["name"] == "thanks" and data["met"] is True and data["evidence"]


def test_custom_items_appear_in_all_outputs_with_a_scenario(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = REPO / "scenarios" / f"{SCENARIO}.yaml"
    code, out, _ = run(capsys, monkeypatch, "check", "--scenario", str(path), "--json", "ok")
    assert code == 0 and "reopens_decision" in json.loads(out)["checks"]
    code, out, _ = run(capsys, monkeypatch, "check", "--scenario", SCENARIO, "ok")
    assert "Reopens decision" in out  # the item's label, never its id


@pytest.mark.parametrize(("args", "message"), [
    (["check"], "give a REPLY"),
    (["check", "hello", "--jsonl"], "not both"),
    (["check", "--jsonl", "--item", "thanks"], "single REPLY"),
    (["check", "hello", "--item", "nope"], "no such item"),
    (["check", "hello", "--item", "reopens_decision"], "custom items need --scenario"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                             args: list[str], message: str) -> None:
    code, _, err = run(capsys, monkeypatch, *args)
    assert code == 2
    assert err.startswith("error: ") and message in err


def test_unknown_scenario_exits_1(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, monkeypatch, "check", "--scenario", "no-such-scenario", "hi")
    assert code == 1 and "no scenario with id" in err


def test_jsonl_contract_in_process(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        json.dumps({"id": "a", "reply": "Thank you, but I have to decline.", "context": OPENING}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "context": "hi"}),
        json.dumps({"id": "b", "reply": 42}),
        json.dumps({"id": "c", "reply": "no thanks", "context": None}),
        json.dumps({"id": "d", "reply": "fine 🙂 \u0007 thanks"}),
        json.dumps({"id": "e", "reply": "Why do you care?",
                    "context": "Can I ask which company you went with?"}),
        json.dumps({"id": "f", "reply": "ok", "context": 3}),
        json.dumps({"id": "\ud800", "reply": "ok"}),
    ]
    stdin = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    code, out, _ = run(capsys, monkeypatch, "check", "--jsonl", stdin=stdin)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r.get("id") for r in results] == ["a", None, None, 7, "b", "c", "d", "e", "f",
                                              "\ud800"]
    assert len(results) == len(lines) - 1  # the blank line is skipped
    for r in results:
        if "checks" in r:
            assert set(r) == {"id", "checks"}
            assert list(r["checks"]) == list(BUILTIN_NAMES)
            for check in r["checks"].values():
                assert set(check) == {"met", "score", "evidence"}
                for ev in check["evidence"]:
                    assert set(ev) == {"start", "end", "text"}
        else:
            assert set(r) == {"id", "error"} and r["error"].startswith("line ")
    first = results[0]["checks"]
    assert first["thanks"]["met"] is True and first["clear_no"]["met"] is True
    assert first["thanks"]["evidence"] == [{"start": 0, "end": 9, "text": "Thank you"}]
    assert results[1]["error"].startswith("line 2: not valid JSON")
    assert "line 5" in results[3]["error"] and '"reply" is missing' in results[3]["error"]
    assert results[7]["checks"]["courteous_followup"]["met"] is False
    assert "context" in results[8]["error"]


def test_jsonl_contract_in_a_subprocess_with_a_scenario() -> None:
    rows = [{"id": n, "reply": r, "context": c} for n, (r, c) in enumerate([
        ("let me think about it", "Would that change things?"),
        ("Thank you, but my decision is final.", "Would that change things?"),
        ("x" * 1_000_000, None),
    ])]
    stdin = "".join(json.dumps(row) + "\n" for row in rows).encode()
    result = trainer("check", "--jsonl", "--scenario", SCENARIO, stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == [0, 1, 2]
    assert list(out[0]["checks"]) == [*BUILTIN_NAMES, "reopens_decision"]
    assert out[0]["checks"]["reopens_decision"]["met"] is True
    assert out[1]["checks"]["courteous_followup"]["met"] is True
    assert out[1]["checks"]["reopens_decision"]["met"] is False


def test_exit_statuses_and_bad_bytes_in_a_subprocess() -> None:
    result = trainer("check", b"no \xff thanks".decode("utf-8", "surrogateescape"))
    assert result.returncode == 0, result.stderr
    result = trainer("check")
    assert result.returncode == 2 and result.stderr.startswith(b"error: ")
    assert b"Traceback" not in result.stderr


def _transcript(tmp_path: Path, turns: object) -> Path:
    """A saved session (as ``trainer`` writes them) holding ``turns``."""
    path = tmp_path / "s1.json"
    path.write_text(json.dumps({"schema_version": 2, "session_id": "s1", "scenario": SCENARIO,
                                "mode": "typed", "started": "2025-06-01T14:22:33+00:00",
                                "turns": turns}))
    return path


def test_score_rescores_a_saved_call(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = _transcript(tmp_path, [
        {"turn_id": "opening", "recruiter": "Hey, it's Marcus.", "reply":
         "Thanks, Marcus. I won't be accepting; the compensation doesn't meet what I need.",
         "checks": {}},
        {"turn_id": "counter_money", "recruiter": "Would that change things?",
         "reply": "Hmm, maybe, let me think about it."},
        {"turn_id": "wrap_up", "recruiter": "Anything else?", "reply": "No. Take care!"},
    ])
    code, out, _ = run(capsys, monkeypatch, "score", SCENARIO, str(path))
    assert code == 0
    assert "Overall:" in out and "Holding the no: clear no in turn 1, then" in out
    assert "counter_money" not in out and "Tip:" in out  # users see turn numbers, not ids
    code, out, _ = run(capsys, monkeypatch, "score", SCENARIO, str(path), "--json")
    data = json.loads(out)
    assert data["holding_the_no"]["status"] == "wavered"
    assert [t["turn_id"] for t in data["turns"]] == ["opening", "counter_money", "wrap_up"]
    assert 0 <= data["score"] <= 100


SESSION_HEAD = ('{"schema_version": 2, "session_id": "t", "scenario": "x", "mode": "typed", '
                '"started": "2025-06-01T14:22:33+00:00", ')


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("{oops", "not valid JSON"),
    ('{"schema_version": 2, "turns": 3}', "session_id: missing"),
    (SESSION_HEAD + '"turns": 3}', "turns: input should be a valid list, got the number 3"),
    (SESSION_HEAD + '"turns": [{"turn_id": "opening", "recruiter": "hi"}]}',
     "turns.0.reply: missing"),
    (SESSION_HEAD + '"turns": [{"turn_id": 1, "recruiter": "hi", "reply": "x"}]}',
     "turns.0.turn_id: input should be a valid string, got the number 1"),
])
def test_score_explains_a_bad_transcript(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         content: str | None, message: str) -> None:
    path = tmp_path / "t.json"
    if content is not None:
        path.write_text(content)
    code, _, err = run(capsys, monkeypatch, "score", SCENARIO, str(path))
    assert code == 1 and err.startswith("error: ") and message in err


def test_score_warns_about_turns_the_scenario_does_not_have(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    path = _transcript(tmp_path, [{"turn_id": "gone", "recruiter": "Hi", "reply": "No thanks."}])
    code, out, err = run(capsys, monkeypatch, "score", SCENARIO, str(path))
    assert code == 0 and "warning:" in err and "gone" in err and "Overall:" in out


@pytest.mark.parametrize("reply", [
    "Oh, I'm sure the whole team will be devastated.",
    "I was never sure about this company anyway.",
    "Are you even listening? I said no.",
])
def test_issue15_followups_are_not_courteous_from_the_cli(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, reply: str) -> None:
    code, out, _ = run(capsys, monkeypatch, "check", "--followup", "--json", reply)
    assert code == 0
    assert json.loads(out)["checks"]["courteous_followup"]["met"] is False
