"""The one rule for login names, used wherever an account is created (form, list, 人事異動, new city).

A login name is typed on a Japanese keyboard: 「ＹＯＳＨＩＤＡ　」 in full-width letters with a
full-width space is folded (NFKC) to 「YOSHIDA」 and trimmed before anything else. What remains
must be ASCII letters, digits and @ . + - _ only, as docs/deploy.md says: a name in kana or kanji
(「やまもと」) is refused, not stored, because nobody could type it reliably at the login.

The case is kept: the login compares names exactly, as Django does (its login form folds
full-width input with NFKC too, so 「ＹＯＳＨＩＤＡ」 typed at the login is 「YOSHIDA」). Two
accounts whose names differ only in case (「ROUDOU」 and 「roudou」) are refused as the same
name: ``taken`` compares without case, so a person is never confused with another by one capital.
"""

import re
import unicodedata

from shinchoku.accounts.models import User

ALLOWED = "半角の英字・数字と @ . + - _"
MAX_LENGTH = 150
_ASCII_NAME = re.compile(r"[A-Za-z0-9@.+\-_]+")


def fold(text: str) -> str:
    """Return a typed login name as it is stored: full width folded to half width (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def problem(name: str) -> str | None:
    """Return why a folded login name cannot be used, in Japanese, or None for a good one."""
    if not name:
        return "ログイン名を入力してください。"
    if not _ASCII_NAME.fullmatch(name):
        return f"ログイン名「{name}」には、空白や記号を使わず、{ALLOWED}だけを使ってください（かな・漢字は使えません）。"
    if len(name) > MAX_LENGTH:
        return f"ログイン名は{MAX_LENGTH}文字以内にしてください。"
    return None


def taken(name: str) -> User | None:
    """Return the account that already has this login name, written in any case, or None."""
    return User.objects.filter(username__iexact=name).order_by("pk").first()


def taken_message(name: str, account: User, note: str = "") -> str:
    """Return the refusal of a taken name; it names the existing spelling when only the case differs."""
    if account.username != name:
        return f"ログイン名「{name}」は、すでにある「{account.username}」と大文字・小文字だけが違うため使えません{note}。"
    return f"ログイン名「{name}」はすでに使われています{note}。"
