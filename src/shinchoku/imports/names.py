"""Names read from a sheet checked by the models' own rule before anything is written, and the plan's slug."""

import re

from django.core.exceptions import ValidationError

from shinchoku.imports.plan_import import PlanSpec
from shinchoku.lib.problems import Problem
from shinchoku.lib.validators import validate_name

FIX = "先頭の = + - @（全角も）、改行などの制御文字や見えない文字、/ や \\ を使わない名前に直してください。"


def name_problems(spec: PlanSpec) -> list[Problem]:
    """Return a problem for each department or program name the models would refuse.

    The importer writes with bulk_create, which skips model validation, so the rule is applied here.
    """
    problems = []
    for department in spec.departments:
        if not _valid(department):
            problems.append(Problem(f"所管課名「{department}」は使えません。", FIX, value=department))
    for program in spec.programs.values():
        if not _valid(program.title):
            problems.append(
                Problem(
                    f"事業{program.label}の標題「{program.title}」は使えません。", FIX, value=program.title
                )
            )
    return problems


# A plan's short name, in its addresses (/plans/<slug>/): half-width lower-case letters and digits,
# joined by single hyphens (saitama-r3). The upload form and the command line apply this one rule.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 50
SLUG_RULE = "半角の英小文字・数字をハイフン（-）でつないだ50文字以内の名前（例: saitama-r3）にしてください。"


def slug_problems(slug: str) -> list[Problem]:
    """Return a problem when the new plan's short name breaks the rule (an underscore, a capital, a space…)."""
    if SLUG.match(slug) and len(slug) <= SLUG_MAX:
        return []
    return [Problem(f"計画の略称「{slug}」は使えません。", SLUG_RULE, value=slug)]


def plan_name_problems(name: str) -> list[Problem]:
    """Return a problem when the plan's name would be refused (it heads every report and file name)."""
    if _valid(name):
        return []
    return [Problem(f"計画の名称「{name}」は使えません。", FIX, value=name)]


def _valid(name: str) -> bool:
    try:
        validate_name(name)
    except ValidationError:
        return False
    return True
