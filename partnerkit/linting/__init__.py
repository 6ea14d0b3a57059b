"""Lint engine: schema validation plus a registry of semantic rules."""
