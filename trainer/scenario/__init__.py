"""scenario domain package (no UI imports here)."""
