"""Contract files: loading with source positions, the JSON Schema and the typed view."""
