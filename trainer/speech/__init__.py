"""speech domain package (no UI imports here)."""
