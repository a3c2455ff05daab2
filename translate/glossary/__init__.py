"""The glossary file: entries, the TSV store (locked, atomic, comment-preserving, checked) and exchange formats."""
