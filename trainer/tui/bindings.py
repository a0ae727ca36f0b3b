"""Every key the trainer answers to, in one table.

The footer (through each screen's ``BINDINGS``), the help screen and the command
palette are all built from :data:`KEYS`, so a key, its description and its
palette entry can never disagree.

Screens whose main widget is a text box (the picker's filter, the call's reply
box) use ctrl and function keys only, so typing never triggers an action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

Scope = Literal[
    "app", "picker", "briefing", "call", "redo", "scorecard", "letter", "sessions", "review",
    "progress", "modal",
]

SCOPE_TITLES: dict[Scope, str] = {
    "app": "Everywhere",
    "picker": "Scenario picker",
    "briefing": "Briefing",
    "call": "During the call",
    "redo": "Redoing a turn",
    "scorecard": "Scorecard",
    "letter": "Follow-up letter",
    "sessions": "Saved sessions",
    "review": "Reviewing a session",
    "progress": "Progress",
    "modal": "Dialogs",
}


@dataclass(frozen=True)
class Key:
    id: str
    """Unique, ``scope.action``; also the id a Textual keymap can rebind."""
    scope: Scope
    key: str
    action: str
    """A Textual action string, run on the screen (or the app for the ``app`` scope)."""
    description: str
    """A few words for the footer."""
    help: str
    """One sentence for the help screen and the command palette."""
    show: bool = True
    priority: bool = False


KEYS: tuple[Key, ...] = (
    Key("app.help", "app", "f1", "help", "Help", "Show every key and what it does."),
    Key("app.palette", "app", "ctrl+p", "command_palette", "Commands",
        "Find any action by name.", show=False),
    Key("app.theme", "app", "f2", "toggle_theme", "Light/dark",
        "Switch between the light and the dark theme.", show=False),
    Key("app.quit", "app", "ctrl+q", "quit", "Quit", "Leave the trainer.", show=False,
        priority=True),
    Key("picker.choose", "picker", "enter", "choose", "Choose",
        "Open the briefing of the highlighted scenario."),
    Key("picker.down", "picker", "down", "move(1)", "Next", "Highlight the next scenario.",
        show=False),
    Key("picker.up", "picker", "up", "move(-1)", "Previous",
        "Highlight the previous scenario.", show=False),
    Key("picker.clear", "picker", "escape", "clear_filter", "Clear filter",
        "Empty the filter box and show every scenario.", show=False),
    Key("picker.sessions", "picker", "ctrl+r", "sessions", "Past sessions",
        "Review saved sessions: transcripts, checklists and recordings."),
    Key("picker.progress", "picker", "ctrl+g", "progress", "Progress",
        "See how your calls went over time, item by item."),
    Key("briefing.start", "briefing", "enter", "start", "Start the call",
        "The recruiter rings and speaks first; answer when it is your turn."),
    Key("briefing.back", "briefing", "escape", "back", "Back", "Back to the scenario list."),
    Key("briefing.details", "briefing", "d", "details", "Sound details",
        "Show the full text of the notices about sound and settings."),
    Key("briefing.page_down", "briefing", "pagedown", "scroll_sheet('page_down')", "Page down",
        "Scroll the briefing down a page, whatever has focus.", show=False),
    Key("briefing.page_up", "briefing", "pageup", "scroll_sheet('page_up')", "Page up",
        "Scroll the briefing up a page, whatever has focus.", show=False),
    Key("briefing.down", "briefing", "down", "scroll_sheet('down')", "Scroll down",
        "Scroll the briefing down a line.", show=False),
    Key("briefing.up", "briefing", "up", "scroll_sheet('up')", "Scroll up",
        "Scroll the briefing up a line.", show=False),
    Key("call.redo", "call", "ctrl+r", "redo", "Redo",
        "Answer a turn again: the last (keep the better attempt) or an earlier one (the call "
        "goes on from there)."),
    Key("call.hear", "call", "ctrl+l", "hear_again", "Repeat",
        "Hear the recruiter's line again, then answer."),
    Key("call.type", "call", "ctrl+t", "typing(True)", "Type",
        "Type your replies instead of speaking them."),
    Key("call.speak", "call", "ctrl+t", "typing(False)", "Speak",
        "Speak your replies again instead of typing them."),
    Key("call.file", "call", "ctrl+b", "reply_from_file", "Reply from file",
        "Answer with an audio file you recorded (WAV, FLAC or AIFF); it is transcribed and "
        "scored like a spoken reply.", show=False),
    Key("call.hint", "call", "ctrl+g", "hint", "Hint", "Peek at a hint for this turn."),
    Key("call.model", "call", "ctrl+o", "model_answer", "Model answer",
        "Peek at a model answer for this turn."),
    Key("call.pause", "call", "ctrl+s", "pause", "Pause",
        "Pause the call: the recruiter stops talking and nothing is recorded."),
    Key("call.resume", "call", "ctrl+s", "resume", "Resume",
        "Resume a paused call: the recruiter says the line again."),
    Key("call.skip", "call", "ctrl+n", "skip", "Skip turn",
        "Skip this turn without answering; it is scored as missed.", show=False),
    Key("call.scorecard", "call", "enter", "scorecard", "Scorecard",
        "When the call has ended: see your scorecard."),
    Key("call.panel_down", "call", "pagedown", "scroll_panel('page_down')", "Feedback down",
        "Scroll the feedback panel (what to say, your last reply) down a page.", show=False),
    Key("call.panel_up", "call", "pageup", "scroll_panel('page_up')", "Feedback up",
        "Scroll the feedback panel up a page.", show=False),
    Key("call.hang_up", "call", "escape", "hang_up", "Hang up",
        "End the call now; what you said so far is saved and scored."),
    Key("redo.hear", "redo", "ctrl+l", "hear_again", "Hear again",
        "Hear the recruiter's line again."),
    Key("redo.keep_old", "redo", "1", "keep(False)", "Keep earlier",
        "Keep your earlier answer to this turn."),
    Key("redo.keep_new", "redo", "2", "keep(True)", "Keep new",
        "Keep your new answer to this turn."),
    Key("redo.cancel", "redo", "escape", "cancel", "Cancel",
        "Stop redoing this turn and keep the earlier answer."),
    Key("scorecard.again", "scorecard", "t", "try_again", "Try again",
        "Rehearse the same scenario again from the start."),
    Key("scorecard.review", "scorecard", "v", "review", "Transcript",
        "Review the transcript of this call with every check highlighted."),
    Key("scorecard.export", "scorecard", "e", "export", "Export",
        "Save this call as Markdown, HTML, text or JSON, where you choose."),
    Key("scorecard.letter", "scorecard", "w", "write_letter", "Follow-up letter",
        "Write the follow-up letter: a draft from what you said, to edit, score and send."),
    Key("letter.score", "letter", "ctrl+r", "score", "Score",
        "Score the letter now (it is also scored after a pause in typing)."),
    Key("letter.save", "letter", "ctrl+s", "save", "Save",
        "Keep this version of the letter with the session; earlier versions stay."),
    Key("letter.export", "letter", "ctrl+o", "export", "Export",
        "Save the letter as an email draft that opens in your mail program, ready to send."),
    Key("letter.blank", "letter", "ctrl+n", "blank", "Blank",
        "Start the letter from a blank page."),
    Key("letter.redraft", "letter", "ctrl+g", "redraft", "Redraft",
        "Put the trainer's draft from the call back in the text area."),
    Key("letter.back", "letter", "escape", "back", "Back", "Back to the scorecard."),
    Key("scorecard.misheard", "scorecard", "m", "play_misheard", "Hear misheard",
        "Play the part of the recording where the recogniser may have misheard a word that "
        "changes the score (again: the next one).", show=False),
    Key("scorecard.correct", "scorecard", "c", "correct", "Correct",
        "Correct the transcript of the turn with the word that may be misheard (the last "
        "one played, else the first); it is scored again and what was heard is kept.",
        show=False),
    Key("scorecard.back", "scorecard", "escape", "back", "Back",
        "Back to where you came from: the scenario list, or the saved sessions."),
    Key("sessions.open", "sessions", "enter", "open", "Open",
        "Open the highlighted session: its scorecard, transcript and export."),
    Key("sessions.delete", "sessions", "d", "delete", "Delete",
        "Delete the highlighted session and its recordings (asks first)."),
    Key("sessions.back", "sessions", "escape", "back", "Back", "Back to the scenario list."),
    Key("review.play", "review", "p", "play", "Play reply",
        "Play the recording of the highlighted reply."),
    Key("review.misheard", "review", "m", "play_misheard", "Hear misheard",
        "Play the part of the recording the recogniser may have misheard (again: the next).",
        show=False),
    Key("review.correct", "review", "c", "correct", "Correct",
        "Correct the transcript of the highlighted reply; it is scored again and what was "
        "heard is kept beside it."),
    Key("review.back", "review", "escape", "back", "Back", "Back to the previous screen."),
    Key("sessions.progress", "sessions", "g", "progress", "Progress",
        "See how your calls went over time, item by item."),
    Key("progress.back", "progress", "escape", "back", "Back", "Back to the previous screen."),
    Key("modal.close", "modal", "escape", "dismiss", "Close", "Close this dialog."),
)


def key_of(key_id: str) -> str:
    """The key of a table entry, as prose names it ("ctrl+s"), for hints in messages."""
    for key in KEYS:
        if key.id == key_id:
            return _PROSE.get(key.key, key.key)
    raise KeyError(key_id)


_PROSE = {"enter": "Enter", "escape": "Esc", "pagedown": "PgDn", "pageup": "PgUp"}


def keys_for(scope: Scope) -> tuple[Key, ...]:
    return tuple(key for key in KEYS if key.scope == scope)


def bindings(scope: Scope) -> list[Binding]:
    """The Textual bindings of ``scope``, for a screen's (or the app's) ``BINDINGS``."""
    return [
        Binding(
            key.key,
            key.action,
            key.description,
            show=key.show,
            priority=key.priority,
            tooltip=key.help,
            id=key.id,
        )
        for key in keys_for(scope)
    ]
