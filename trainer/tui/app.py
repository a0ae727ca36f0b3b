"""The full-screen trainer: pick a scenario, rehearse the call, read the scorecard.

The app owns navigation (screens post :mod:`trainer.tui.messages` and the app
decides what comes next) and the things every screen shares: where scenarios
come from, the voice (speaker and microphone), the session store.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from trainer.call.interrupt import interrupted_message
from trainer.call.listening import Voice, open_voice
from trainer.errors import AppCrashed, Interrupted, TrainerError
from trainer.scenario.catalog import Catalog, load_catalog
from trainer.scenario.model import Scenario
from trainer.sessions.scored import session_scorecard
from trainer.sessions.store import SessionStore
from trainer.textsafe import visible
from trainer.tui import messages
from trainer.tui.bindings import Scope, bindings
from trainer.tui.commands import KeyCommands, scope_of
from trainer.tui.screens.briefing import BriefingScreen
from trainer.tui.screens.call import CallScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.picker import PickerScreen
from trainer.tui.screens.progress import ProgressScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.scorecard import ScorecardScreen
from trainer.tui.screens.sessions import SessionsScreen

DARK = "textual-dark"
LIGHT = "textual-light"


class TrainerApp(App[None]):
    """Rehearse, out loud, the call that turns down a job offer or an interview."""

    TITLE = "Call rehearsal trainer"
    CSS_PATH = "app.tcss"
    SCOPE: ClassVar[Scope] = "app"
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")  # type: ignore[assignment]
    COMMANDS = App.COMMANDS | {KeyCommands}

    def __init__(
        self,
        *,
        scenario_dirs: Sequence[Path] = (),
        start_scenario: str | None = None,
        typed: bool = False,
        mute: bool = False,
        voice: Voice | None = None,
        seed: int | None = None,
        theme: str | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        """``voice`` and ``seed`` are for tests (a fake microphone, a fixed choice of lines);
        ``catalog`` saves reading the scenarios again when the caller already has."""
        super().__init__()
        self.scenario_dirs = tuple(scenario_dirs)
        self.start_scenario = start_scenario
        self.typed = typed
        self.mute = mute
        self._voice = voice
        self._voice_worker: Worker[Voice] | None = None
        self._seed = seed
        self._calls = 0
        self._catalog = catalog
        self.interrupted_by: signal.Signals | None = None
        """The signal that ended the app, if one did."""
        self.interrupted_call: tuple[str, str] | None = None
        """The scenario and unfinished session of the call that signal stopped."""
        if theme:
            self.theme = theme

    # -- shared services -------------------------------------------------------------------

    async def voice(self) -> Voice:
        """The speaker and microphone, opened in a worker at start-up (probing takes a moment)."""
        if self._voice is None:
            worker = self._voice_worker or self._open_voice()
            try:
                self._voice = await worker.wait()
            except (WorkerFailed, WorkerCancelled) as exc:
                self._voice = Voice(notices=[
                    f"Sound is off: the speech layer failed to start ({exc}). "
                    "Lines are shown on screen and you type your replies."
                ])
        return self._voice

    @work(thread=True, exclusive=True, group="open-voice", exit_on_error=False)
    def _open_voice(self) -> Voice:
        return open_voice(mute=self.mute, typed=self.typed)

    def catalog(self) -> Catalog:
        """The scenarios the picker last read (it reads them in a worker at start-up and again
        when a file changes); read here only when a screen needs one before the picker has."""
        if self._catalog is None:
            self._catalog = load_catalog(self.scenario_dirs)
        return self._catalog

    def store(self) -> SessionStore:
        return SessionStore()

    def rng(self) -> random.Random:
        """A fresh generator per call; seeded calls differ from each other but repeat per run."""
        self._calls += 1
        return random.Random(None if self._seed is None else self._seed + self._calls)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: messages quote file names, ids and problems
        from scenario files, which must never be read as markup (``markup`` is ignored)."""
        super().notify(visible(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=False)

    # -- navigation --------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._catch_signals()
        self.watch(self, "theme", self._save_theme, init=False)
        if self._voice is None:
            self._voice_worker = self._open_voice()
        self.push_screen(PickerScreen(self.store, scenario_dirs=self.scenario_dirs,
                                      catalog=self._catalog))
        if self.start_scenario:
            self.post_message(messages.OpenBriefing(self.start_scenario))

    # -- signals -----------------------------------------------------------------------------

    ENDING_SIGNALS: ClassVar[tuple[signal.Signals, ...]] = (signal.SIGTERM, signal.SIGHUP)

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP (a closed terminal) end the app cleanly: the terminal is
        restored and the user is told where the call in progress was saved."""
        loop = asyncio.get_running_loop()
        for sig in self.ENDING_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._signalled, sig)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in self.ENDING_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)

    def _signalled(self, sig: signal.Signals) -> None:
        screen = self.screen
        call = screen.call if isinstance(screen, CallScreen) else None
        if call is not None and call.session_id is not None and not call.finished:
            self.interrupted_call = (call.scenario.id, call.session_id)
        self.interrupted_by = sig
        self.exit(return_code=128 + sig)

    def on_catalog_loaded(self, message: messages.CatalogLoaded) -> None:
        self._catalog = message.catalog

    def _scenario(self, name: str) -> tuple[Scenario, Path | None] | None:
        """The scenario ``name`` names, or ``None`` after telling the user why not."""
        try:
            catalog = self.catalog()
            entry = catalog.entry(name)
            return catalog.get(name), entry.path
        except TrainerError as exc:
            self.notify(exc.message, title="Cannot open that scenario", severity="error",
                        timeout=12)
            return None

    async def on_open_briefing(self, message: messages.OpenBriefing) -> None:
        found = self._scenario(message.scenario)
        if found is not None:
            self.push_screen(BriefingScreen(found[0], message.scenario, await self.voice()))

    async def on_start_call(self, message: messages.StartCall) -> None:
        found = self._scenario(message.scenario)
        if found is None:
            return
        scenario, path = found
        try:
            screen = CallScreen(scenario, message.scenario, path, await self.voice(),
                                self.store(), self.rng())
        except TrainerError as exc:
            self.notify(exc.message, title="Cannot start the call", severity="error", timeout=12)
            return
        self._replace_top(screen)

    def on_call_ended(self, message: messages.CallEnded) -> None:
        self._replace_top(ScorecardScreen(message.scenario, message.ref, message.session_id,
                                          message.card, self.store()))

    def on_show_picker(self, message: messages.ShowPicker) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def on_open_sessions(self, message: messages.OpenSessions) -> None:
        self.push_screen(SessionsScreen(self.store(), message.scenario))

    def on_open_progress(self, message: messages.OpenProgress) -> None:
        if not isinstance(self.screen, ProgressScreen):
            self.push_screen(ProgressScreen(self.store(), self.catalog))

    def on_open_saved_call(self, message: messages.OpenSavedCall) -> None:
        """A saved call at its scorecard, scored by today's scenario file; a call whose
        scenario is gone opens at its transcript (built-in labels still work there)."""
        try:
            session = self.store().load(message.session_id)
        except TrainerError as exc:
            self.notify(exc.message, title="Cannot open the session", severity="error",
                        markup=False)
            return
        try:
            scenario = self.catalog().get(session.scenario)
        except TrainerError:
            self.notify("Its scenario file is gone, so here is the transcript only.",
                        title="No scorecard")
            self.push_screen(ReviewScreen(message.session_id, self.store(), self.catalog))
            return
        card = session_scorecard(session, scenario,
                                 ending=None if session.finished else "hung_up")
        self.push_screen(ScorecardScreen(scenario, scenario.id, session.session_id, card,
                                         self.store(), saved=True))

    def on_open_session(self, message: messages.OpenSession) -> None:
        self.push_screen(ReviewScreen(message.session_id, self.store(), self.catalog))

    def _replace_top(self, screen: Screen[None]) -> None:
        """Swap the screen on top, unless it is the picker (which always stays underneath)."""
        if isinstance(self.screen, PickerScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    # -- app-wide actions --------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(scope_of(self.screen)))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def _save_theme(self) -> None:
        """Whenever the theme changes (F2, or the palette's theme list), remember it."""
        from trainer.config import save_theme

        try:
            save_theme("dark" if self.current_theme.dark else "light")
        except TrainerError as exc:
            self.notify(f"{exc.message} The theme is used until you quit, but not saved.",
                        title="Could not save the theme", severity="warning", timeout=12,
                        markup=False)


def run_tui(
    *,
    scenario_dirs: Sequence[Path] = (),
    start_scenario: str | None = None,
    typed: bool = False,
    mute: bool = False,
) -> None:
    """Open the trainer full-screen (what ``trainer`` with no command does).

    A scenario or folder named on the command line is checked first, so a typo is
    an error message in the shell rather than a full-screen app with nothing to
    show. Otherwise the picker reads the scenarios in the background.
    """
    from trainer.config import load_config

    try:
        saved = load_config().ui.theme
    except TrainerError:
        saved = None  # the briefing's notices say what is wrong with the file
    theme = {"light": LIGHT, "dark": DARK}.get(saved or "")
    catalog = None
    if start_scenario is not None or scenario_dirs:
        catalog = load_catalog(scenario_dirs)
        if start_scenario is not None:
            catalog.get(start_scenario)
    app = TrainerApp(
        scenario_dirs=scenario_dirs, start_scenario=start_scenario, typed=typed, mute=mute,
        catalog=catalog, theme=theme,
    )
    app.run()
    if app.interrupted_by is not None:
        scenario_id, session_id = app.interrupted_call or (None, None)
        raise Interrupted(interrupted_message(app.interrupted_by, scenario_id, session_id),
                          exit_code=128 + app.interrupted_by)
    if app.return_code:
        # Textual has already printed the traceback; a crash must not look like success.
        raise AppCrashed(app.return_code)

