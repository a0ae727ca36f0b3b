"""The letter domain never imports the UI."""

from __future__ import annotations

import subprocess
import sys


def test_letter_modules_do_not_import_textual() -> None:
    code = ("import sys\n"
            "import trainer.letter.draft, trainer.letter.score, trainer.letter.letter\n"
            "import trainer.letter.items, trainer.letter.export, trainer.letter.written\n"
            "print(','.join(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
