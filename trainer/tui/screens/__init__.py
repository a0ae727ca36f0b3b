"""One module per screen of the trainer."""
