"""Qt models over the engine's views (no SQL here: every row comes from a named operation)."""
