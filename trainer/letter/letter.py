"""The follow-up letter as a value, and reading one from text the user wrote anywhere.

A letter is four parts: the subject line, the salutation ("Dear Priya,"), the
body and the sign-off ("Best regards,\\nSam"). They are kept apart because the
checklist judges them apart: the subject on its own, the decision in the first
sentences of the body, a warm close before the sign-off (a bare "Regards" is
not one). Reading splits free text into the same parts, tolerantly: a letter
with no salutation or no sign-off is still a letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")

_SALUTATION = re.compile(
    r"^\s*(?:dear|hi|hello|hey|hiya|good (?:morning|afternoon|evening|day)|greetings|"
    r"to whom it may concern)\b",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:with )?(?:best|kind|kindest|warm|warmest|many|all the|my) ?(?:regards|wishes|"
    r"thanks|best)?|regards|sincerely|yours(?: sincerely| truly| faithfully| ever)?|"
    r"(?:with )?(?:many )?thanks(?: again)?|thank you(?: again)?|cheers|respectfully|warmly|"
    r"with gratitude|gratefully|take care|best|all the best|speak soon)\s*[,.!\-\u2013\u2014]?\s*$",
    re.IGNORECASE,
)
_NAME_ONLY = re.compile(r"^\s*[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,2}\s*,\s*$")
"""A first line that is only a name and a comma ("Priya,") greets like "Dear Priya,"."""
_GREETING_LINE = re.compile(r"^\s*[^\W\d_][^.!?]{0,40}[,:]\s*$")
"""A short first line ending in a comma, in any language ("Kia ora Aroha,", "Bonjour Claire,")."""
_CLOSING_LINE = re.compile(r"^\s*[^\W\d_][^.!?]{0,30},\s*$")
"""A short line ending in a comma just before the name ("Ngā mihi,", "Un saludo,")."""
_HEADER = re.compile(r"^\s*subject\s*:\s*(?P<subject>.*)$", re.IGNORECASE)
_OTHER_HEADER = re.compile(r"^\s*(?:to|from|cc|bcc|date)\s*:", re.IGNORECASE)


def count_words(text: str) -> int:
    """Words as a reader counts them ("I've" and "follow-up" are one word each)."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Letter:
    """A follow-up email: every part is plain text, possibly empty."""

    subject: str
    salutation: str
    body: str
    sign_off: str

    def letter_text(self) -> str:
        """Salutation to sign-off: the letter as the recipient reads it, without the subject."""
        return "\n\n".join(p for p in (self.salutation, self.body, self.sign_off) if p.strip())

    def text(self) -> str:
        """The whole letter with its subject as a first ``Subject:`` line.

        Scores give their evidence as offsets into this text, so a UI can mark the
        words in the one string it shows.
        """
        return f"Subject: {self.subject}\n\n{self.letter_text()}"

    @property
    def header(self) -> str:
        """What :meth:`text` puts before :meth:`letter_text`."""
        return f"Subject: {self.subject}\n\n"

    def word_count(self) -> int:
        """Words from salutation to sign-off (the subject is not counted)."""
        return count_words(self.letter_text())

    def to_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "salutation": self.salutation, "body": self.body,
                "sign_off": self.sign_off}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Letter:
        return cls(*(str(data.get(k) or "") for k in ("subject", "salutation", "body",
                                                         "sign_off")))


def _is_sign_off_tail(lines: list[str], index: int) -> bool:
    """Lines after a sign-off phrase are a name, a title, a phone number: few and short."""
    rest = [ln for ln in lines[index + 1:] if ln.strip()]
    return len(rest) <= 4 and all(count_words(ln) <= 6 and not ln.rstrip().endswith(".")
                                  for ln in rest)


def split_letter(text: str, subject: str = "") -> Letter:
    """Split a letter (salutation to sign-off) into its parts; nothing is dropped or reworded.

    The salutation is a first line that greets ("Dear Priya,", "Hi Priya"); when
    the greeting opens a longer first line ("Hi Priya, thank you for..."), the
    salutation is the part up to the first comma. The sign-off is a closing phrase
    on a line of its own ("Best regards,", "Thanks,") with at most a few short lines
    after it, or else a last line that is only a name.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    salutation = ""
    greeting = len(lines) > 1 and (_NAME_ONLY.match(lines[0]) or _GREETING_LINE.match(lines[0]))
    if greeting:
        salutation = lines[0].strip()
        lines = lines[1:]
    elif lines and _SALUTATION.match(lines[0]):
        first = lines[0].strip()
        if count_words(first) <= 6:
            salutation = first
            lines = lines[1:]
        else:
            cut = first.find(",")
            if cut > 0 and count_words(first[:cut]) <= 5:
                salutation = first[: cut + 1]
                lines[0] = first[cut + 1:].strip()
    sign_off = ""
    for index in range(len(lines) - 1, max(-1, len(lines) - 7), -1):
        closing = _SIGN_OFF.match(lines[index]) or (
            _CLOSING_LINE.match(lines[index]) and count_words(lines[index]) <= 4
            and index < len(lines) - 1)
        if lines[index].strip() and closing and _is_sign_off_tail(lines, index):
            sign_off = "\n".join(ln.strip() for ln in lines[index:] if ln.strip())
            lines = lines[:index]
            break
    else:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        if len(filled) > 1:
            last = lines[filled[-1]].strip()
            if count_words(last) <= 3 and not re.search(r"[.!?]$", last):
                sign_off = last
                lines = lines[: filled[-1]]
    body = "\n".join(lines).strip()
    return Letter(subject.strip(), salutation, body, sign_off)


def parse_letter(text: str) -> Letter:
    """Read a letter written anywhere: a ``Subject:`` line (after any other header
    lines such as ``To:``) gives the subject; otherwise a short first line that is not
    a greeting is taken as the subject, and a letter that starts with its greeting has
    none."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    subject = ""
    index = 0
    while index < len(lines) and index < 10:
        header = _HEADER.match(lines[index])
        if header is not None:
            subject = header.group("subject").strip()
            lines = lines[:index] + lines[index + 1:]
            lines = [ln for k, ln in enumerate(lines) if k >= index
                     or not _OTHER_HEADER.match(ln)]
            break
        if not _OTHER_HEADER.match(lines[index]):
            break
        index += 1
    if not subject and lines:
        first = lines[0].strip()
        rest = lines[1:]
        if (first and not _SALUTATION.match(first) and count_words(first) <= 14
                and not re.search(r"[.!?]$", first) and any(ln.strip() for ln in rest)):
            subject = first
            lines = rest
    return split_letter("\n".join(lines), subject)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """Control characters (a terminal escape sequence, a form feed) shown as U+FFFD: a letter
    is shown back to the user, and must never drive their terminal."""
    return _CONTROLS.sub("\ufffd", text)


MAX_FILE_BYTES = 256 * 1024
"""A letter is a few kilobytes; a file far larger is the wrong file, not a long letter."""


def _from_email(raw: bytes) -> Letter | None:
    """The subject and plain-text body of an email message, or ``None`` if it is not one."""
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    message = BytesParser(policy=policy.default).parsebytes(raw)
    if not isinstance(message, EmailMessage) or not message.keys():
        return None
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return None
    try:
        content = str(part.get_content())
    except (LookupError, ValueError):  # an unknown charset: read the bytes as UTF-8
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if part.get_content_type() == "text/html":
        content = re.sub(r"<br\s*/?>|</p>", "\n", content, flags=re.IGNORECASE)
        content = re.sub(r"<[^>]+>", "", content)
    subject = str(message.get("subject") or "")
    return split_letter(content, " ".join(subject.split()))


def read_letter_file(path: Path) -> Letter:
    """A letter from a plain-text or ``.eml`` file, with a clear message for anything else."""
    from trainer.errors import TrainerError

    try:
        size = path.stat().st_size
        if path.is_dir():
            raise TrainerError(f"{path}: is a folder, not a letter; give the letter's file")
        if size > MAX_FILE_BYTES:
            raise TrainerError(f"{path}: is {size // 1024} KB, far more than a letter "
                               f"(at most {MAX_FILE_BYTES // 1024} KB); is it the right file?")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TrainerError(f"{path}: no such file") from None
    except PermissionError:
        raise TrainerError(f"{path}: not allowed to read it (check its permissions)") from None
    except OSError as exc:
        raise TrainerError(f"{path}: cannot read it ({exc.strerror})") from None
    if b"\x00" in raw[:8192]:
        raise TrainerError(f"{path}: looks like a binary file, not text; save the letter as "
                           "plain text (.txt) or as an email (.eml)")
    if path.suffix.lower() == ".eml":
        letter = _from_email(raw)
        if letter is not None and (letter.body or letter.subject):
            return Letter(*(without_controls(part) for part in (
                letter.subject, letter.salutation, letter.body, letter.sign_off)))
    text = raw.decode("utf-8", errors="replace")
    if text.count("\ufffd") > max(8, len(text) // 20):
        raise TrainerError(f"{path}: is not UTF-8 text; save the letter as UTF-8 plain text")
    if not text.strip():
        raise TrainerError(f"{path}: is empty; write the letter first")
    return parse_letter(without_controls(text))
