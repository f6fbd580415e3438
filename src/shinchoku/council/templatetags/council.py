"""The council's part of the entry pages: the open opinions about the entry's program.

The plans pages sit below the council in the layers, so they do not ask the council in their
views: their templates load this library (``{% load council %}``) and ask here.
"""

from django import template

from shinchoku.accounts.models import User
from shinchoku.council.access import visible_opinions
from shinchoku.council.models import Opinion
from shinchoku.council.queries import open_opinions_for
from shinchoku.plans.models import YearlyEntry

register = template.Library()


@register.simple_tag
def open_opinions_of(entry: YearlyEntry, user: User) -> list[Opinion]:
    """Return the unanswered opinions about the entry's program, its areas or the plan, up to its year,
    of those the user may read (through the council's gate)."""
    return open_opinions_for(entry.program, entry.fiscal_year, among=visible_opinions(user))
