"""The demo's next plan (令和8〜12年度), made from the first with a few programs mapped. Invented, and named so."""

from shinchoku.accounts.models import Role, User
from shinchoku.lifecycle.models import ProgramSuccession
from shinchoku.lifecycle.succession import create_successor, record_succession
from shinchoku.plans.models import Plan, Program

SLUG = "saitama-r8-demo"
NAME = "さいたま市再犯防止推進計画（次期計画・デモ）"


def load_lifecycle_demo(plan: Plan) -> None:
    """Create the demo successor once: one demo program ends, two demo programs merge into one."""
    if Plan.objects.filter(slug=SLUG).exists():
        return
    actor = User.objects.get(organization=plan.organization, role=Role.SECRETARIAT, username="jimukyoku")
    successor = create_successor(
        plan=plan, actor=actor, slug=SLUG, first_year=2026, last_year=2030, name=NAME
    )
    demo = list(Program.objects.filter(plan=plan, title__startswith="デモ事業").order_by("-number")[:3])
    if len(demo) < 3:
        return
    ending, merged_away, merged_into = demo
    record_succession([ending], [], ProgramSuccession.Kind.ENDED, actor=actor)
    into = Program.objects.get(plan=successor, number=merged_into.number)
    record_succession([merged_into, merged_away], [into], ProgramSuccession.Kind.MERGED, actor=actor)
