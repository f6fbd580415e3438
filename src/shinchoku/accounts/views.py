"""The second factor's pages: enrol an authenticator app, then confirm a code after each login."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from shinchoku.accounts import mfa
from shinchoku.accounts.forms import CodeForm
from shinchoku.accounts.requests import AuthedRequest

PENDING_KEY = "shinchoku_mfa_pending_key"


def _next_page(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return "/"


def _with_next(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_page(request)})}"


def mfa_setup(request: AuthedRequest) -> HttpResponse:
    """Show the QR code of a new secret; the first right code confirms it and verifies this session."""
    user = request.user
    # django-otp's OTPMiddleware adds is_verified() to the user of every request; it is not a model method.
    if mfa.has_confirmed_device(user) and not user.is_verified():  # type: ignore[attr-defined]
        # Only a session that has shown the current app's code may replace it; the password is not enough.
        return redirect(_with_next("accounts:mfa_verify", request))
    # The new secret lives in the session until its first code is right: a visit writes nothing.
    device = mfa.new_device(user, request.session.get(PENDING_KEY))
    request.session[PENDING_KEY] = device.key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = mfa.confirm_enrolment(user, device.key, form.cleaned_data["code"])
        if confirmed is not None:
            del request.session[PENDING_KEY]
            otp_login(request, confirmed)
            messages.success(
                request, _("The authenticator app is set up. You will be asked for a code at each login.")
            )
            return redirect(_next_page(request))
        form.add_error("code", _("The code is not right. Check the app's clock and type the code now shown."))
    context = {
        "form": form,
        "qr": mfa.qr_code_data_uri(device),
        "secret": mfa.secret_for_typing(device),
        "replacing": mfa.has_confirmed_device(user),
        "next": _next_page(request),
    }
    return render(request, "accounts/mfa_setup.html", context, status=400 if form.errors else 200)


def mfa_verify(request: AuthedRequest) -> HttpResponse:
    """Ask for the code of the enrolled app after the password."""
    user = request.user
    if not mfa.has_confirmed_device(user):
        return redirect(_with_next("accounts:mfa_setup", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.check_code(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_page(request))
        form.add_error("code", _("The code is not right, or was tried too often. Wait for the next code."))
    context = {"form": form, "next": _next_page(request)}
    return render(request, "accounts/mfa_verify.html", context, status=400 if form.errors else 200)
