"""Imports as use cases: read, check everything, then write all or nothing, and keep a record.

Each use case lives in the module of its concept; callers import them from here:

- plan_services: a plan's tree, programs, departments and listings from a 進捗管理表;
- progress_services: a year's entries from a 進捗管理表 (through plans.workflow);
- form_services: a department's returned form (回答票) (through plans.workflow);
- records: what an import did, and the record of every imported file.
"""

from shinchoku.imports.form_services import import_department_form
from shinchoku.imports.plan_services import import_plan
from shinchoku.imports.progress_services import import_progress
from shinchoku.imports.records import ImportResult, fingerprint

__all__ = [
    "ImportResult",
    "fingerprint",
    "import_department_form",
    "import_plan",
    "import_progress",
]
