"""The secretariat's list of search synonyms (くすり = 薬物 依存症) for its public directory."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shinchoku.accounts.requests import AuthedRequest
from shinchoku.directory import access, services
from shinchoku.directory.synonyms import SynonymError, parse_lines, synonym_rows
from shinchoku.lib.staleness import SeenField, fingerprint

STALE_SYNONYMS = gettext_lazy(
    "Someone else saved the synonyms after you opened them. Your list is still below: compare it with "
    "the saved one (open the page in another tab) and save again."
)


class SynonymForm(forms.Form):
    seen = SeenField()
    lines = forms.CharField(
        label=gettext_lazy("Synonyms, one per line"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=gettext_lazy(
            "Write a word citizens type, =, and the words it should also find: くすり = 薬物 依存症. "
            "Readings need no line: いぞんしょう already finds 依存症. An empty list brings back the defaults."
        ),
    )


def synonyms(request: AuthedRequest) -> HttpResponse:
    """Return or save the organization's synonyms as lines of text."""
    organization = access.managed_organization(request.user)
    rows = synonym_rows(organization)
    text = "\n".join(f"{word} = {means}" for word, means in rows)
    form = SynonymForm(request.POST or None, initial={"seen": fingerprint(rows), "lines": text})
    if request.method == "POST" and request.POST.get("seen") != fingerprint(rows):
        form.add_error(None, STALE_SYNONYMS)
        return render(request, "directory/manage_synonyms.html", {"form": form}, status=409)
    if request.method == "POST" and form.is_valid():
        try:
            parsed = parse_lines(form.cleaned_data["lines"])
        except SynonymError as error:
            form.add_error("lines", str(error))
        else:
            services.replace_synonyms(organization=organization, rows=parsed, actor=request.user)
            messages.success(request, _("The synonyms have been saved."))
            return redirect("directory:synonyms")
    status = 400 if form.errors else 200
    return render(request, "directory/manage_synonyms.html", {"form": form}, status=status)
