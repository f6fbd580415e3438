"""The council (協議会): members, meetings, opinions and the city's responses, report packs, PR activities."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.accounts.models import Department, Organization
from shinchoku.plans.models import Plan, PlanNode, Program


class MemberCategory(models.TextChoices):
    PROBATION = "probation", "保護観察所"
    PROSECUTORS = "prosecutors", "検察庁"
    CORRECTIONS = "corrections", "刑務所・少年院・少年鑑別所"
    POLICE = "police", "警察"
    BAR = "bar", "弁護士会"
    VOLUNTEER_PROBATION = "hogoshi", "保護司会"
    WOMEN = "women", "更生保護女性会"
    WELFARE_COUNCIL = "welfare_council", "社会福祉協議会"
    NPO = "npo", "民間団体"
    ACADEMIC = "academic", "学識経験者"
    CITY = "city", "市"


class Member(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="council_members", verbose_name=_("organization")
    )
    name = models.CharField(_("name"), max_length=100)
    affiliation = models.CharField(_("affiliation"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=MemberCategory.choices)
    term_from = models.DateField(_("term from"), null=True, blank=True)
    term_to = models.DateField(_("term to"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["organization", "category", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.affiliation}）"


class Meeting(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("plan"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    number = models.PositiveSmallIntegerField(_("number in the year"), default=1)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    agenda = models.JSONField(_("agenda"), default=list, blank=True)
    attendees = models.ManyToManyField(
        Member, blank=True, related_name="meetings", verbose_name=_("attendance")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["plan", "-fiscal_year", "-number"]

    def __str__(self) -> str:
        from shinchoku.domain.fiscal import wareki_label

        return f"{wareki_label(self.fiscal_year)}第{self.number}回"


class ResponseStatus(models.TextChoices):
    DONE = "done", "対応済"
    IN_PROGRESS = "in_progress", "対応中"
    CONSIDERING = "considering", "検討中"
    DIFFICULT = "difficult", "対応困難"


class Opinion(models.Model):
    """An opinion of the council, tracked until the city has answered it (対応済)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="opinions", verbose_name=_("plan"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("meeting"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("member"),
        help_text=_("Blank to record it anonymously."),
    )
    area = models.ForeignKey(
        PlanNode,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("area or measure"),
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("program"),
    )
    text = models.TextField(_("opinion"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["plan", "-fiscal_year", "pk"]

    def __str__(self) -> str:
        return self.text[:40]

    def latest_response(self) -> "Response | None":
        return self.responses.order_by("-at", "-pk").first()

    def is_open(self) -> bool:
        """Return whether the city has not yet answered it as 対応済."""
        latest = self.latest_response()
        return latest is None or latest.status != ResponseStatus.DONE


class Response(models.Model):
    opinion = models.ForeignKey(
        Opinion, on_delete=models.CASCADE, related_name="responses", verbose_name=_("opinion")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    status = models.CharField(_("status"), max_length=15, choices=ResponseStatus.choices)
    text = models.TextField(_("response"))
    reason = models.TextField(_("why it is difficult"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["opinion", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.text[:30]}"


class ReportPack(models.Model):
    """The council report, the 進捗管理表 and the figures, frozen when a meeting was prepared."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="packs", verbose_name=_("meeting")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year reported"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    pdf = models.BinaryField(editable=False)
    xlsx = models.BinaryField(editable=False)
    figures = models.JSONField(editable=False)

    class Meta:
        verbose_name = _("report pack")
        verbose_name_plural = _("report packs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.meeting} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("A report pack is frozen: it cannot be changed.")
        if not self.holds_confirmed_entries_only():
            raise ValueError("A report pack is made of confirmed entries only (council members read it).")
        super().save(*args, **kwargs)

    def holds_confirmed_entries_only(self) -> bool:
        """Return whether the pack was frozen from confirmed entries only (as its figures say)."""
        return isinstance(self.figures, dict) and self.figures.get("confirmed_only") is True


class PrKind(models.TextChoices):
    TRAINING = "training", "研修"
    POSTER = "poster", "掲示"
    VIDEO = "video", "動画"
    LEAFLET = "leaflet", "リーフレット"
    EVENT = "event", "イベント"


class PrActivity(models.Model):
    """A dated awareness activity (広報・啓発), shown in the report's ⑥."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="pr_activities", verbose_name=_("organization")
    )
    held_on = models.DateField(_("date"))
    month_only = models.BooleanField(_("only the month is known"), default=False)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PrKind.choices)
    partner = models.CharField(_("partner"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    programs = models.ManyToManyField(
        Program, blank=True, related_name="pr_activities", verbose_name=_("related programs")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("PR activity")
        verbose_name_plural = _("PR activities")
        ordering = ["organization", "held_on"]

    def __str__(self) -> str:
        return self.title

    def when(self) -> str:
        """Return the date as the seed writes it: 令和4年7月 (month only) or 令和4年7月1日."""
        from shinchoku.domain.fiscal import wareki_date

        text = wareki_date(self.held_on)
        return text[: text.index("月") + 1] if self.month_only else text
