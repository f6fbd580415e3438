"""Synthetic organizations for measuring at national scale: `shinchoku synth --orgs 1788 --programs 75 --years 5`.

Every row is invented and says so: organizations are 「合成市」 with codes in prefecture numbers 50–98
(JIS X 0402 has 01–47 only, so no real code is ever taken), plans and programs carry 「架空」.
Rows are written with bulk inserts, a batch of organizations per transaction, so the national size
takes minutes, not hours. History tables are not written: nobody changed these rows. At the end the
database's statistics are refreshed (ANALYZE), so the planner knows the tables' new sizes.
"""

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.domain.codes import check_digit
from shinchoku.lib.planner import refresh_statistics
from shinchoku.plans.models import (
    EntryStatus,
    EvaluationType,
    Indicator,
    IndicatorValue,
    Listing,
    Plan,
    PlanNode,
    PlanYear,
    Program,
    YearlyEntry,
)

FIRST_YEAR = 2021
AREAS = 5
MEASURES_PER_AREA = 2
DEPARTMENTS = 6
# A realistic mix, near the seed's FY2021 (A 16%, B 76%, － 8% of listings).
GRADES = (("A", 16), ("B", 70), ("C", 6), ("－", 8))
TWO_DEPARTMENTS = 0.1
RELISTED = 0.15
QUANTITATIVE = 0.4
# 50–98: no prefecture has these numbers (01–47); 99 is left to the demo's invented city (架空市, 999911).
SYNTHETIC_PREFECTURES = range(50, 99)
PER_PREFECTURE = 900  # municipality numbers 100–999
BATCH = 25  # organizations per transaction


class SynthError(ValueError):
    """Synthetic data cannot be made as asked; the message is one Japanese line."""


@dataclass(frozen=True)
class SynthSize:
    orgs: int
    programs: int
    years: int

    def check(self) -> None:
        if not 1 <= self.orgs <= len(SYNTHETIC_PREFECTURES) * PER_PREFECTURE:
            raise SynthError(
                f"--orgs は 1〜{len(SYNTHETIC_PREFECTURES) * PER_PREFECTURE} で指定してください。"
            )
        if not 1 <= self.programs <= 999:
            raise SynthError("--programs は 1〜999 で指定してください。")
        if not 1 <= self.years <= 10:
            raise SynthError("--years は 1〜10 で指定してください。")


def synthetic_code(index: int) -> str:
    """Return the index-th synthetic JIS X 0402 code (prefecture 50–98, municipality 100–999)."""
    prefecture = SYNTHETIC_PREFECTURES[index // PER_PREFECTURE]
    code5 = f"{prefecture:02d}{100 + index % PER_PREFECTURE:03d}"
    return code5 + str(check_digit(code5))


def synthetic_organizations() -> "list[int]":
    """Return the ids of the synthetic organizations already in the database."""
    return [
        pk
        for pk, code in Organization.objects.values_list("pk", "jis_code")
        if code[:2].isdigit() and int(code[:2]) in SYNTHETIC_PREFECTURES
    ]


def generate(size: SynthSize, *, seed: int = 1, progress: Callable[[int, int], None] | None = None) -> int:
    """Write the synthetic organizations; return how many were made. Refuses if some already exist."""
    size.check()
    if synthetic_organizations():
        raise SynthError("合成データは既にあります。新しいデータベースで実行してください。")
    rng = random.Random(seed)
    done = 0
    while done < size.orgs:
        count = min(BATCH, size.orgs - done)
        with transaction.atomic():
            for index in range(done, done + count):
                _organization(index, size, rng)
        done += count
        if progress:
            progress(done, size.orgs)
    refresh_statistics()
    return done


def _organization(index: int, size: SynthSize, rng: random.Random) -> None:
    number = index + 1
    organization = Organization.objects.create(
        name=f"合成市{number:04d}（ベンチマーク用の架空データ）", jis_code=synthetic_code(index)
    )
    departments = Department.objects.bulk_create(
        Department(organization=organization, name=f"合成課{d + 1}", note="架空") for d in range(DEPARTMENTS)
    )
    last_year = max(FIRST_YEAR + 4, FIRST_YEAR + size.years - 1)
    plan = Plan.objects.create(
        organization=organization,
        slug=f"synth-{number:04d}",
        name=f"合成市{number:04d}再犯防止推進計画（架空）",
        first_year=FIRST_YEAR,
        last_year=last_year,
    )
    leaves = _tree(plan)
    programs = Program.objects.bulk_create(
        Program(plan=plan, number=n + 1, title=f"合成事業{n + 1}（架空）", note="ベンチマーク用の架空データ")
        for n in range(size.programs)
    )
    runs = _assign_departments(programs, departments, rng)
    _list_programs(programs, leaves, rng)
    indicators = Indicator.objects.bulk_create(
        Indicator(program=p, name=f"合成指標{p.number}（架空）", unit="件") for p in programs
    )
    years = list(range(FIRST_YEAR, FIRST_YEAR + size.years))
    PlanYear.objects.bulk_create(PlanYear(plan=plan, fiscal_year=y) for y in years)
    _yearly_rows(programs, indicators, runs, years, rng)
    _users(organization, number, departments[0])


def _assign_departments(
    programs: list[Program], departments: list[Department], rng: random.Random
) -> dict[int, list[Department]]:
    """Give each program one department (two, sometimes); return {program id: its departments}."""
    runs: dict[int, list[Department]] = {}
    through = []
    for program in programs:
        chosen = rng.sample(departments, 2 if rng.random() < TWO_DEPARTMENTS else 1)
        runs[program.pk] = chosen
        through += [Program.departments.through(program_id=program.pk, department_id=d.pk) for d in chosen]
    Program.departments.through.objects.bulk_create(through)
    return runs


def _list_programs(programs: list[Program], leaves: list[PlanNode], rng: random.Random) -> None:
    """List each program under a measure, some again under another (再掲)."""
    listings = []
    for i, program in enumerate(programs):
        home = leaves[i % len(leaves)]
        listings.append(Listing(node=home, program=program, position=i))
        if rng.random() < RELISTED:
            other = rng.choice([leaf for leaf in leaves if leaf.pk != home.pk])
            listings.append(Listing(node=other, program=program, is_relisting=True, position=1000 + i))
    Listing.objects.bulk_create(listings)


def _yearly_rows(
    programs: list[Program],
    indicators: list[Indicator],
    runs: dict[int, list[Department]],
    years: list[int],
    rng: random.Random,
) -> None:
    """Write every year's entries (the latest still under review) and indicator values."""
    entries, values = [], []
    for year in years:
        latest = year == years[-1] and len(years) > 1
        for program, indicator in zip(programs, indicators, strict=True):
            target = rng.randint(10, 500)
            values.append(
                IndicatorValue(
                    indicator=indicator, fiscal_year=year, target=target, actual=rng.randint(0, 600)
                )
            )
            for department in runs[program.pk]:
                status = _status(rng) if latest else EntryStatus.CONFIRMED
                grade = _grade(rng)
                entries.append(
                    YearlyEntry(
                        program=program,
                        fiscal_year=year,
                        department=department,
                        activities="ベンチマーク用の架空データ",
                        evaluation_type=(
                            EvaluationType.QUANTITATIVE
                            if rng.random() < QUANTITATIVE
                            else EvaluationType.QUALITATIVE
                        ),
                        suggested_grade=grade,
                        final_grade=grade if status != EntryStatus.DRAFT else "",
                        status=status,
                    )
                )
    YearlyEntry.objects.bulk_create(entries, batch_size=2000)
    IndicatorValue.objects.bulk_create(values, batch_size=2000)


def _users(organization: Organization, number: int, department: Department) -> None:
    """A secretariat member and an editor of the first department (no password: nobody signs in)."""
    User.objects.bulk_create(
        [
            User(
                username=f"synth{number:04d}-jimu",
                organization=organization,
                role=Role.SECRETARIAT,
                password="!",
            ),
            User(
                username=f"synth{number:04d}-ka1", organization=organization, role=Role.EDITOR, password="!"
            ),
        ]
    )
    editor = User.objects.get(username=f"synth{number:04d}-ka1")
    editor.departments.set([department])


def _tree(plan: Plan) -> list[PlanNode]:
    """Five areas with two measures each; return the measures (where programs are listed)."""
    areas = PlanNode.objects.bulk_create(
        PlanNode(plan=plan, label=str(a + 1), title=f"合成重点項目{a + 1}（架空）", position=a * 10)
        for a in range(AREAS)
    )
    return PlanNode.objects.bulk_create(
        PlanNode(
            plan=plan,
            parent=area,
            label=f"({m + 1})",
            title=f"合成施策{area.label}-{m + 1}",
            position=area.position + m + 1,
        )
        for area in areas
        for m in range(MEASURES_PER_AREA)
    )


def _grade(rng: random.Random) -> str:
    return rng.choices([g for g, _ in GRADES], weights=[w for _, w in GRADES])[0]


def _status(rng: random.Random) -> str:
    """The latest year is still being reviewed: most entries confirmed, some submitted, a few drafts."""
    roll = rng.random()
    if roll < 0.7:
        return EntryStatus.CONFIRMED
    return EntryStatus.SUBMITTED if roll < 0.9 else EntryStatus.DRAFT


def print_progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r合成データ [{'#' * filled}{'.' * (width - filled)}] {done}/{total} 団体")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
