"""Validation messages: exact text, one per problem, with line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from trainer.errors import TrainerError
from trainer.scenario.loader import check_file, load_scenario

GOOD = """\
id: {id}
title: A test call
situation: decline_offer
difficulty: easy
briefing: You are declining.
recruiter:
  name: Priya
  company: Lumen
  role: Designer
turns:
  - id: opening
    say: Hi, have you decided?
    expect: [thanks, clear_no]
    next:
      - when: {{missing: brief_reason}}
        goto: ask_reason
      - goto: wrap_up
  - id: ask_reason
    say: Can I ask why?
    followup: true
    expect: courteous_followup
  - id: wrap_up
    say: Anything else?
    expect: graceful_close
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    return [str(p).replace(str(path), "F") for p in check_file(path).problems]


def test_good_file_loads(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, "good.yaml", GOOD.format(id="good")))
    assert scenario.id == "good"
    assert [t.id for t in scenario.turns] == ["opening", "ask_reason", "wrap_up"]
    assert scenario.turn("ask_reason").expect == ["courteous_followup"]
    assert scenario.turn("ask_reason").followup is True


def test_every_shape_problem_reported_with_position(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", """\
        id: Bad File
        titel: A test call
        situation: decline_ofer
        difficulty: hardd
        briefing: ""
        recruiter:
          name: Priya
          company: [Lumen]
        turns:
          - id: opening
            say: Hi
            rate: fast
        """)
    assert messages(path) == [
        "F:1:1: title: required field 'title' is missing; add it",
        "F:1:5: id: got 'Bad File', expected an id made of lower-case letters, digits, '-' or "
        "'_', starting with a letter or digit",
        "F:2:1: titel: unknown field 'titel'; did you mean 'title'?",
        "F:3:12: situation: got 'decline_ofer', expected one of: decline_offer, "
        "decline_interview, decline_second_interview, salary_below_expectations, "
        "cancel_interview; did you mean 'decline_offer'?",
        "F:4:13: difficulty: got 'hardd', expected one of: easy, medium, hard; "
        "did you mean 'hard'?",
        "F:5:11: briefing: must not be empty",
        "F:7:3: recruiter.role: required field 'role' is missing; add it",
        "F:8:12: recruiter.company: got a list, expected text",
        "F:12:5: turns[0].rate: unknown field 'rate' (allowed here: id, say, alternatives, "
        "expect, followup, model_answer, hint, next)",
    ]


def test_graph_and_item_problems(tmp_path: Path) -> None:
    text = GOOD.format(id="graph").replace("clear_no]", "clear_noo, offensive]").replace(
        "goto: ask_reason", "goto: ask_reson"
    ) + ("    next: [{goto: end}]\n"
         "  - id: spin\n    say: Round and round.\n    next:\n      - goto: spin\n")
    path = write(tmp_path, "graph.yaml", text)
    assert messages(path) == [
        "F:13:22: turns[0].expect[1]: unknown checklist item 'clear_noo'; did you mean "
        "'clear_no'? (known: thanks, clear_no, brief_reason, courteous_followup, "
        "graceful_close, offensive, hedged, over_detailed)",
        "F:13:33: turns[0].expect[2]: 'offensive' is a pitfall to avoid; list only things to "
        "do under 'expect'",
        "F:16:15: turns[0].next[0].goto: no turn with id 'ask_reson'; did you mean "
        "'ask_reason'? (turn ids: opening, ask_reason, wrap_up, spin, or 'end')",
        "F:18:9: turns[1]: turn 'ask_reason' can never be reached; add a branch that goes to "
        "it, or remove it",
        "F:26:9: turns[3]: turn 'spin' can never be reached; add a branch that goes to it, "
        "or remove it",
    ]


def test_loop_with_no_way_out(tmp_path: Path) -> None:
    text = GOOD.format(id="loop").replace(
        "    expect: graceful_close\n",
        "    expect: graceful_close\n    next:\n      - goto: ask_reason\n",
    ).replace("    expect: courteous_followup\n",
              "    expect: courteous_followup\n    next:\n      - goto: wrap_up\n")
    path = write(tmp_path, "loop.yaml", text)
    assert messages(path) == [
        f"F:{line}:9: turns[{i}]: turn '{name}' is in a loop with no way to end the call; "
        "give it a branch to a later turn or 'goto: end'"
        for line, i, name in ((11, 0, "opening"), (18, 1, "ask_reason"), (24, 2, "wrap_up"))
    ]


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "other.yaml", GOOD.format(id="good"))
    assert messages(path) == [
        "F:1:5: id: id 'good' differs from the file name 'other'; rename the file to "
        "good.yaml or change the id"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "F:1:1: (file): is empty; a scenario needs at least id, title and turns"),
        (b"\xff\xfeid: x", "F:1:1: (file): is not UTF-8 text (byte 0xff at offset 0); save "
                            "the file as UTF-8"),
        (b"id: x\n  bad: [\n", "F:2:3: (file): YAML syntax error: bad indentation: this line "
                              "is indented further than the one above, which already has its "
                              "value; line it up with the keys it belongs with\n"
                              "  2 |   bad: [\n"
                              "    |   ^"),
        (b"a: &a [x, x]\nb: [*a, *a]\n", "F:1:4: (file): YAML anchors (&a) are not allowed; "
                                          "write the value out"),
        (b"id: !!python/object/apply:os.system [ls]\n",
         "F:1:5: (file): YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not "
         "allowed in scenario files; remove the tag"),
        (b"- just\n- a list\n", "F:1:1: (top level): expected a mapping of fields (id:, title:, "
                                "turns: ...), got CommentedSeq"),
        (b"id: a\nid: b\n", "F:2:1: (file): YAML syntax error: the key 'id' appears twice in "
                            "the same mapping (first on line 1); remove one, or rename it if it "
                            "belongs elsewhere\n  2 | id: b\n    | ^"),
        (b"x\x00y", "F:1:1: (file): is a binary file (contains NUL bytes), not YAML text"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    assert messages(path) == [expected]


def test_directory_and_huge_file(tmp_path: Path) -> None:
    assert messages(tmp_path) == [
        "F:1:1: (file): is a folder, not a scenario file; only regular files are read"
    ]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 50_000_000)
    assert messages(big) == [
        "F:1:1: (file): is 50,000,000 bytes; a scenario file may be at most 512,000 bytes"
    ]


def test_deep_nesting_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    assert messages(path) == ["F:1:35: (file): is nested more than 32 levels deep"]


def test_load_scenario_raises_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "id: x\n")
    with pytest.raises(TrainerError) as info:
        load_scenario(path)
    text = info.value.message
    assert text.startswith(f"{path} has 6 problems:\n")
    for name in ("title", "situation", "difficulty", "briefing", "recruiter", "turns"):
        assert f"{name}: required field '{name}' is missing" in text


def test_hostile_files_are_refused(tmp_path: Path) -> None:
    laughs = tmp_path / "laughs.yaml"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    laughs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert messages(laughs) == ["F:1:4: (file): YAML anchors (&a) are not allowed; write the "
                                "value out"]

    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    assert messages(huge) == ["F:1:1: (file): is 104,857,600 bytes; a scenario file may "
                              "be at most 512,000 bytes"]

    deep = tmp_path / "deep.yaml"
    deep.write_text("a:\n" + "".join("  " * i + "- \n" for i in range(1, 200)), "utf-8")
    assert messages(deep)[0].endswith("is nested more than 32 levels deep")

    many = tmp_path / "many.yaml"
    many.write_text("a: [" + ",".join(["1"] * 200_000) + "]\n", "utf-8")
    assert messages(many) == ["F:1:39999: (file): has more than 20,000 values; too large for a "
                              "scenario"]
