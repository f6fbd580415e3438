"""What a plan publishes as open data, and under which licence the secretariat chose."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from shinchoku.plans.models import Plan


class Licence(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", "クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）"
    PDL_1 = "PDL-1.0", "公共データ利用規約（第1.0版）（PDL1.0）"
    CC0_1 = "CC0-1.0", "CC0 1.0 全世界 パブリック・ドメイン提供"


LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/deed.ja",
    Licence.PDL_1: "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
    Licence.CC0_1: "https://creativecommons.org/publicdomain/zero/1.0/deed.ja",
}


class Publication(models.Model):
    """A plan's open data: whether its confirmed figures are published, and under which licence."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="publication", verbose_name=_("plan")
    )
    is_published = models.BooleanField(
        _("publish the confirmed figures"),
        default=False,
        help_text=_("Confirmed entries and figures appear on the open-data page and in the public API."),
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_4)
    attribution = models.CharField(
        _("attribution"),
        max_length=200,
        blank=True,
        help_text=_("How users should credit the data, e.g. 出典：さいたま市再犯防止推進計画 進捗状況"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("open data publication")
        verbose_name_plural = _("open data publications")

    def __str__(self) -> str:
        return str(self.plan)

    def licence_url(self) -> str:
        return LICENCE_URLS[Licence(self.licence)]

    def credit(self) -> str:
        """Return the credit line users should print: the attribution, or 出典：計画名（団体名）."""
        return self.attribution or f"出典：{self.plan.name}（{self.plan.organization.name}）"
