"""Consultation windows (相談窓口), aligned with Open Referral HSDS 3.0.

An HSDS service is our window (窓口名称, 支援制度概要); its organization is the
provider (さいたま市, 法務省さいたま保護観察所…); locations, phones and schedules
hang off it; 分野 and 対象 are taxonomy terms. Every row carries a UUID, the
identifier HSDS exchanges by.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.accounts.models import Organization
from shinchoku.directory.search_text import window_search_text
from shinchoku.domain.opening_hours import WEEKDAYS, Period
from shinchoku.lib.validators import validate_link

VERIFY_EVERY_DAYS = 365


class Topic(models.TextChoices):
    """分野: what kind of help."""

    WORK = "work", "就労"
    HOUSING = "housing", "住居"
    POVERTY = "poverty", "生活困窮"
    WELFARE = "welfare", "高齢・障害福祉"
    HEALTH = "health", "医療・依存症"
    YOUTH = "youth", "子ども・若者"
    WOMEN = "women", "女性"
    DEVELOPMENT = "development", "発達障害"
    LAW = "law", "法律"
    REHABILITATION = "rehabilitation", "更生保護"


class Audience(models.TextChoices):
    """対象: who may come."""

    PERSON = "person", "本人"
    FAMILY = "family", "家族"
    VOLUNTEER = "volunteer", "保護司・更生保護関係者"
    SUPPORTER = "supporter", "支援者"


class Provider(models.Model):
    """The body that runs windows (HSDS organization): a city bureau, a national office, an NPO."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="providers", verbose_name=_("organization")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Not a URLField: its validator refuses tel: and mailto:, and allows ftp:. validate_link decides.
    website = models.CharField(_("website"), max_length=200, blank=True, validators=[validate_link])

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Window(models.Model):
    """A consultation window (HSDS service): 窓口名称, 支援制度概要, 連絡先, 受付時間, 対象, 分野."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        RETIRED = "inactive", _("retired")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="windows", verbose_name=_("organization")
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="windows",
        verbose_name=_("provider"),
    )
    name = models.CharField(_("window name (窓口名称)"), max_length=200)
    description = models.TextField(_("what help it gives (支援制度概要)"))
    url = models.CharField(_("web page"), max_length=200, blank=True, validators=[validate_link])
    email = models.EmailField(_("e-mail"), blank=True)
    topics = models.JSONField(_("fields of help (分野)"), default=list, blank=True)
    audiences = models.JSONField(_("who may come (対象)"), default=list, blank=True)
    hours_note = models.CharField(_("note on the opening hours"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    is_demo = models.BooleanField(_("demo data"), default=False)
    note = models.TextField(_("note for the secretariat"), blank=True)
    verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    search_text = models.TextField(editable=False, blank=True)
    # Optimistic locking: the edit page carries the version it was read at; a stale save is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "version"])

    class Meta:
        verbose_name = _("consultation window")
        verbose_name_plural = _("consultation windows")
        ordering = ["organization", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = window_search_text(
            name=self.name,
            # 「保護司」 finds the windows for 保護司・更生保護関係者
            labels=[*self.topic_labels(), *self.audience_labels()],
            others=[self.description, self.provider.name if self.provider else "", self.hours_note],
        )
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = [*kwargs["update_fields"], "search_text"]  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def topic_labels(self) -> list[str]:
        """Return the 分野 as words."""
        return [Topic(t).label for t in self.topics if t in Topic.values]

    def audience_labels(self) -> list[str]:
        """Return the 対象 as words."""
        return [Audience(a).label for a in self.audiences if a in Audience.values]

    def needs_verifying(self, now: datetime.datetime | None = None) -> bool:
        """Return whether nobody has checked the entry for 12 months (or ever)."""
        now = now or timezone.now()
        return self.verified_at is None or now - self.verified_at > datetime.timedelta(days=VERIFY_EVERY_DAYS)


class Ward(models.TextChoices):
    """さいたま市の10区."""

    NISHI = "nishi", "西区"
    KITA = "kita", "北区"
    OMIYA = "omiya", "大宮区"
    MINUMA = "minuma", "見沼区"
    CHUO = "chuo", "中央区"
    SAKURA = "sakura", "桜区"
    URAWA = "urawa", "浦和区"
    MINAMI = "minami", "南区"
    MIDORI = "midori", "緑区"
    IWATSUKI = "iwatsuki", "岩槻区"


class Location(models.Model):
    """Where a window receives people (HSDS location with its address)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    window = models.ForeignKey(
        Window, on_delete=models.CASCADE, related_name="locations", verbose_name=_("window")
    )
    name = models.CharField(_("place"), max_length=200)
    ward = models.CharField(_("ward (区)"), max_length=10, choices=Ward.choices, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["window", "pk"]

    def __str__(self) -> str:
        return self.name


class Phone(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    window = models.ForeignKey(
        Window, on_delete=models.CASCADE, related_name="phones", verbose_name=_("window")
    )
    number = models.CharField(_("number"), max_length=30)
    description = models.CharField(_("what it is for"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        ordering = ["window", "pk"]

    def __str__(self) -> str:
        return self.number

    def tel_uri(self) -> str:
        """Return the number as a tel: link target (digits and + only)."""
        return "tel:" + "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


class Schedule(models.Model):
    """A weekly opening period (HSDS schedule, freq WEEKLY): several may share a day."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    window = models.ForeignKey(
        Window, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("window")
    )
    weekdays = models.JSONField(_("weekdays (0 = Monday)"), default=list)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))
    closed_on_holidays = models.BooleanField(_("closed on public holidays (祝日)"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")
        ordering = ["window", "opens_at"]

    def __str__(self) -> str:
        return (
            "・".join(WEEKDAYS[d] for d in sorted(self.weekdays))
            + f" {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        )

    def period(self) -> Period:
        """Return the period as the domain's opening-hours rules read it."""
        return Period(
            frozenset(self.weekdays),
            self.opens_at,
            self.closes_at,
            self.closed_on_holidays,
            self.valid_from,
            self.valid_to,
        )


class ClosedDay(models.Model):
    """A day on which the window keeps other hours or is closed (年末年始, 臨時休業…)."""

    window = models.ForeignKey(
        Window, on_delete=models.CASCADE, related_name="closed_days", verbose_name=_("window")
    )
    day = models.DateField(_("day"))
    opens_at = models.TimeField(_("opens"), null=True, blank=True)
    closes_at = models.TimeField(_("closes"), null=True, blank=True)
    description = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("day with other hours")
        verbose_name_plural = _("days with other hours")
        ordering = ["window", "day"]

    def __str__(self) -> str:
        return f"{self.window} {self.day}"


class LeafletSection(models.Model):
    """A text of the leaflet's 第1部 (再犯防止とは, 再犯の現状, 必要性, 原因), edited by the secretariat."""

    class Key(models.TextChoices):
        WHAT = "what", "再犯防止とは"
        NOW = "now", "再犯の現状"
        WHY = "why", "再犯防止の必要性"
        CAUSES = "causes", "再犯が起こる原因等"

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="leaflet_sections",
        verbose_name=_("organization"),
    )
    key = models.CharField(_("section"), max_length=10, choices=Key.choices)
    body = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leaflet text")
        verbose_name_plural = _("leaflet texts")
        constraints = [models.UniqueConstraint(fields=["organization", "key"], name="leaflet_section_once")]

    def __str__(self) -> str:
        return self.get_key_display()


class SearchSynonym(models.Model):
    """A word citizens type and the words it also finds (くすり → 薬物), kept by the secretariat.

    An organization without any row uses the defaults of directory/synonyms.py.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="search_synonyms", verbose_name=_("organization")
    )
    word = models.CharField(_("word typed"), max_length=50)
    means = models.CharField(_("also finds"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["organization", "word"]
        constraints = [models.UniqueConstraint(fields=["organization", "word"], name="search_synonym_once")]

    def __str__(self) -> str:
        return f"{self.word} → {self.means}"
