"""What a person of a department holds when they leave it (人事異動): the work that must pass on.

An entry (年度別取組) belongs to its department, not to a person: whoever is a member of the
department may write it, and mail about it goes to the department's editors
(notifications/mail.department_users). What ties work to one person is therefore:

- the department's open entries (not yet confirmed) that the person changed last: the history
  says who had them in hand, and the successor is told to carry them on;
- the values the person typed into an entry of the department after their session had ended
  (accounts.KeptForm, see accounts/typed_work.py): not yet saved, kept for them only. They pass
  to the successor, still on the same entry's page, so nothing typed is lost.

Assignment to a case (cases) is not here: case accounts are the installation administrator's.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse

from shinchoku.accounts.models import Department, KeptForm, User
from shinchoku.plans.models import EntryStatus, YearlyEntry


@dataclass
class Held:
    """The work one person holds in one department."""

    entries: list[YearlyEntry] = field(default_factory=list)
    drafts: list[KeptForm] = field(default_factory=list)

    @property
    def entry_count(self) -> int:
        """Return how many entries pass on (those in hand and those with a kept draft, each once)."""
        return len({e.pk for e in self.entries})


def _entry_paths(department: Department) -> dict[str, YearlyEntry]:
    entries = YearlyEntry.objects.filter(department=department).select_related("program")
    return {reverse("plans:edit", args=[entry.pk]): entry for entry in entries}


def _last_changed_by(entries: list[YearlyEntry]) -> dict[int, int | None]:
    """Return, per entry, who changed it last (the latest history row's user)."""
    last: dict[int, int | None] = {}
    rows = (
        YearlyEntry.history.filter(id__in=[e.pk for e in entries])
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "history_user_id")
    )
    for entry_id, user_id in rows:
        last.setdefault(entry_id, user_id)
    return last


def held_in(department: Department, people: list[User]) -> dict[int, Held]:
    """Return, per person (pk), the department's work in their hands: open entries and kept drafts."""
    held: dict[int, Held] = defaultdict(Held)
    ids = {person.pk for person in people}
    paths = _entry_paths(department)
    open_entries = [e for e in paths.values() if e.status != EntryStatus.CONFIRMED]
    last = _last_changed_by(open_entries)
    for entry in open_entries:
        holder = last.get(entry.pk)
        if holder in ids and holder is not None:
            held[holder].entries.append(entry)
    for draft in KeptForm.objects.filter(user_id__in=ids, path__in=list(paths)).order_by("pk"):
        held[draft.user_id].drafts.append(draft)
        entry = paths[draft.path]
        if all(e.pk != entry.pk for e in held[draft.user_id].entries):
            held[draft.user_id].entries.append(entry)
    for work in held.values():
        work.entries.sort(key=lambda e: (e.fiscal_year, e.program.number))
    return dict(held)
