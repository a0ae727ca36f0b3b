"""Where scenarios come from, and how a user's file overrides a shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer import paths
from trainer.errors import TrainerError
from trainer.scenario.catalog import load_catalog

MINIMAL = """\
id: {id}
title: {title}
situation: decline_interview
difficulty: medium
briefing: You are turning down an interview.
recruiter: {{name: Sam, company: Acme, role: Analyst}}
turns:
  - id: opening
    say: Hi, are you free for an interview?
    expect: [thanks, clear_no]
"""


def test_trainer_home_isolates_everything(trainer_home: Path) -> None:
    assert paths.home() == trainer_home
    assert paths.user_scenarios_dir() == trainer_home / "scenarios"
    assert paths.sessions_dir() == trainer_home / "sessions"


def test_user_file_overrides_shipped_one(trainer_home: Path) -> None:
    shipped = load_catalog().by_id()
    assert shipped, "the trainer ships scenarios"
    some_id = sorted(shipped)[0]
    user_dir = paths.ensure_dir(paths.user_scenarios_dir())
    (user_dir / f"{some_id}.yaml").write_text(
        MINIMAL.format(id=some_id, title="My own version"), encoding="utf-8")
    entry = load_catalog().by_id()[some_id]
    assert entry.source == "user"
    assert entry.scenario is not None and entry.scenario.title == "My own version"
    assert entry.overrides == shipped[some_id].path


def test_scenarios_option_replaces_user_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINIMAL.format(id="mine", title="Mine"), "utf-8")
    catalog = load_catalog([tmp_path])
    assert catalog.get("mine").title == "Mine"
    with pytest.raises(TrainerError, match="no such directory"):
        load_catalog([tmp_path / "missing"])


def test_invalid_file_is_listed_with_its_problems(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: [x\n", "utf-8")
    entry = load_catalog([tmp_path]).by_id()["broken"]
    assert entry.scenario is None
    assert "YAML syntax error" in str(entry.problems[0])
    with pytest.raises(TrainerError, match=r"broken\.yaml has 1 problem"):
        load_catalog([tmp_path]).get("broken")


def test_unknown_id_suggests_the_closest(tmp_path: Path) -> None:
    (tmp_path / "decline-call.yaml").write_text(
        MINIMAL.format(id="decline-call", title="T"), "utf-8")
    with pytest.raises(TrainerError, match=r"did you mean 'decline-call'\?"):
        load_catalog([tmp_path]).get("decline-cal")


def test_get_by_path_outside_any_folder(tmp_path: Path) -> None:
    path = tmp_path / "loose.yaml"
    path.write_text(MINIMAL.format(id="loose", title="Loose"), "utf-8")
    assert load_catalog().get(str(path)).id == "loose"
