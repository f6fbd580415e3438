"""Seed the two national 再犯防止推進計画 and their seven 重点課題 each (data in shinchoku.national.seed)."""

from django.db import migrations

from shinchoku.national.seed import seed_national_plans


def seed(apps, schema_editor):
    seed_national_plans(apps.get_model("national", "NationalPlan"), apps.get_model("national", "NationalIssue"))


class Migration(migrations.Migration):
    dependencies = [("national", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
