"""Names read from a sheet checked by the models' own rule before anything is written."""

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
    for number, program in spec.programs.items():
        if not _valid(program.title):
            problems.append(
                Problem(f"事業{number}の標題「{program.title}」は使えません。", FIX, value=program.title)
            )
    return problems


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
