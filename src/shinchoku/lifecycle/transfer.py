"""The April change of a department's people (人事異動): leavers, movers and newcomers in one step.

Every April dozens of accounts change. For one department the secretariat says, in one form, who
leaves (the account is deactivated), who moves to another department of the organization (the
account stays), who arrives (a new account with a one-time set-password link), and to whom each
leaver's work passes (transfer_work.py says what that is). ``plan_transfer`` checks it all and
says what would happen, for the confirmation page; ``apply_transfer`` does it in one transaction,
checking again under lock, with a history row per account that says why (the change reason).

It lives here, above plans, because a leaver's work is the department's entries; accounts may
not import plans (the same reason as reorganization.py).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet

from shinchoku.accounts import access, typed_work, usernames
from shinchoku.accounts.departments import check_own
from shinchoku.accounts.models import Department, KeptForm, Role, User
from shinchoku.accounts.services import AccountError, set_password_path
from shinchoku.lib.history import record_actor
from shinchoku.lifecycle.transfer_work import Held, held_in


@dataclass(frozen=True)
class Newcomer:
    """A person who arrives: 氏名 in one string, as Japanese writes it, the login name and address."""

    full_name: str
    username: str
    email: str = ""


@dataclass(frozen=True)
class Leaving:
    """A person who leaves the department: deactivated (move_to None) or moved, keeping the account.

    The successor is a person who stays (successor_pk) or the newcomer at successor_new (0-based).
    """

    person: User
    move_to: Department | None = None
    successor_pk: int | None = None
    successor_new: int | None = None


@dataclass(frozen=True)
class Transfer:
    department: Department
    leaving: tuple[Leaving, ...] = ()
    newcomers: tuple[Newcomer, ...] = ()


@dataclass
class Handover:
    """One leaver's work and who takes it (a person who stays, or a newcomer's login name)."""

    leaving: Leaving
    successor: str
    held: Held


@dataclass
class Outcome:
    """What a transfer does (before: the confirmation page) or did (after: with the new links)."""

    deactivated: list[User] = field(default_factory=list)
    moved: list[tuple[User, Department]] = field(default_factory=list)
    added: list[Newcomer] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # login name → set-password path (after only)
    accounts: dict[str, User] = field(
        default_factory=dict
    )  # login name → the newcomer's account (after only)

    @property
    def entry_count(self) -> int:
        return sum(h.held.entry_count for h in self.handovers)


def department_members(department: Department) -> QuerySet[User]:
    """Return the department's active accounts, those the screen lists (gated by the caller)."""
    return (
        User.objects.filter(
            departments=department, is_active=True, organization_id=department.organization_id
        )
        .order_by("username")
        .distinct()
    )


def _people_of(actor: User, department: Department) -> QuerySet[User]:
    """Return the department's active accounts that write its work: those the secretariat manages."""
    return department_members(department).filter(pk__in=access.organization_people(actor).values("pk"))


def _name(person: User) -> str:
    return person.get_full_name() or person.username


def _check_people(actor: User, transfer: Transfer) -> None:
    manageable = set(access.organization_people(actor).values_list("pk", flat=True))
    seen: set[int] = set()
    for leaving in transfer.leaving:
        person = leaving.person
        if person.pk not in manageable:
            raise AccountError(
                f"「{_name(person)}」さんのアカウントは事務局の画面では変更できません"
                "（システム管理者・事例担当のアカウント）。システム管理者に依頼してください。"
            )
        if person.pk in seen:
            raise AccountError(f"「{_name(person)}」さんが2回選ばれています。")
        seen.add(person.pk)
        if not person.is_active or not person.departments.filter(pk=transfer.department.pk).exists():
            raise AccountError(
                f"「{_name(person)}」さんは「{transfer.department.name}」の有効なアカウントではありません。"
                "画面を開き直してください。"
            )
        if leaving.move_to is None and person.pk == actor.pk:
            raise AccountError("自分のアカウントを無効にすることはできません。")
        if leaving.move_to is not None:
            if leaving.move_to.organization_id != actor.organization_id:
                raise PermissionDenied  # a forged department of another organization
            if leaving.move_to.pk == transfer.department.pk:
                raise AccountError(f"「{_name(person)}」さんの異動先に、同じ所管課は選べません。")


def _check_newcomers(transfer: Transfer) -> None:
    names: set[str] = set()
    for number, newcomer in enumerate(transfer.newcomers, start=1):
        username = newcomer.username  # folded by the form (usernames.fold)
        if not username:
            raise AccountError(f"新しく来る方（{number}人目）のログイン名を入力してください。")
        problem = usernames.problem(username)
        if problem:
            raise AccountError(problem)
        if not newcomer.full_name:
            raise AccountError(f"ログイン名「{username}」の方の氏名を入力してください。")
        if username.casefold() in names:
            raise AccountError(f"ログイン名「{username}」が2回入力されています。")
        names.add(username.casefold())
        existing = usernames.taken(username)
        if existing is not None:
            raise AccountError(usernames.taken_message(username, existing, "（他の団体を含みます）"))
        if newcomer.email:
            try:
                validate_email(newcomer.email)
            except ValidationError as error:
                raise AccountError(f"メールアドレス「{newcomer.email}」は正しくありません。") from error


def _successor(transfer: Transfer, leaving: Leaving, staying: dict[int, User]) -> str:
    """Return the successor's login name; refuse one who leaves too or is not of the department."""
    if leaving.successor_new is not None and 0 <= leaving.successor_new < len(transfer.newcomers):
        return transfer.newcomers[leaving.successor_new].username
    if leaving.successor_pk is not None and leaving.successor_pk in staying:
        return staying[leaving.successor_pk].username
    raise AccountError(
        f"「{_name(leaving.person)}」さんの仕事の引継ぎ先を、残る方か新しく来る方から選んでください。"
    )


def _check_someone_stays(actor: User, transfer: Transfer, staying: dict[int, User]) -> None:
    """Refuse a change that leaves a department (this one or a deactivated leaver's other) without a person."""
    if not staying and not transfer.newcomers:
        names = "、".join(f"「{_name(leaving.person)}」さん" for leaving in transfer.leaving)
        raise AccountError(
            f"{names}が異動すると「{transfer.department.name}」に有効なアカウントが残りません。"
            "新しく来る方を同じ画面で追加してください。"
        )
    leaving_ids = {leaving.person.pk for leaving in transfer.leaving if leaving.move_to is None}
    for leaving in transfer.leaving:
        if leaving.move_to is not None:
            continue
        for other in leaving.person.departments.exclude(pk=transfer.department.pk).order_by("name"):
            if not _people_of(actor, other).exclude(pk__in=leaving_ids).exists():
                raise AccountError(
                    f"「{_name(leaving.person)}」さんは「{other.name}」の最後の有効なアカウントです。"
                    f"先に「{other.name}」の人事異動で後任を追加してください。"
                )


def plan_transfer(*, actor: User, transfer: Transfer) -> Outcome:
    """Check the change and return what it would do; refuse it with the reason in Japanese."""
    check_own(actor, transfer.department)
    if not transfer.leaving and not transfer.newcomers:
        raise AccountError("異動する方も新しく来る方もいません。変更する内容を選んでください。")
    _check_people(actor, transfer)
    _check_newcomers(transfer)
    leaving_ids = {leaving.person.pk for leaving in transfer.leaving}
    staying = {p.pk: p for p in _people_of(actor, transfer.department).exclude(pk__in=leaving_ids)}
    _check_someone_stays(actor, transfer, staying)
    held = held_in(transfer.department, [leaving.person for leaving in transfer.leaving])
    outcome = Outcome(added=list(transfer.newcomers))
    for leaving in transfer.leaving:
        if leaving.move_to is None:
            outcome.deactivated.append(leaving.person)
        else:
            outcome.moved.append((leaving.person, leaving.move_to))
        successor = _successor(transfer, leaving, staying)
        outcome.handovers.append(Handover(leaving, successor, held.get(leaving.person.pk, Held())))
    return outcome


def _reason(text: str) -> str:
    return text[:100]  # the history's change reason holds 100 characters


def _add(actor: User, department: Department, newcomer: Newcomer) -> User:
    person = User(
        username=newcomer.username,
        organization_id=department.organization_id,
        last_name=newcomer.full_name,  # 氏名 in one field, as people.py keeps it
        email=newcomer.email,
        role=Role.EDITOR,
        is_staff=False,
    )
    person.set_unusable_password()
    record_actor(person, actor)
    person._change_reason = _reason(f"人事異動で「{department.name}」に着任")  # type: ignore[attr-defined]
    person.save()
    person.departments.add(department)
    return person


def _leave(actor: User, department: Department, handover: Handover, successor: User) -> None:
    leaving = handover.leaving
    person = User.objects.select_for_update().get(pk=leaving.person.pk)
    count = handover.held.entry_count
    if leaving.move_to is None:
        what = f"人事異動で「{department.name}」から転出（無効化）"
    else:
        what = f"人事異動で「{department.name}」から「{leaving.move_to.name}」へ"
    # Set before the departments change: each history row of this step names its actor and reason.
    record_actor(person, actor)
    person._change_reason = _reason(f"{what}、取組{count}件を{successor.username}へ引継ぎ")  # type: ignore[attr-defined]
    if leaving.move_to is None:
        person.is_active = False
    else:
        person.skip_history_when_saving = True  # one history row: 福祉総務課 → 地域福祉課
        person.departments.remove(department)
        del person.skip_history_when_saving
        person.departments.add(leaving.move_to)
    drafts = KeptForm.objects.filter(pk__in=[d.pk for d in handover.held.drafts], user=person)
    typed_work.hand_over(drafts, successor)
    person.save(update_fields=["is_active"])
    if count:
        record_actor(successor, actor)
        successor._change_reason = _reason(  # type: ignore[attr-defined]
            f"人事異動で{person.username}から「{department.name}」の取組{count}件を引継ぎ"
        )
        successor.save(update_fields=["is_active"])


@transaction.atomic(durable=True)
def apply_transfer(*, actor: User, transfer: Transfer) -> Outcome:
    """Do the whole change at once, or nothing: check it again under lock, then write it."""
    check_own(actor, transfer.department)
    department = Department.objects.select_for_update().get(pk=transfer.department.pk)
    list(User.objects.select_for_update().filter(pk__in=[lv.person.pk for lv in transfer.leaving]))
    outcome = plan_transfer(actor=actor, transfer=transfer)
    added = {n.username: _add(actor, department, n) for n in transfer.newcomers}
    staying = {p.username: p for p in _people_of(actor, department)}
    for handover in outcome.handovers:
        successor = added.get(handover.successor) or staying[handover.successor]
        _leave(actor, department, handover, successor)
    outcome.links = {username: set_password_path(person) for username, person in added.items()}
    outcome.accounts = added
    return outcome
