"""The call-rehearsal trainer: practise turning down a job offer or an interview, out loud."""

__version__ = "0.1.0"
