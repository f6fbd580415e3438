"""Build a plan's tree, programs, departments and listings from a 進捗管理表-shaped sheet.

Section rows become tree nodes, their levels learnt from the order in which the plan's
numbering styles appear (「１　…」 then 「（１）…」 then 「①…」, or 「第1章」 then 「基本目標１」…;
a style met again returns to its level, 「①」 directly under 「２」 when that has no 「（１）」);
an entry row places its program under the latest section; a row marked 再掲 lists the program
with that number again; two rows with one number and different 所管課 make one program with
two departments, as does one 所管課 cell naming two (「生活福祉課、住宅課」, imports/departments.py);
a title 「同上」 (〃, 同) is the title of the entry row above it on the same sheet.
"""

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

from shinchoku.domain.cell_marks import means_ditto
from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.scale_presets import PRESETS, preset_names, suggested_order
from shinchoku.domain.sections import Outline
from shinchoku.imports.departments import read_departments
from shinchoku.imports.grades import grades_in_sheet, read_grade
from shinchoku.imports.priority_marks import priority_mark
from shinchoku.imports.rows import EntryRow, ParsedSheet, SectionRow, SkippedRow, cell_name
from shinchoku.imports.table import Column
from shinchoku.lib.problems import Problem

NodeKey = tuple[str, ...]


@dataclass
class NodeSpec:
    key: NodeKey
    label: str
    title: str
    printed: str = ""  # the label as the sheet prints it: 1(1)①, 1-(1)-① (under 【1】 too), 第1章第1節


@dataclass
class ProgramSpec:
    number: int
    title: str
    content: str
    departments: list[str] = field(default_factory=list)
    home: NodeKey | None = None  # the node of its first listing
    relistings: list[NodeKey] = field(default_factory=list)
    first_row: int = 0
    sheet: str = ""  # the sheet of its first row
    code: str = ""  # the number as a branch, as the sheet writes it (「1-2-3」)
    priority: bool = False  # marked in the sheet's 重点 column on any of its rows
    ditto_note: str = (
        ""  # its first row's title was 「同上」: 「表では標題を「同上」（事業番号29と同じ）と記載。」
    )

    @property
    def label(self) -> str:
        return self.code or str(self.number)


@dataclass
class PlanSpec:
    nodes: list[NodeSpec] = field(default_factory=list)
    programs: dict[int, ProgramSpec] = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)
    listings: list[tuple[NodeKey, int, bool]] = field(default_factory=list)  # in the sheet's order
    rows_by_node: dict[NodeKey, list[EntryRow]] = field(default_factory=dict)  # for the preview
    # rows titled 「同上」, by (sheet, row): the cell as written and the row above whose title they took
    dittos: dict[tuple[str, int], tuple[str, EntryRow]] = field(default_factory=dict)

    def listing_count(self) -> int:
        return sum(1 + len(p.relistings) for p in self.programs.values())


def build_plan_spec(
    parsed: ParsedSheet, problems: list[Problem], *, department: str = "", departments: Collection[str] = ()
) -> PlanSpec:
    """Return the plan's structure read from the sheet; every inconsistency is added to problems.

    department: the 所管課 of every program when the sheet has no 所管課 column (the seed prints none).
    departments: the organization's, so that a 所管課 cell naming several
    (「生活福祉課、住宅課」) is read as they are and a known name is never split (imports/departments.py).
    """
    spec = PlanSpec()
    known: dict[NodeKey, NodeSpec] = {}
    current: NodeKey = ()
    outline = Outline()
    above: dict[str, EntryRow] = {}  # each sheet's latest entry row, whose title 「同上」 repeats
    for row in parsed.rows:
        if isinstance(row, SectionRow):
            key = _node_key(row, outline, problems)
            if key is None:
                continue
            if key not in known:
                node = NodeSpec(key, key[-1], row.section.title, _printed(row, key, known))
                known[key] = node
                spec.nodes.append(node)
            current = key
            continue
        titled = _titled(spec, row, above.get(row.sheet), parsed, problems)
        if titled is None:
            continue
        above[row.sheet] = titled
        _add_entry(spec, titled, current, problems, parsed, (department, departments))
    for program in spec.programs.values():
        if program.home is None:
            problems.append(
                Problem(
                    f"事業番号{program.label}は「（再掲）」の行しかありません。",
                    "最初に掲載される行から「（再掲）」を外してください。",
                    sheet=program.sheet,
                    row=program.first_row,
                )
            )
    if not spec.programs:
        problems.append(
            Problem(
                "事業の行が1つもありません。",
                "「事業番号」に数字が入った行があるか確かめてください。",
                sheet="、".join(parsed.sheets),
            )
        )
    return spec


def _printed(row: SectionRow, key: NodeKey, known: dict[NodeKey, NodeSpec]) -> str:
    """Return a node's label as the sheet prints it: a printed path (1-(1)-①) as written, else below its parent's."""
    if row.section.is_path:
        return "".join(row.section.labels)
    parent = known.get(key[:-1])
    return (parent.printed if parent else "".join(key[:-1])) + key[-1]


def _node_key(row: SectionRow, outline: Outline, problems: list[Problem]) -> NodeKey | None:
    """Return the node a heading names: its labels from the top level down."""
    depth = outline.place(row.section)
    if depth is None:  # a printed path (1(1)①, 1-1) whose parents have not been named
        parent = "".join(row.section.labels[:-1])
        problems.append(
            Problem(
                f"上位の項目「{parent}」の見出し行より前にあります。",
                "上位の項目の見出し行を先に置いてください。",
                sheet=row.sheet,
                row=row.row,
                value="".join(row.section.labels),
            )
        )
        return None
    return tuple(heading.labels[-1] for heading in outline.current)


def _add_entry(
    spec: PlanSpec,
    row: EntryRow,
    current: NodeKey,
    problems: list[Problem],
    parsed: ParsedSheet,
    departments: tuple[str, Collection[str]],
) -> None:
    if not current:
        problems.append(
            Problem(
                f"事業番号{row.label}が、どの重点項目・施策の見出しよりも前にあります。",
                "事業の行の上に「１　…」「第1章…」のような見出し行を置いてください。",
                sheet=row.sheet,
                row=row.row,
            )
        )
        return
    spec.rows_by_node.setdefault(current, []).append(row)
    default_department, known = departments
    department = _row_department(row, parsed, default_department, problems)
    program = _program_of(spec, row, parsed, problems)
    if program is not None and priority_mark(row.get(Column.PRIORITY)):
        program.priority = True
    if program is not None and _placed(spec, program, row, current, parsed, problems):
        for name in read_departments(department, known):
            _add_department(spec, program, row, name, parsed, problems)


def _titled(
    spec: PlanSpec, row: EntryRow, above: EntryRow | None, parsed: ParsedSheet, problems: list[Problem]
) -> EntryRow | None:
    """Return the row with its title as meant: a 再掲 row's empty title is its program's, 「同上」 the row above's.

    None, with a problem, when 「同上」 has no titled entry row above it on its sheet.
    """
    if not row.title and row.relisting and row.number in spec.programs:
        return replace(row, title=spec.programs[row.number].title)
    if not means_ditto(row.title):
        return row
    if above is None or not above.title:
        problems.append(
            Problem(
                f"事業番号{row.label}の標題「{row.title}」は上の行と同じという意味ですが、"
                "このシートでは上に標題のある事業の行がありません。",
                f"標題を「{row.title}」ではなく、計画に掲載している標題のとおりに入力してください。",
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.TITLE),
                value=row.title,
            )
        )
        return None
    spec.dittos[(row.sheet, row.row)] = (row.title, above)
    return replace(row, title=above.title)


def ditto_notes(spec: PlanSpec, parsed: ParsedSheet) -> list[str]:
    """Return what the preview says of each title read as the row above's (「同上」)."""
    several = len(parsed.sheets) > 1
    return [
        f"{f'シート「{sheet}」の' if several else ''}{row}行目の標題「{cell}」を、上の行（{above.row}行目・"
        f"事業番号{above.label}）の標題「{above.title}」として読みました。"
        for (sheet, row), (cell, above) in spec.dittos.items()
    ]


def _first_row(program: ProgramSpec, row: EntryRow) -> str:
    """Return where the program's first row is: 「8行目」, or 「シート「基本目標1」の8行目」 from another sheet."""
    if program.sheet == row.sheet:
        return f"{program.first_row}行目"
    return f"シート「{program.sheet}」の{program.first_row}行目"


def _row_department(row: EntryRow, parsed: ParsedSheet, default: str, problems: list[Problem]) -> str:
    """Return the row's 所管課 (default when the sheet has no 所管課 column); an empty one is a problem."""
    if Column.DEPARTMENT not in parsed.header.columns:
        return default
    department = row.get(Column.DEPARTMENT)
    if not department and not row.relisting:
        problems.append(
            Problem(
                f"事業番号{row.label}の所管課が空です。",
                "所管課名を入力してください。",
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.DEPARTMENT),
            )
        )
    return department


def _program_of(
    spec: PlanSpec, row: EntryRow, parsed: ParsedSheet, problems: list[Problem]
) -> ProgramSpec | None:
    """Return the program the row is of (made at its first row); None, with a problem, for a bad title."""
    if not row.title:
        problems.append(
            Problem(
                f"事業番号{row.label}の標題が空です。",
                "計画に掲載している標題を入力してください。",
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.TITLE),
            )
        )
        return None
    program = spec.programs.get(row.number)
    if program is None:
        program = ProgramSpec(
            row.number, row.title, row.get(Column.CONTENT), first_row=row.row, sheet=row.sheet, code=row.code
        )
        if ditto := spec.dittos.get((row.sheet, row.row)):
            program.ditto_note = f"表では標題を「{ditto[0]}」（事業番号{ditto[1].label}と同じ）と記載。"
        spec.programs[row.number] = program
    elif program.title != row.title:
        problems.append(
            Problem(
                f"事業番号{row.label}の標題が{_first_row(program, row)}と違います。",
                "同じ事業番号の行は同じ標題にするか、番号を直してください。",
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.TITLE),
                value=row.title,
            )
        )
        return None
    return program


def _placed(
    spec: PlanSpec,
    program: ProgramSpec,
    row: EntryRow,
    current: NodeKey,
    parsed: ParsedSheet,
    problems: list[Problem],
) -> bool:
    """List the program under the current node; return whether the row also names a 所管課 of it."""
    if row.relisting:
        if current not in program.relistings and current != program.home:
            program.relistings.append(current)
            spec.listings.append((current, row.number, True))
        return False
    if program.home is None:
        program.home = current
        program.content = program.content or row.get(Column.CONTENT)
        spec.listings.append((current, row.number, False))
    elif program.home != current:
        problems.append(
            Problem(
                f"事業番号{row.label}が「（再掲）」の印なしで2か所に掲載されています（{_first_row(program, row)}と）。",
                "2か所目の標題の後ろに「（再掲）」を付けてください。",
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.TITLE),
                value=row.title,
            )
        )
        return False
    return True


def _add_department(
    spec: PlanSpec,
    program: ProgramSpec,
    row: EntryRow,
    department: str,
    parsed: ParsedSheet,
    problems: list[Problem],
) -> None:
    if department and department in program.departments:
        problems.append(
            Problem(
                f"事業番号{row.label}の同じ所管課の行が{_first_row(program, row)}にもあります。",
                "どちらか一方にまとめてください。",
                sheet=row.sheet,
                row=row.row,
                column=cell_name(parsed, Column.DEPARTMENT),
                value=department,
            )
        )
    elif department:
        program.departments.append(department)
        if department not in spec.departments:
            spec.departments.append(department)


def read_scale(choice: str, read_text: Callable[[str], str] | None = None) -> GradeScale:
    """Return the scale a choice names: a preset (saitama, three-level…) or a .json file in GradeScale.to_dict()'s shape.

    read_text reads the file (the command line passes one; the web uploads the file instead).
    """
    if choice in PRESETS:
        return PRESETS[choice]
    if read_text is None or not choice.lower().endswith(".json"):
        raise GradeError(
            f"評価尺度「{choice}」はありません。次のいずれか、または .json ファイル: {preset_names()}"
        )
    try:
        return GradeScale.from_dict(json.loads(read_text(choice)))
    except (OSError, ValueError, AttributeError) as error:
        raise GradeError(f"評価尺度のファイル「{choice}」を読めません（{error}）。") from error


PREVIEW_ROWS = 3  # rows shown under each section of the preview


@dataclass(frozen=True)
class PreviewNode:
    depth: int
    label: str  # the printed path: 1(1)①, 第1章, 基本目標1
    title: str
    programs: int  # rows listed directly under it
    rows: list[tuple[str, str, str, str]]  # its first rows: number, title, 所管課, 達成度
    more: int  # rows not shown


@dataclass
class PlanPreview:
    """What the plan import will create, as a person checks it: the tree, rows, skipped rows, grades."""

    nodes: list[PreviewNode]
    skipped: list[SkippedRow]
    scale_name: str
    scale_labels: list[str]
    grades_found: list[str]  # the grades the 達成度 column names, each once, without note marks
    unknown_grades: list[str]  # those the scale does not have
    suggested_scale: list[str]  # the values found, in a likely best-first order
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(
        default_factory=list
    )  # what the import decided for the user (a placeholder 所管課)


def plan_preview(parsed: ParsedSheet, spec: PlanSpec, scale: GradeScale, department: str = "") -> PlanPreview:
    """Return the preview of a plan import: every node with its first rows, every skipped row, the grades.

    department is shown for rows of a sheet without a 所管課 column (every program's).
    """
    nodes = []
    for node in spec.nodes:
        rows = spec.rows_by_node.get(node.key, [])
        nodes.append(
            PreviewNode(
                depth=len(node.key),
                label=node.printed or "".join(node.key),
                title=node.title,
                programs=len(rows),
                rows=[
                    (
                        f"{r.label}（再掲）" if r.relisting else r.label,
                        r.title,
                        r.get(Column.DEPARTMENT) or ("" if r.relisting else department),
                        r.get(Column.GRADE),
                    )
                    for r in rows[:PREVIEW_ROWS]
                ],
                more=max(0, len(rows) - PREVIEW_ROWS),
            )
        )
    found = grades_in_sheet(parsed)
    unknown = []
    for text in found:
        try:
            read_grade(scale, text)
        except GradeError:
            unknown.append(text)
    warnings = []
    if unknown:
        warnings.append(
            f"達成度の列に、評価尺度「{scale.name}」にない値があります: {'、'.join(unknown)}"
            f"（表にある値: {'、'.join(found)}）。"
        )
    return PlanPreview(
        nodes=nodes,
        skipped=parsed.skipped,
        scale_name=scale.name,
        scale_labels=list(scale.labels),
        grades_found=found,
        unknown_grades=unknown,
        suggested_scale=suggested_order(found) if unknown else [],
        warnings=warnings,
    )
