"""docs/scenarios.md is what coaches copy from, so every example in it must work.

Each ```yaml block is either a complete scenario, which must load with the real
loader and take the main path its first line declares (``# main path: a -> b``),
or a fragment marked ``# fragment`` on its first line, which must still be YAML.
The reference must name every field of the model, and every command and option
the doc tells people to type must exist.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import typer
from pydantic import BaseModel
from ruamel.yaml import YAML

from trainer.checklist import PITFALL_NAMES
from trainer.cli import app
from trainer.scenario.loader import load_scenario
from trainer.scenario.model import Scenario
from trainer.scoring import Scorer

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenarios.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_MAIN_PATH = re.compile(r"^# main path: (.+)$")
_ID = re.compile(r"^id:\s*([a-z0-9][a-z0-9_-]*)", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    lang: str
    text: str
    line: int

    @property
    def first_line(self) -> str:
        return self.text.splitlines()[0] if self.text.strip() else ""

    @property
    def is_fragment(self) -> bool:
        return self.first_line.startswith("# fragment")


def _blocks(lang: str) -> list[Block]:
    text = DOC.read_text(encoding="utf-8")
    return [
        Block(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1)
        for m in _FENCE.finditer(text)
        if m.group(1) == lang
    ]


YAML_BLOCKS = _blocks("yaml")
SCENARIO_BLOCKS = [b for b in YAML_BLOCKS if not b.is_fragment]
FRAGMENT_BLOCKS = [b for b in YAML_BLOCKS if b.is_fragment]


def _write(block: Block, folder: Path) -> Path:
    found = _ID.search(block.text)
    assert found, f"docs/scenarios.md:{block.line}: a complete scenario needs an `id:` line"
    path = folder / f"{found.group(1)}.yaml"
    path.write_text(block.text, encoding="utf-8")
    return path


def test_the_doc_has_a_tutorial_worth_of_examples() -> None:
    assert len(SCENARIO_BLOCKS) >= 6
    assert FRAGMENT_BLOCKS, "the fragment marker is documented by use; keep at least one"


@pytest.mark.parametrize("block", SCENARIO_BLOCKS, ids=lambda b: f"line{b.line}")
def test_complete_example_loads_and_takes_its_declared_main_path(
    block: Block, tmp_path: Path
) -> None:
    declared = _MAIN_PATH.match(block.first_line)
    assert declared, (
        f"docs/scenarios.md:{block.line}: start a complete example with "
        "'# main path: a -> b -> ...', or mark a fragment with '# fragment'"
    )
    scenario = load_scenario(_write(block, tmp_path))
    expected = [part.strip() for part in declared.group(1).split("->")]
    assert scenario.main_path() == expected


@pytest.mark.parametrize("block", SCENARIO_BLOCKS, ids=lambda b: f"line{b.line}")
def test_example_model_answers_are_good_answers(block: Block, tmp_path: Path) -> None:
    """A coach copies these answers' style; the real scorer must agree with them."""
    scenario = load_scenario(_write(block, tmp_path))
    scorer = Scorer(scenario.items)
    pitfalls = {*PITFALL_NAMES, *(i.name for i in scenario.items if i.kind == "avoid")}
    for turn in scenario.turns:
        if turn.model_answer is None:
            continue
        met = scorer.score(turn.model_answer, turn.say, followup=turn.followup).met()
        assert [name for name in turn.expect if not met[name]] == [], turn.id
        assert [name for name in pitfalls if met[name]] == [], turn.id


@pytest.mark.parametrize("block", FRAGMENT_BLOCKS, ids=lambda b: f"line{b.line}")
def test_fragment_is_still_yaml(block: Block) -> None:
    YAML(typ="safe", pure=True).load(StringIO(block.text))


def test_final_tutorial_step_branches_and_has_custom_items(tmp_path: Path) -> None:
    tutorial = [b for b in SCENARIO_BLOCKS if "id: bluebird-offer" in b.text]
    final = load_scenario(_write(tutorial[-1], tmp_path))
    assert final.items, "the tutorial ends with a checklist item of the coach's own"
    assert any(branch.when for turn in final.turns for branch in turn.next)
    expected = {name for turn in final.turns for name in turn.expect}
    assert {item.name for item in final.items} <= expected


def test_examples_validate_through_the_command_line(tmp_path: Path) -> None:
    """What a coach actually runs: `trainer validate FOLDER` on the doc's examples."""
    folder = tmp_path / "examples"
    folder.mkdir()
    # The tutorial rewrites one file step by step; its last version is what a coach ends with.
    written = {_write(block, folder) for block in SCENARIO_BLOCKS}
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "validate", str(folder)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok: ") == len(written)


def _fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for inner in _models_in(info.annotation):
            names |= _fields(inner, seen)
    return names


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        out.extend(_models_in(arg))
    return out


def test_reference_documents_every_field_of_the_model() -> None:
    text = DOC.read_text(encoding="utf-8")
    reference = text[text.index("## 2. Reference"): text.index("## 3.")]
    rows = set(re.findall(r"^\| `(\w+)` \|", reference, re.MULTILINE))
    missing = _fields(Scenario, set()) - rows
    assert not missing, f"fields without a row in the reference: {sorted(missing)}"


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    commands: dict[str, Any] = getattr(group, "commands", {})
    return commands


def _console_invocations() -> list[Any]:
    found = []
    for block in _blocks("console"):
        for offset, line in enumerate(block.text.splitlines()):
            if line.startswith("$ trainer "):
                words = shlex.split(line[2:].split(" > ")[0])[1:]
                number = block.line + offset + 1
                found.append(pytest.param(number, words, id=f"line{number}-{words[0]}"))
    return found


@pytest.mark.parametrize(("line", "words"), _console_invocations())
def test_every_documented_command_and_option_exists(line: int, words: list[str]) -> None:
    commands = _commands()
    name = words[0]
    assert name in commands, f"docs/scenarios.md:{line}: no `trainer {name}` command"
    options = {opt for param in commands[name].params for opt in param.opts}
    used = {word.split("=")[0] for word in words[1:] if word.startswith("--")}
    unknown = used - options
    assert not unknown, f"docs/scenarios.md:{line}: `trainer {name}` has no {sorted(unknown)}"
