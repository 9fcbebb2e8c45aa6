"""Archivist's spiders."""
