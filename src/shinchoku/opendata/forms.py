from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.lib.staleness import SeenField
from shinchoku.opendata.models import Publication

STALE_PUBLICATION = _("Someone saved these settings after you opened this page. Check them and save again.")


if TYPE_CHECKING:  # ModelForm is generic in django-stubs only; it takes no type argument at run time
    PublicationModelForm = forms.ModelForm[Publication]
else:
    PublicationModelForm = forms.ModelForm


class PublicationForm(PublicationModelForm):
    """The secretariat's choice: publish or not, the licence, the credit line."""

    seen = SeenField()

    class Meta:
        model = Publication
        fields = ["is_published", "licence", "attribution"]
        widgets = {"licence": forms.RadioSelect}


def publication_state(publication: Publication) -> list[object]:
    return [publication.is_published, publication.licence, publication.attribution]
