"""The view of each program's merged confirmed grade per year (see MergedGrade, unmanaged).

Hand-written: Django does not create views. The model's state is made in 0001_initial.
"""

from django.db import migrations

VIEW = """
CREATE VIEW national_mergedgrade AS
SELECT e.program_id * 10000 + e.fiscal_year AS id,
       e.program_id,
       e.fiscal_year,
       MAX(CASE e.final_grade WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 WHEN '－' THEN 0 END) AS rank
FROM plans_yearlyentry e
WHERE e.status = 'confirmed' AND e.final_grade IN ('A', 'B', 'C', '－')
GROUP BY e.program_id, e.fiscal_year
"""


class Migration(migrations.Migration):
    dependencies = [("national", "0002_national_plans"), ("plans", "0001_initial")]
    operations = [migrations.RunSQL(VIEW, "DROP VIEW IF EXISTS national_mergedgrade")]
