"""The second factor: one TOTP device (an authenticator app) per user, enrolled by scanning a QR code."""

import base64

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from shinchoku.accounts.models import User
from shinchoku.domain.text import fold_width

DEVICE_NAME = "authenticator"


def has_confirmed_device(user: User) -> bool:
    """Return whether the user has finished enrolling an authenticator app."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())  # django-otp is untyped


def new_device(user: User, key: str | None = None) -> TOTPDevice:
    """Return an unsaved device with the given secret (or a new one): saved only once its first code is right."""
    return TOTPDevice(user=user, name=DEVICE_NAME, key=key or random_hex(20), confirmed=False)


def qr_code_data_uri(device: TOTPDevice) -> str:
    """Return the enrolment QR code as an SVG data URI (the page's CSP allows data: images)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def secret_for_typing(device: TOTPDevice) -> str:
    """Return the secret in base32, in groups of four, for apps that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_token(raw: str) -> str:
    """Return the code as typed, with full-width digits folded and spaces removed (an IME may be on)."""
    return "".join(fold_width(raw).split())


@transaction.atomic(durable=True)
def confirm_enrolment(user: User, key: str, token: str) -> TOTPDevice | None:
    """Save the device of this secret when its first code is right (replacing any earlier app); else None."""
    device = new_device(user, key)
    app = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code = normalise_token(token)
    if not (code.isascii() and code.isdigit()) or not app.verify(int(code), device.tolerance):
        return None
    TOTPDevice.objects.filter(user=user).delete()
    device.confirmed, device.last_t = True, app.t()  # this code cannot be used again
    device.save()
    return device


@transaction.atomic(durable=True)
def check_code(user: User, token: str) -> TOTPDevice | None:
    """Return the user's confirmed device when the code is right (the device throttles repeated failures)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None or not device.verify_token(normalise_token(token)):
        return None
    return device
