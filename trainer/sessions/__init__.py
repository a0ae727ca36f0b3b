"""sessions domain package (no UI imports here)."""
