"""The records full-text search ranks by bm25, read as SQLite's ``ORDER BY bm25 LIMIT`` orders
them: FTS5 computes bm25 for every match (3,000-8,000 for a rare word at 100k facts and quotes),
the largest single cost of a search, so each ranking is made once per question
(:func:`ranked_rows`) and only the ranking reads every match (:func:`bm25_rows`).
"""

from __future__ import annotations

import sqlite_utils

Row = tuple[int, str, str, str, float]
"""A search row: rowid, body, who, context, and its bm25 (lower is better)."""
Ranked = dict[tuple[str, tuple[int, ...], int], list[Row]]
"""The rows each search found while one question is answered, by (match expression, kind
codes, limit), in SQLite's order."""


def bm25_rows(
    db: sqlite_utils.Database, expression: str, codes: tuple[int, ...], limit: int
) -> list[Row]:
    """The ``limit`` records of the kinds ``codes`` matching ``expression`` best by bm25, in
    order of (bm25, arrival): FTS5 gives matches in rowid order, so ties stay in rowid order.

    Ranked on rowid and bm25 alone, then the texts of the ``limit`` kept are read: SQLite
    reads the result columns of every match it sorts (3,000-8,000 for a rare word at 100k
    facts and quotes), which cost about a tenth of the search. The same rows in the same
    order (the sort sees the same keys in the same arrival order)."""
    sql = (
        "SELECT rowid, bm25(search, 1.0, 0.6, 0.4) FROM search"
        f" WHERE search MATCH ? AND rowid % 8 IN ({', '.join(str(c) for c in codes)})"
        " ORDER BY bm25(search, 1.0, 0.6, 0.4) LIMIT ?"
    )
    ranked = db.conn.execute(sql, (expression, limit)).fetchall()
    if not ranked:
        return []
    rowids = [int(rowid) for rowid, _ in ranked]
    texts = {
        int(rowid): (body, who, context)
        for rowid, body, who, context in db.conn.execute(
            "SELECT rowid, body, who, context FROM search"
            f" WHERE rowid IN ({', '.join('?' for _ in rowids)})",
            rowids,
        )
    }
    if len(texts) < len(rowids):  # a record deleted between the two reads (no snapshot)
        return bm25_rows_whole(db, expression, codes, limit)
    return [(rowid, *texts[rowid], score) for rowid, (_, score) in zip(rowids, ranked, strict=True)]


def bm25_rows_whole(
    db: sqlite_utils.Database, expression: str, codes: tuple[int, ...], limit: int
) -> list[Row]:
    """:func:`bm25_rows` in one statement, texts and all."""
    sql = (
        "SELECT rowid, body, who, context, bm25(search, 1.0, 0.6, 0.4) FROM search"
        f" WHERE search MATCH ? AND rowid % 8 IN ({', '.join(str(c) for c in codes)})"
        " ORDER BY bm25(search, 1.0, 0.6, 0.4) LIMIT ?"
    )
    return db.conn.execute(sql, (expression, limit)).fetchall()


def ranked_rows(
    db: sqlite_utils.Database,
    expression: str,
    codes: tuple[int, ...],
    limit: int,
    ranked: Ranked | None,
) -> list[Row]:
    """:func:`bm25_rows`, once per question while ``ranked``. When a search with the same
    words ranked some of these kinds, only the others are ranked now (FTS5 computes bm25 for
    every match: 3,000-8,000 for a who-said question at 100k facts and quotes), and the two
    merged by (bm25, rowid): the best of all are among the best of each part, in SQLite's order."""
    if ranked is None:
        return bm25_rows(db, expression, codes, limit)
    key = (expression, codes, limit)
    if key not in ranked:
        known = [
            k for k in ranked if k[0] == expression and k[2] == limit and set(k[1]) < set(codes)
        ]
        if known:
            part = max(known, key=lambda k: len(k[1]))
            rest = tuple(c for c in codes if c not in part[1])
            merged = ranked[part] + bm25_rows(db, expression, rest, limit)
            ranked[key] = sorted(merged, key=lambda row: (row[4], row[0]))[:limit]
        else:
            ranked[key] = bm25_rows(db, expression, codes, limit)
    return list(ranked[key])
