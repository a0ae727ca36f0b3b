"""`trainer new`: a valid, commented file in the user's folder, never overwriting anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from trainer.scenario.loader import check_file


def trainer(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)


def test_new_without_a_terminal_asks_nothing_and_writes_a_valid_file(trainer_home: Path) -> None:
    first = trainer("new")
    assert first.returncode == 0, first.stderr
    path = Path(first.stdout.strip())
    assert path == trainer_home / "scenarios" / "my-scenario.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A practice call")
    result = check_file(path)
    assert result.ok, result.problems
    assert result.scenario is not None and len(result.scenario.main_path()) >= 2


def test_new_never_overwrites(trainer_home: Path) -> None:
    first = Path(trainer("new", "--id", "mine").stdout.strip())
    first.write_text(first.read_text("utf-8") + "# my edit\n", "utf-8")
    second = trainer("new", "--id", "mine")
    assert second.returncode == 0
    assert Path(second.stdout.strip()).name == "mine-2.yaml"
    assert "mine already exists; wrote mine-2 instead" in second.stderr
    assert first.read_text("utf-8").endswith("# my edit\n")
    assert check_file(Path(second.stdout.strip())).ok


def test_new_from_a_shipped_scenario_copies_with_a_new_id(trainer_home: Path) -> None:
    listing = trainer("list", "--json").stdout
    shipped_id = __import__("json").loads(listing)[0]["id"]
    result = trainer("new", "--from", shipped_id)
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.name == f"{shipped_id}-copy.yaml"
    checked = check_file(path)
    assert checked.ok, checked.problems
    assert checked.scenario is not None and checked.scenario.id == f"{shipped_id}-copy"
