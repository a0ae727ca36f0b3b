"""``trainer list`` and ``trainer history`` fit the terminal: 80 columns at least, wider when
there is room, long cells cut with an ellipsis, ``--json`` untouched."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from trainer.cli.table import Column, ellipsize, fit_table
from trainer.sessions import Session, SessionStore

RecordFn = Callable[..., Session]
Cli = Callable[..., tuple[int, str, str]]
LONG = "a-scenario-whose-id-goes-on-and-on-and-on"


@pytest.mark.parametrize("columns", [80, 100, 132])
def test_list_fits_the_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = cli("list")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["ID", "DIFFICULTY", "TURNS", "TITLE"]
    assert all(len(line) <= columns for line in lines), max(map(len, lines))
    # titles are cut with an ellipsis where they must be, and only there
    assert any(line.endswith("…") for line in lines) == (columns == 80 or columns == 100)
    # the ids, which the user types, are never cut
    ids = {row["id"] for row in json.loads(cli("list", "--json")[1])}
    assert {line.split()[0] for line in lines[1:]} == ids


def test_list_shows_the_situation_when_there_is_room(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = cli("list")[1]
    assert out.splitlines()[0].split()[-1] == "SITUATION" and "Decline an offer" in out
    assert "…" not in out


def test_history_fits_80_columns_with_short_session_refs_that_work(
    cli: Cli, record: RecordFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = record(LONG, days_ago=2)
    record("b-" + LONG, days_ago=1)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli("history")
    lines = out.splitlines()
    assert code == 0 and all(len(line) <= 80 for line in lines)
    assert "…" in lines[1] and LONG not in out
    ref = lines[1].split()[-1]
    assert first.session_id.startswith(ref) and len(ref) < len(first.session_id)
    assert cli("show", ref)[0] == 0
    monkeypatch.setenv("COLUMNS", "160")
    wide = cli("history")[1]
    assert first.session_id in wide and LONG in wide


def test_history_json_is_unchanged_by_the_width(
    cli: Cli, record: RecordFn, monkeypatch: pytest.MonkeyPatch, store: SessionStore
) -> None:
    record(LONG)
    monkeypatch.setenv("COLUMNS", "80")
    narrow = cli("history", "--json")[1]
    monkeypatch.delenv("COLUMNS")
    assert narrow == cli("history", "--json")[1]
    assert json.loads(narrow)[0]["scenario"] == LONG


def test_piped_output_is_not_cut(cli: Cli, record: RecordFn,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    session = record(LONG)
    monkeypatch.delenv("COLUMNS", raising=False)
    out = cli("history")[1]
    assert session.session_id in out and LONG in out


def test_ellipsize_prefers_a_word_boundary_and_never_overflows() -> None:
    assert ellipsize("Declining an offer after accepting another", 20) == "Declining an offer…"
    assert ellipsize("short", 20) == "short"
    assert ellipsize("abcdefghijklmnopqrstuvwxyz", 10) == "abcdefghi…"
    for width in range(1, 30):
        assert len(ellipsize("Declining an offer after accepting another", width)) <= width


def test_fit_table_shrinks_the_most_expendable_column_first() -> None:
    columns = [Column("ID", shrink=1, min_width=4), Column("N", right=True),
               Column("TITLE", shrink=2, min_width=5)]
    rows = [["alpha-beta", "7", "A title that is far too long"]]
    header, row = fit_table(columns, rows, 30)
    assert header.split() == ["ID", "N", "TITLE"]
    assert len(row) <= 30 and row.startswith("alpha-beta  7  A title")
    assert row.endswith("…")
