"""call domain package (no UI imports here)."""
