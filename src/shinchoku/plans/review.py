"""The secretariat's review in bulk: the filtered, sorted list of a year's entries and its actions.

The filter lives in the query string, so the list, each entry page's 前へ/次へ and a bookmark all
read the same list. Every action on the selected entries goes through the workflow's own service
once per entry (its lock, version, access check and event): one entry that cannot be confirmed
never holds back the others, and none is half written.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q, QuerySet

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import EntryStatus, Plan, PlanNode, YearlyEntry
from shinchoku.plans.queries import nodes_in_area

# Sortable columns: the query string's name → the fields it orders by.
SORTS: dict[str, tuple[str, ...]] = {
    "number": ("program__number", "department__name"),
    "title": ("program__title", "program__number"),
    "department": ("department__name", "program__number"),
    "status": ("status", "program__number"),
    "grade": ("final_grade", "proposed_grade", "program__number"),
    "suggested": ("suggested_grade", "program__number"),
}
FILTER_KEYS = ("department", "status", "grade", "area", "deviation", "q", "sort", "desc")


@dataclass(frozen=True)
class EntryFilter:
    """What the list shows: each field empty means "any"; unknown values are ignored, never an error."""

    department: str = ""
    status: str = ""
    grade: str = ""
    area: str = ""
    deviation: bool = False
    q: str = ""
    sort: str = "number"
    desc: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> "EntryFilter":
        """Return the filter a query string asks for, dropping values that mean nothing."""
        department = query.get("department", "")
        status = query.get("status", "")
        sort = query.get("sort", "")
        return cls(
            department=department if department.isdigit() else "",
            status=status if status in EntryStatus.values else "",
            grade=query.get("grade", "").strip()[:20],
            area=query.get("area", "").strip()[:10],
            deviation=query.get("deviation") == "1",
            q=query.get("q", "").strip()[:100],
            sort=sort if sort in SORTS else "number",
            desc=query.get("desc") == "1",
        )

    def query_string(self, **changes: str | bool) -> str:
        """Return this filter as a query string (without "?"), with some fields changed."""
        values = {key: getattr(self, key) for key in FILTER_KEYS} | changes
        pairs = [
            (key, "1" if value is True else value)
            for key, value in values.items()
            if value not in ("", False) and not (key == "sort" and value == "number")
        ]
        return urlencode(pairs)

    def sort_link(self, column: str) -> str:
        """Return the query string that sorts by column, the other way round when it already does."""
        return self.query_string(sort=column, desc=self.sort == column and not self.desc)

    @property
    def sort_links(self) -> dict[str, str]:
        """Return, per column, the query string of its header link."""
        return {column: self.sort_link(column) for column in SORTS}

    @property
    def active(self) -> bool:
        """Return whether anything narrows the list."""
        return bool(self.department or self.status or self.grade or self.area or self.deviation or self.q)


def filtered_entries(entries: QuerySet[YearlyEntry], plan: Plan, f: EntryFilter) -> QuerySet[YearlyEntry]:
    """Return the entries (already scoped to what the user may see) narrowed and ordered by the filter."""
    if f.department:
        entries = entries.filter(department_id=int(f.department))
    if f.status:
        entries = entries.filter(status=f.status)
    if f.grade:
        # The grade the entry has now: the secretariat's, or else the department's proposal.
        entries = entries.filter(
            Q(final_grade=f.grade) | Q(final_grade="", proposed_grade=f.grade),
        )
    if f.area:
        entries = entries.filter(program__listings__node__in=nodes_in_area(plan, f.area)).distinct()
    if f.deviation:
        # 乖離: the grade given differs from the one the indicators suggest.
        entries = entries.exclude(suggested_grade="").filter(
            (~Q(final_grade="") & ~Q(final_grade=F("suggested_grade")))
            | (Q(final_grade="") & ~Q(proposed_grade="") & ~Q(proposed_grade=F("suggested_grade")))
        )
    if f.q:
        text = Q(program__title__icontains=f.q) | Q(activities__icontains=f.q)
        text |= Q(target_text__icontains=f.q) | Q(result_text__icontains=f.q)
        text |= Q(program__content__icontains=f.q)
        if f.q.isdigit():
            text |= Q(program__number=int(f.q))
        entries = entries.filter(text)
    order = SORTS[f.sort]
    if f.desc:
        order = tuple(f"-{field}" for field in order[:1]) + order[1:]
    return entries.order_by(*order, "pk")


def neighbours(ids: list[int], pk: int) -> tuple[int | None, int | None]:
    """Return the entries before and after pk in the list (None at either end or when pk is not in it)."""
    if pk not in ids:
        return None, None
    at = ids.index(pk)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)


@dataclass(frozen=True)
class Refusal:
    """An entry the bulk action left as it was, and why (in Japanese)."""

    entry: YearlyEntry
    why: str


@dataclass(frozen=True)
class BulkOutcome:
    done: list[YearlyEntry]
    refused: list[Refusal]


def parse_selection(values: Iterable[str]) -> dict[int, int]:
    """Return {entry id: version the page showed} from the list's checkboxes ("12:3"); forged values are dropped."""
    selected: dict[int, int] = {}
    for value in values:
        pk, _, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            selected[int(pk)] = int(version)
    return selected


def _why(error: Exception) -> str:
    if isinstance(error, workflow.StaleEntryError):
        return "画面を開いた後に他の人が保存したため、確定していません。開き直して確認してください。"
    if isinstance(error, ValidationError):
        if "reason" in getattr(error, "error_dict", {}):
            return (
                "評価の理由が必要です（所管課の評価が指標の示す評価と異なります）。一件ずつ確認してください。"
            )
        return " ".join(error.messages)
    if isinstance(error, PermissionDenied):
        return "提出済みではないため、この操作はできません。"
    return str(error)


def _each(
    entries: list[YearlyEntry], selected: dict[int, int], step: Callable[[YearlyEntry, int], object]
) -> BulkOutcome:
    done: list[YearlyEntry] = []
    refused: list[Refusal] = []
    for entry in entries:
        try:
            step(entry, selected[entry.pk])
        except (workflow.WorkflowError, ValidationError, PermissionDenied) as error:
            refused.append(Refusal(entry, _why(error)))
        else:
            done.append(entry)
    return BulkOutcome(done, refused)


def confirm_many(*, entries: list[YearlyEntry], selected: dict[int, int], actor: User) -> BulkOutcome:
    """Confirm each selected entry with its department's grade and reason; one that needs more is left."""
    return _each(
        entries,
        selected,
        lambda e, v: workflow.confirm_entry(entry=e, actor=actor, version=v, final_grade="", reason=""),
    )


def return_many(
    *, entries: list[YearlyEntry], selected: dict[int, int], actor: User, comment: str
) -> BulkOutcome:
    """Return each selected entry to its department with the same comment."""
    if not comment.strip():
        raise workflow.WorkflowError("差戻しの理由（所管課に直してほしいこと）を入力してください。")
    return _each(
        entries,
        selected,
        lambda e, v: workflow.return_entry(entry=e, actor=actor, version=v, comment=comment),
    )


def highlight_many(
    *, entries: list[YearlyEntry], selected: dict[int, int], actor: User, highlight: bool
) -> BulkOutcome:
    """Mark (or unmark) each selected entry as one of the council report's main programs."""
    return _each(
        entries,
        selected,
        lambda e, v: workflow.set_highlight(entry=e, actor=actor, highlight=highlight),
    )


def departments_of(entries: QuerySet[YearlyEntry]) -> list[tuple[int, str]]:
    """Return the departments that have entries among these, as (id, name) choices."""
    return list(
        entries.order_by("department__name").values_list("department_id", "department__name").distinct()
    )


def areas_of(plan: Plan) -> list[tuple[str, str]]:
    """Return the plan's areas (the roots of its tree) as (label, title) choices."""
    return list(
        PlanNode.objects.filter(plan=plan, parent__isnull=True)
        .order_by("position")
        .values_list("label", "title")
    )
