"""Widgets the trainer's screens are composed of."""
