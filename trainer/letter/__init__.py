"""The written follow-up after a call: the letter, its draft and its score (no UI imports).

Kept free of imports on purpose: :mod:`trainer.scenario.validation` reads the
letter item names from :mod:`trainer.letter.items`, and importing this package
must not pull in the scorer (which imports the scenario model) in return.

- :mod:`trainer.letter.letter`: the :class:`~trainer.letter.letter.Letter` value and
  reading a letter from text, a file or an ``.eml`` message.
- :mod:`trainer.letter.draft`: drafting the letter from the scenario and the call.
- :mod:`trainer.letter.score`: scoring a letter with the reply detectors, written mode.
- :mod:`trainer.letter.written`: the written-mode adjustments to the detectors' results.
- :mod:`trainer.letter.items`: the letter checklist's names, labels and tips.
- :mod:`trainer.letter.export`: the letter as plain text, Markdown or an ``.eml`` draft.
"""
