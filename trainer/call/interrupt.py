"""What the user is told when a signal ends a call: where it was saved and how to go on.

Line mode and the full-screen app say the same words, and both leave the session
unfinished (every answer is saved as it is given), so the call can be resumed.
"""

from __future__ import annotations

import signal


def interrupted_message(sig: int, scenario_id: str | None, session_id: str | None) -> str:
    name = signal.Signals(sig).name
    if scenario_id is None or session_id is None:
        return f"Interrupted ({name}) before your first answer; nothing needed saving."
    return (f"Interrupted ({name}). Your answers so far are saved in session {session_id}, "
            f"unfinished. Go on with: trainer run {scenario_id} --plain --resume {session_id}")
