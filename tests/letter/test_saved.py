"""The letter kept with the session: versions saved atomically, shown and exported, and
``trainer letter SESSION`` writing it (a draft from the call until one is saved)."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest

from tests.letter.conftest import by_id, model_call
from tests.sessions.conftest import Cli
from trainer.letter.saved import current_letter, draft_for, save_letter
from trainer.sessions.export import export_session
from trainer.sessions.model import Session
from trainer.sessions.store import SessionStore

SCENARIO = "offer-accepted-elsewhere"


def test_versions_are_kept_with_their_scores_and_the_repairs() -> None:
    scenario = by_id(SCENARIO)
    session_id = model_call(scenario)
    store = SessionStore()
    draft = draft_for(store.load(session_id), scenario, "Sam Rivera")
    first, score = save_letter(store, session_id, draft.letter.text(), scenario, "draft",
                               draft.repairs)
    assert score.overall == 100 and first.score == 100
    edited = "Subject: Hi\n\nDear Priya,\n\nI'm not sure yet, maybe later.\n\nBest,\nSam"
    save_letter(store, session_id, edited, scenario)
    reread = store.load(session_id)
    assert reread.letter is not None
    assert [v.text for v in reread.letter.versions] == [draft.letter.text(), edited]
    assert [v.origin for v in reread.letter.versions] == ["draft", "edited"]
    assert reread.letter.versions[1].score is not None
    assert reread.letter.versions[1].score < 100
    thanks = reread.letter.versions[0].checks["thanks"]
    assert thanks.met and thanks.evidence and thanks.evidence[0].text
    current = current_letter(reread, scenario)
    assert current is not None and current.saved is not None and current.text == edited
    assert current.versions == 2


def test_a_session_without_a_letter_still_loads_and_drafts() -> None:
    scenario = by_id(SCENARIO)
    session_id = model_call(scenario)
    path = SessionStore().file_for(session_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "letter" not in data
    session = Session.from_json(data)
    current = current_letter(session, scenario, "Sam")
    assert current is not None and current.saved is None
    assert current.letter.salutation == "Dear Priya,"
    assert current_letter(session, None) is None


def test_a_damaged_letter_names_its_place() -> None:
    scenario = by_id(SCENARIO)
    session_id = model_call(scenario)
    path = SessionStore().file_for(session_id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["letter"] = {"versions": [{"text": 5, "saved": "2026-01-01T00:00:00+00:00"}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Exception, match=r"letter\.versions\.0\.text"):
        SessionStore().load(session_id)


def test_show_and_every_export_include_the_letter_with_evidence(cli: Cli) -> None:
    scenario = by_id(SCENARIO)
    session_id = model_call(scenario)
    store = SessionStore()
    text = ("Subject: Data analyst offer: declining <with> thanks\n\nDear Priya,\n\n"
            "Thank you for the offer. I won't be accepting it, as I've accepted another role."
            "\n\nI wish you and the team all the best.\n\nBest regards,\nSam")
    save_letter(store, session_id, text, scenario)
    code, out, err = cli("show", session_id)
    assert code == 0, err
    assert "Follow-up letter" in out and "  Dear Priya," in out
    assert '✓ A clear subject line - “' in out
    session = store.load(session_id)
    markdown = export_session(session, "md", scenario)
    assert "## Follow-up letter" in markdown and "declining \\<with\\> thanks" in markdown
    html = export_session(session, "html", scenario)
    assert '<section id="letter">' in html and "declining &lt;with&gt; thanks" in html
    assert "<with>" not in html
    document = json.loads(export_session(session, "json", scenario))
    assert document["letter"]["versions"][0]["text"] == text
    assert document["letter"]["versions"][0]["checks"]["clear_no"]["met"] is True


def test_trainer_letter_drafts_from_the_call_until_one_is_saved(cli: Cli, tmp_path: Path,
                                                                trainer_home: Path) -> None:
    scenario = by_id(SCENARIO)
    session_id = model_call(scenario)
    (trainer_home / "config.toml").write_text('[user]\nname = "Sam Rivera"\n', encoding="utf-8")
    code, out, err = cli("letter", session_id)
    assert code == 0, err
    assert out.startswith("Subject: Data analyst offer") and out.rstrip().endswith("Sam Rivera")
    target = tmp_path / "follow-up.eml"
    code, out, err = cli("letter", "last", "--out", str(target))
    assert code == 0, err
    assert "draft from the call" in out
    message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1" and "Data analyst offer" in str(message["Subject"])
    assert "Dear Priya," in message.get_body().get_content()  # type: ignore[union-attr]
    code, _, err = cli("letter", "last", "--out", str(target))
    assert code != 0 and "exists" in err and "--force" in err
    save_letter(SessionStore(), session_id, "Subject: Mine\n\nDear Priya,\n\nNo thanks.\n\nSam",
                scenario)
    code, out, err = cli("letter", "last", "--out", str(target), "--force")
    assert code == 0 and "saved letter" in out
    assert "Subject: Mine" in target.read_text(encoding="utf-8")
    code, out, err = cli("letter", "last", "--format", "md")
    assert code == 0 and out.startswith("## Follow-up letter: Mine") and "| item |" in out


def test_without_its_scenario_a_saved_letter_is_still_written(cli: Cli) -> None:
    scenario = by_id(SCENARIO)
    session_id = model_call(scenario)
    store = SessionStore()
    with store.edit(session_id) as session:
        session.scenario = "a-scenario-since-deleted"
    code, _, err = cli("letter", session_id)
    assert code != 0 and "no longer found" in err and "Traceback" not in err
    save_letter(store, session_id, "Subject: Offer\n\nDear Priya,\n\nNo, thank you.\n\nSam", None)
    code, out, err = cli("letter", session_id)
    assert code == 0, err
    assert out.startswith("Subject: Offer")


def test_rescoring_the_call_keeps_the_letter(cli: Cli) -> None:
    scenario = by_id(SCENARIO)
    session_id = model_call(scenario)
    save_letter(SessionStore(), session_id, "Subject: Offer\n\nDear Priya,\n\nThanks.\n\nSam",
                scenario)
    code, _, err = cli("rescore", session_id)
    assert code == 0, err
    kept = SessionStore().load(session_id).letter
    assert kept is not None and len(kept.versions) == 1
