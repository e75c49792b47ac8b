"""Compute: figures derived from the model (reverse indexes, summaries, history). No HTML here."""
