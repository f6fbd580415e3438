"""Build a plan's tree, programs, departments and listings from a 進捗管理表-shaped sheet.

Section rows become tree nodes (「１　…」 an area, 「（１）…」 below it, 「①…」 below that or
directly below the area); an entry row places its program under the latest section; a
row marked 「（再掲）」 lists the program with that number again; two rows with one number
and different 所管課 make one program with two departments.
"""

from dataclasses import dataclass, field

from shinchoku.imports.problems import Problem
from shinchoku.imports.rows import EntryRow, ParsedSheet, SectionRow, cell_name
from shinchoku.imports.table import Column

NodeKey = tuple[str, ...]


@dataclass
class NodeSpec:
    key: NodeKey
    label: str
    title: str


@dataclass
class ProgramSpec:
    number: int
    title: str
    content: str
    departments: list[str] = field(default_factory=list)
    home: NodeKey | None = None  # the node of its first listing
    relistings: list[NodeKey] = field(default_factory=list)
    first_row: int = 0


@dataclass
class PlanSpec:
    nodes: list[NodeSpec] = field(default_factory=list)
    programs: dict[int, ProgramSpec] = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)
    listings: list[tuple[NodeKey, int, bool]] = field(default_factory=list)  # in the sheet's order

    def listing_count(self) -> int:
        return sum(1 + len(p.relistings) for p in self.programs.values())


def _components(label: str) -> list[str]:
    """Split a printed path (1(1)①) into its levels' labels (1, (1), ①)."""
    parts, rest = [], label
    while rest:
        if rest[0] == "(":
            end = rest.index(")") + 1
            parts.append(rest[:end])
            rest = rest[end:]
        elif rest[0] in "0123456789":  # not isdigit(): that is True for ① too
            digits = len(rest) - len(rest.lstrip("0123456789"))
            parts.append(rest[:digits])
            rest = rest[digits:]
        else:
            parts.append(rest[0])
            rest = rest[1:]
    return parts


def build_plan_spec(parsed: ParsedSheet, problems: list[Problem]) -> PlanSpec:
    """Return the plan's structure read from the sheet; every inconsistency is added to problems."""
    spec = PlanSpec()
    known: dict[NodeKey, NodeSpec] = {}
    current: NodeKey = ()
    sheet = parsed.sheet.name
    for row in parsed.rows:
        if isinstance(row, SectionRow):
            key = _node_key(row, current, known, problems, sheet)
            if key is None:
                continue
            if key not in known:
                node = NodeSpec(key, key[-1], row.section.title)
                known[key] = node
                spec.nodes.append(node)
            current = key
            continue
        _add_entry(spec, row, current, problems, parsed)
    for program in spec.programs.values():
        if program.home is None:
            problems.append(
                Problem(
                    f"事業番号{program.number}は「（再掲）」の行しかありません。",
                    "最初に掲載される行から「（再掲）」を外してください。",
                    sheet=sheet,
                    row=program.first_row,
                )
            )
    if not spec.programs:
        problems.append(
            Problem(
                "事業の行が1つもありません。",
                "「事業番号」に数字が入った行があるか確かめてください。",
                sheet=sheet,
            )
        )
    return spec


def _node_key(
    row: SectionRow, current: NodeKey, known: dict[NodeKey, NodeSpec], problems: list[Problem], sheet: str
) -> NodeKey | None:
    parts = _components(row.section.label)
    if len(parts) > 1:  # a printed path such as 1(1)①: its parents must have been named already
        key = tuple(parts)
        if key[:-1] and key[:-1] not in known:
            problems.append(
                Problem(
                    f"上位の項目「{''.join(key[:-1])}」の見出し行より前にあります。",
                    "上位の項目の見出し行を先に置いてください。",
                    sheet=sheet,
                    row=row.row,
                    value=row.section.label,
                )
            )
            return None
        return key
    label = parts[0]
    if label[0] in "0123456789":
        return (label,)
    if not current:
        problems.append(
            Problem(
                "重点項目（「１　…」）の見出しより前に施策の見出しがあります。",
                "重点項目の見出し行を先に置いてください。",
                sheet=sheet,
                row=row.row,
                value=label,
            )
        )
        return None
    area = current[:1]
    if label.startswith("("):
        return (*area, label)
    parent = current[:2] if len(current) >= 2 and current[1].startswith("(") else area
    return (*parent, label)


def _add_entry(
    spec: PlanSpec, row: EntryRow, current: NodeKey, problems: list[Problem], parsed: ParsedSheet
) -> None:
    sheet = parsed.sheet.name
    if not current:
        problems.append(
            Problem(
                f"事業番号{row.number}が、どの重点項目・施策の見出しよりも前にあります。",
                "事業の行の上に「１　…」のような見出し行を置いてください。",
                sheet=sheet,
                row=row.row,
            )
        )
        return
    department = row.get(Column.DEPARTMENT)
    if not department and not row.relisting:
        problems.append(
            Problem(
                f"事業番号{row.number}の所管課が空です。",
                "所管課名を入力してください。",
                sheet=sheet,
                row=row.row,
                column=cell_name(parsed, Column.DEPARTMENT),
            )
        )
    if not row.title:
        problems.append(
            Problem(
                f"事業番号{row.number}の標題が空です。",
                "計画に掲載している標題を入力してください。",
                sheet=sheet,
                row=row.row,
                column=cell_name(parsed, Column.TITLE),
            )
        )
        return
    program = spec.programs.get(row.number)
    if program is None:
        program = ProgramSpec(row.number, row.title, row.get(Column.CONTENT), first_row=row.row)
        spec.programs[row.number] = program
    elif program.title != row.title:
        problems.append(
            Problem(
                f"事業番号{row.number}の標題が{program.first_row}行目と違います。",
                "同じ事業番号の行は同じ標題にするか、番号を直してください。",
                sheet=sheet,
                row=row.row,
                column=cell_name(parsed, Column.TITLE),
                value=row.title,
            )
        )
        return
    if row.relisting:
        if current not in program.relistings and current != program.home:
            program.relistings.append(current)
            spec.listings.append((current, row.number, True))
        return
    if program.home is None:
        program.home = current
        program.content = program.content or row.get(Column.CONTENT)
        spec.listings.append((current, row.number, False))
    elif program.home != current:
        problems.append(
            Problem(
                f"事業番号{row.number}が「（再掲）」の印なしで2か所に掲載されています（{program.first_row}行目と）。",
                "2か所目の標題の後ろに「（再掲）」を付けてください。",
                sheet=sheet,
                row=row.row,
                column=cell_name(parsed, Column.TITLE),
                value=row.title,
            )
        )
        return
    if department and department in program.departments:
        problems.append(
            Problem(
                f"事業番号{row.number}の同じ所管課の行が{program.first_row}行目にもあります。",
                "どちらか一方にまとめてください。",
                sheet=sheet,
                row=row.row,
                column=cell_name(parsed, Column.DEPARTMENT),
                value=department,
            )
        )
    elif department:
        program.departments.append(department)
        if department not in spec.departments:
            spec.departments.append(department)
