"""Load: bytes on disk → position-carrying YAML node trees. No interpretation of meaning here."""
