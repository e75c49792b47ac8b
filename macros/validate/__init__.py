"""Validate: YAML node trees → model objects, with a diagnostic for every problem."""
