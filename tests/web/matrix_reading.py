"""Access matrix rows: the secretariat's search synonyms of the public directory."""

ROWS = [
    (
        "directory:synonyms",
        "search synonyms",
        "get",
        lambda o: "/manage/directory/synonyms/",
        {},
        [302, 200, 403, 403, 403, 403, 200, 403],
    ),
    (
        "directory:synonyms",
        "save search synonyms from a stale page",
        "post",
        lambda o: "/manage/directory/synonyms/",
        {"seen": "stale", "lines": "くすり = 薬物"},
        [302, 409, 403, 403, 403, 403, 409, 403],
    ),
]
