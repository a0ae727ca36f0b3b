"""The reports for a coach: the HTML parsed for structure, marks, escaping and no network."""

from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser

import pytest

from trainer.scenario.catalog import load_catalog
from trainer.scoring.result import Evidence, ItemResult, ReplyMetrics, ReplyScore, ReplyTiming
from trainer.sessions import Session, SessionStore, TurnDecision, TurnRecord
from trainer.sessions.export import export_session
from trainer.sessions.report import build_report

NASTY = 'Thank you so much <script>alert("x")</script> & *all*, but I think I\'ll probably pass.'
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base"}


def _span(reply: str, text: str) -> Evidence:
    start = reply.index(text)
    return Evidence(start, start + len(text), text)


def _session(store: SessionStore, *, finish: bool = True) -> Session:
    session = store.create("offer-accepted-elsewhere", "Offer <accepted> elsewhere", "", "audio")
    checks = {
        "thanks": ItemResult("thanks", True, 96.0, 80.0, (_span(NASTY, "Thank you so much"),)),
        "clear_no": ItemResult("clear_no", False, 35.0, 80.0),
        "hedged": ItemResult("hedged", True, 91.0, 80.0,
                             (_span(NASTY, "I think"), _span(NASTY, "probably")), "hedge"),
        "courteous_followup": ItemResult("courteous_followup", None, 0.0, 80.0),
    }
    session.add_turn(TurnRecord.from_reply_score(
        "opening", "Hi, it's Priya from Northwind & Co.",
        ReplyScore(NASTY, checks, ReplyMetrics.from_json(
            {"wpm": 162.5, "words": 17, "filler_words": [{"start": 0, "end": 2, "text": "um"}],
             "line_kind": "opening"})),
        expected=("thanks", "clear_no"), source="audio", engine="whisper-tiny.en",
        audio="rec/turn-00.wav", timing=ReplyTiming(1.25, 4.5),
        decision=TurnDecision("end", "branch 2: otherwise"),
    ))
    if finish:
        store.finish(session, 58.0)
    else:
        store.save(session)
    return session


class _Page(HTMLParser):
    """Everything a test wants to know about the page, checking tags nest as they should."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[str, str]] = []
        self.reply_text: list[str] = []
        self.style = ""
        self._in_mark: str | None = None
        self._in_reply = 0
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "mark":
            self._in_mark = attributes.get("class") or ""
            self.marks.append((self._in_mark, ""))
        if tag == "p" and attributes.get("class") == "reply":
            self._in_reply = len(self.stack)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        if self._in_reply and len(self.stack) == self._in_reply:
            self._in_reply = 0
        self.stack.pop()
        if tag == "mark":
            self._in_mark = None
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        if self._in_mark is not None:
            kind, text = self.marks[-1]
            self.marks[-1] = (kind, text + data)
        if self._in_reply:
            self.reply_text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert page.stack == [], f"unclosed: {page.stack}"
    return page


def test_html_is_one_well_formed_page_with_nothing_to_fetch(store: SessionStore) -> None:
    html = export_session(_session(store), "html")
    assert html.startswith("<!DOCTYPE html>")
    page = _parse(html)
    names = [tag for tag, _ in page.tags]
    assert names[:2] == ["html", "head"] and "body" in names
    assert not {"script", "link", "img", "iframe", "object", "embed", "audio", "video",
                "source", "base", "form"} & set(names)
    for tag, attributes in page.tags:
        for name, value in attributes.items():
            assert name not in {"src", "href", "srcset", "action"}, (tag, name)
            assert "//" not in (value or "") and "url(" not in (value or ""), (tag, name, value)
    assert "url(" not in page.style and "@import" not in page.style and page.style.strip()
    assert "http:" not in html.lower() and "https:" not in html.lower()
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0].get("content") or "")


def test_html_marks_the_evidence_and_escapes_what_was_said(store: SessionStore) -> None:
    page = _parse(export_session(_session(store), "html"))
    assert page.marks == [("do", "Thank you so much"), ("avoid", "I think"),
                          ("avoid", "probably")]
    titles = {a.get("title") for t, a in page.tags if t == "mark"}
    assert titles == {"Thanks", "Hedging"}  # labels, not internal names
    said = "".join(page.reply_text)
    assert said == "You: " + NASTY  # the text survives escaping exactly
    assert all(tag != "script" for tag, _ in page.tags)
    assert [t for t, _ in page.tags if t == "title"] == ["title"]


def test_html_has_scorecard_transcript_metrics_and_model_answer(store: SessionStore) -> None:
    scenario = load_catalog().get("offer-accepted-elsewhere")
    answer = scenario.turn("opening").model_answer
    assert answer is not None
    html = export_session(_session(store), "html", scenario)
    text = re.sub(r"<[^>]+>", "", html)
    for expected in ("58/100", "Scorecard", "A clear no", "missed in turn 1",
                     "Hedging", "turn 1, “I think”, “probably”", "Hi, it&#x27;s Priya",
                     "Response delay", "1.2 s", "Pace", "162 words a minute", "Fillers",
                     "1: um",
                     "Model answer:", escape(answer), "To work on"):
        assert expected in text, expected
    # The model answer comes from the shipped scenario, as the session has none of its own.
    report = build_report(store.load(store.resolve("last")), scenario)
    assert report.turns[0].model_answer == answer


def test_markdown_escapes_and_bolds_the_evidence(store: SessionStore) -> None:
    md = export_session(_session(store), "md")
    assert md.startswith("# Offer \\<accepted\\> elsewhere: practice call\n")
    reply_line = next(line for line in md.splitlines() if line.startswith("**You:**"))
    assert reply_line == (
        "**You:** **Thank you so much** \\<script\\>alert\\(\"x\"\\)\\</script\\> \\& \\*all\\*, "
        "but **I think** I'll **probably** pass."
    )
    assert "| ❌ | A clear no | missed in turn 1 |" in md
    assert "- ⚠️ **Hedging**: showed up - “I think”, “probably”" in md
    assert ("*Speech:* Response delay 1.2 s · Reply length 4.5 s · Pace 162 words a minute · "
            "Words 17 · Fillers 1: um" in md)
    assert "opening" not in md.split("*Speech:*")[1].split("\n")[0]  # the scorer's workings


def test_unfinished_sessions_say_so(store: SessionStore) -> None:
    md = export_session(_session(store, finish=False), "md")
    assert "This call was not finished: 1 reply saved" in md
    assert "- **Score:** -/100" in md


def test_json_export_is_the_session_document(store: SessionStore) -> None:
    session = _session(store)
    data = json.loads(export_session(session, "json"))
    assert data == json.loads(store.file_for(session.session_id).read_text())
    assert Session.from_json(data) == session


def test_unknown_format_is_refused(store: SessionStore) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_session(_session(store), "pdf")  # type: ignore[arg-type]


def test_a_real_scorecard_drives_the_checklist_and_the_call_summary(
    store: SessionStore,
) -> None:
    from trainer.scoring import Scorer
    from trainer.sessions.scored import session_scorecard

    scenario = load_catalog().get("offer-accepted-elsewhere")
    turn = scenario.turn("opening")
    reply = "Thank you so much, Priya. I think I'll probably not accept the offer, sorry."
    score = Scorer(scenario.items).score(reply, turn.say, followup=turn.followup,
                                         timing=ReplyTiming(0.6, 5.0))
    session = store.create(scenario.id, scenario.title, "", "mic")
    session.add_turn(TurnRecord.from_reply_score(
        turn.id, turn.say, score, expected=tuple(turn.expect), source="mic",
        timing=ReplyTiming(0.6, 5.0)))
    store.finish(session, float(session_scorecard(session, scenario).overall))

    report = build_report(store.load(session.session_id), scenario)
    lines = {line.label: line for line in report.checklist}
    assert lines["Thanks"].state == "good" and "“Thank you so much”" in lines["Thanks"].detail
    assert lines["A clear no"].state == "bad"
    assert lines["A clear no"].detail.startswith("missed in turn 1")
    assert lines["Hedging"].pitfall and lines["Hedging"].state == "bad"
    overview = dict(report.overview)
    assert overview["Holding the no"] and overview["Explaining"]
    assert "A clear no" in dict(report.tips)

    page = _parse(export_session(store.load(session.session_id), "html", scenario))
    assert ("do", "Thank you so much") in page.marks
    assert any(kind == "avoid" for kind, _ in page.marks)
    md = export_session(store.load(session.session_id), "md", scenario)
    assert "| ❌ | A clear no | missed in turn 1" in md
    assert "- **Holding the no:** " in md


def test_control_characters_in_a_reply_never_reach_the_terminal(store: SessionStore) -> None:
    from trainer.sessions.render_text import render_scorecard, render_text
    from trainer.sessions.scored import session_scorecard

    session = store.create("offer-accepted-elsewhere", "Offer", "", "typed")
    nasty = "Thanks \x1b[31mred\x1b[0m \u202eon, I won't be accepting\x07."
    session.add_turn(TurnRecord.from_reply_score(
        "opening", "Hi\x1b]0;pwned\x07", ReplyScore(nasty, {
            "thanks": ItemResult("thanks", True, 90.0, 80.0, (_span(nasty, "Thanks"),))})))
    store.finish(session, 50.0)
    outputs = [render_text(build_report(session), color=True),
               render_text(build_report(session)), export_session(session, "md"),
               render_scorecard(session_scorecard(session, None))]
    for text in outputs:
        assert "\x07" not in text and "\u202e" not in text
        assert "\x1b]0;" not in text and "\x1b[31m" not in text
        assert "\\x1b" in text and "red" in text  # shown, not obeyed
    assert "\x1b[4;32mThanks\x1b[0m" in outputs[0]  # the trainer's own colours stay
