"""`trainer list`, `validate`, `schema` and `paths` end to end, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def trainer(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, input=stdin, timeout=120)


def test_help_lists_subcommands() -> None:
    result = trainer("--help")
    assert result.returncode == 0
    for command in ("list", "validate", "schema", "run", "check"):
        assert command in result.stdout


def test_list_json_has_the_contract_keys() -> None:
    result = trainer("list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 8
    for row in rows:
        assert set(row) == {"id", "title", "situation", "difficulty", "turns"}
        assert isinstance(row["turns"], int) and row["turns"] >= 4


def test_list_table_shows_titles() -> None:
    result = trainer("list")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split()[:3] == ["ID", "DIFFICULTY", "TURNS"]


def test_shipped_scenarios_validate() -> None:
    result = trainer("validate", str(REPO / "scenarios"))
    assert result.returncode == 0, result.stdout
    assert "0 problems" in result.stderr


def test_validate_broken_directory_reports_each_problem(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\ntitel: x\n", "utf-8")
    (tmp_path / "b.yaml").write_bytes(b"\xff")
    (tmp_path / "c.yml").write_text("", "utf-8")
    result = trainer("validate", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    a, b, c = (tmp_path / name for name in ("a.yaml", "b.yaml", "c.yml"))
    assert f"{a}:2:1: titel: unknown field 'titel'; did you mean 'title'?" in lines
    assert any(line.startswith(f"{b}:1:1: (file): is not UTF-8") for line in lines)
    assert f"{c}:1:1: (file): is empty; a scenario needs at least id, title and turns" in lines
    assert "Traceback" not in result.stderr


def test_validate_usage_error_exits_2() -> None:
    result = trainer("validate", "--no-such-flag")
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_schema_is_json_schema() -> None:
    result = trainer("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"id", "title", "turns", "recruiter"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_unknown_scenario_is_a_clear_error() -> None:
    result = trainer("paths", "no-such-scenario")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no scenario with id 'no-such-scenario'")
    assert "Traceback" not in result.stderr
