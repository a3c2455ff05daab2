"""Glossaries of names: the file format, extraction, romanization and enforcement."""
