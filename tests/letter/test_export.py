"""A letter written out as text, Markdown and an .eml draft; the .eml reads back the same."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from trainer.letter.export import render, to_eml, to_markdown, to_text
from trainer.letter.letter import Letter, read_letter_file
from trainer.letter.score import score_letter

LETTER = Letter("Data analyst offer – declining with thanks", "Dear Priya,",
                "Thank you for the offer. I won't be accepting it.\n\nAll the best to [the] "
                "*team*, and thanks again.", "Best regards,\nZoë Sánchez")


def test_text_is_the_subject_line_then_the_letter() -> None:
    assert to_text(LETTER) == LETTER.text() + "\n"
    assert render(LETTER, "txt").decode("utf-8").startswith("Subject: Data analyst offer")


def test_an_eml_draft_opens_in_a_mail_program_and_reads_back_the_same(tmp_path: Path) -> None:
    raw = to_eml(LETTER, to="priya@example.com")
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == LETTER.subject
    assert message["To"] == "priya@example.com"
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    path = tmp_path / "letter.eml"
    path.write_bytes(raw)
    assert read_letter_file(path) == LETTER


def test_markdown_shows_text_as_text_with_the_checklist() -> None:
    score = score_letter(LETTER)
    md = to_markdown(LETTER, score.checks, {"thanks": "Thanks"})
    assert "\\[the\\] \\*team\\*" in md
    assert "Dear Priya,  \n" in md
    assert '| Thanks | yes | "Thank you", "thanks again" |' in md
    assert "| clear\\_no | yes |" in md
    assert render(LETTER, "md").decode("utf-8").startswith("## Follow-up letter: ")
