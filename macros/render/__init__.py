"""Render: model and computed figures → HTML strings. Every data value is escaped here."""
