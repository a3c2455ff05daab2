"""Extraction rules: each ``find_xxx(article) -> list[Candidate]`` finds one kind of evidence.

The order they run in is ``translate.names.extract.RULES``.
"""
