"""The national roll-up: confirmed grade counts by organization × area × grade for one year, in the database.

For every organization at once (1,788 of them nationally) the counting is left to the database: one
GROUP BY over listings joined to each program's merged grade (the view national_mergedgrade, model
MergedGrade: an ORM query cannot join an aggregate otherwise, and a correlated subquery per listing
made the roll-up 2.4–2.7 times the hand-written SQL at national size). A program's grade is its departments'
confirmed final grades merged by the lower-grade rule (下位の評価), the not-evaluable 「－」 set aside
unless nothing else is given — the rule the seed's report applies. The area is the root of the
listing's node, for trees three levels deep as the seed's (重点項目, (1), ①). Listings count every place a
program is printed (再掲含む); unique counts each program once per area.

rollup_sql() is the same count written by hand in SQL: benchmarks compare the two (make bench).
"""

import functools
from typing import Any

from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Coalesce

from shinchoku.plans.models import Listing, active_in

# Rank of each grade for the lower-grade merge: the worst evaluable grade has the highest rank;
# 「－」 ranks 0 so that it is taken only when it is all there is.
RANKS = {"A": 1, "B": 2, "C": 3, "－": 0}
LABELS = {rank: label for label, rank in RANKS.items()}
Key = tuple[int, str, str]  # organization id, area label, grade


def national_rollup(fiscal_year: int) -> dict[Key, tuple[int, int]]:
    """Return {(organization id, area, grade): (listings, unique programs)} of the confirmed entries."""
    sql, params = _rollup_query(connection.vendor, fiscal_year)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {(org, area, LABELS[grade]): (listings, unique) for org, area, grade, listings, unique in rows}


@functools.lru_cache(maxsize=32)
def _rollup_query(vendor: str, fiscal_year: int) -> tuple[str, tuple[Any, ...]]:
    """Return the ORM's SQL of the roll-up and its parameters, compiled once per process and year.

    Building and compiling the query was about 30% of the roll-up's time at 30 organizations; the SQL
    depends on nothing but the year and the database (vendor: the key, not used otherwise).
    """
    query = (
        Listing.objects.filter(
            active_in(fiscal_year),
            active_in(fiscal_year, prefix="program__"),
            program__merged_grades__fiscal_year=fiscal_year,
        )
        .annotate(
            organization=F("program__plan__organization_id"),
            area=Coalesce("node__parent__parent__label", "node__parent__label", "node__label"),
            grade=F("program__merged_grades__rank"),
        )
        .values("organization", "area", "grade")
        .annotate(listings=Count("pk"), unique=Count("program_id", distinct=True))
        .order_by()
        .values_list("organization", "area", "grade", "listings", "unique")
    ).query
    sql, params = query.sql_with_params()
    return sql, tuple(params)


ROLLUP_SQL = """
WITH merged AS (
    SELECT e.program_id,
           MAX(CASE e.final_grade WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN '－' THEN 0 END) AS worst
    FROM plans_yearlyentry e
    WHERE e.fiscal_year = %(year)s AND e.status = 'confirmed' AND e.final_grade IN ('A', 'B', 'C', '－')
    GROUP BY e.program_id
)
SELECT p.organization_id,
       COALESCE(n2.label, n1.label, n0.label) AS area,
       m.worst,
       COUNT(*) AS listings,
       COUNT(DISTINCT l.program_id) AS programs
FROM plans_listing l
JOIN plans_program g ON g.id = l.program_id
JOIN plans_plan p ON p.id = g.plan_id
JOIN merged m ON m.program_id = l.program_id
JOIN plans_plannode n0 ON n0.id = l.node_id
LEFT JOIN plans_plannode n1 ON n1.id = n0.parent_id
LEFT JOIN plans_plannode n2 ON n2.id = n1.parent_id
WHERE (l.first_year IS NULL OR l.first_year <= %(year)s) AND (l.last_year IS NULL OR l.last_year >= %(year)s)
  AND (g.first_year IS NULL OR g.first_year <= %(year)s) AND (g.last_year IS NULL OR g.last_year >= %(year)s)
GROUP BY p.organization_id, COALESCE(n2.label, n1.label, n0.label), m.worst
"""


def rollup_sql(fiscal_year: int) -> dict[Key, tuple[int, int]]:
    """Return the same roll-up from a hand-written GROUP BY (the benchmark's baseline)."""
    with connection.cursor() as cursor:
        cursor.execute(ROLLUP_SQL, {"year": fiscal_year})
        return {
            (org, area, LABELS[worst]): (listings, unique)
            for org, area, worst, listings, unique in cursor.fetchall()
        }
