"""Scoring replies against the checklist (no UI imports here)."""
