"""Model: the typed, validated data every later stage works from."""
