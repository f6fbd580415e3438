"""The domain core: pure Python, standard library only.

Grades, achievement ratios, tallies and rounding, fiscal years and 和暦, and
Japanese number parsing. Nothing here imports Django, so every rule can be
tested fast and reused by forms, importers, reports and the CLI alike.
"""
