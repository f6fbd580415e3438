"""The one-time link where a new account (or one whose password was reset) chooses its password."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.forms import Form
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from shinchoku.lib.history import record_actor


@method_decorator(login_not_required, name="dispatch")
class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation: the token holds for 72 hours and dies with the first password set."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form: Form) -> HttpResponse:
        # No one is signed in at the link: the history says the person set their own password.
        person = form.user  # type: ignore[attr-defined]  # Django's SetPasswordForm
        record_actor(person, person)
        person._change_reason = "本人がパスワードを設定"
        response = super().form_valid(form)
        messages.success(
            self.request, _("Your password is set. Log in with your user name and the new password.")
        )
        return response
