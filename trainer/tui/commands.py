"""The command palette's entries, built from the key table.

Each screen names its ``SCOPE``; the palette offers that scope's keys (those the
screen currently allows, per ``check_action``) and the app-wide ones, so every
action is reachable without knowing its key.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.actions import parse
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from trainer.tui.bindings import Key, Scope, keys_for


def scope_of(node: DOMNode) -> Scope | None:
    scope: Scope | None = getattr(node, "SCOPE", None)
    return scope


Target = Widget | App[Any]


def available_keys(screen: Screen[Any]) -> Iterator[tuple[Key, Target]]:
    """The keys of ``screen``'s scope that it allows now, then the app's."""
    scope = scope_of(screen)
    if scope is not None:
        for key in keys_for(scope):
            _, name, params = parse(key.action)
            if screen.check_action(name, params):
                yield key, screen
    for key in keys_for("app"):
        yield key, screen.app


class KeyCommands(Provider):
    """Palette entries for every key of the current screen and of the app."""

    def _entries(self) -> list[tuple[str, Key, Target]]:
        shown = self.app.get_key_display
        return [
            (f"{key.description} ({shown(Binding(key.key, key.action))})", key, node)
            for key, node in available_keys(self.screen)
        ]

    async def discover(self) -> Hits:
        for title, key, node in self._entries():
            yield DiscoveryHit(title, partial(_run, node, key.action), help=key.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, key, node in self._entries():
            score = max(matcher.match(title), matcher.match(key.help) * 0.8)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(_run, node, key.action),
                    help=key.help,
                )


async def _run(node: Target, action: str) -> None:
    await node.run_action(action)
