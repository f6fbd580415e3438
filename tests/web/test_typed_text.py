"""Typed text enters without control characters: every query string and form value (lib/typed_text.py)."""

from django.http import QueryDict
from django.test import RequestFactory

from shinchoku.lib.typed_text import DropControlCharacters, cleaned


def _seen(request: object) -> object:
    return request


def test_control_characters_are_removed_from_query_strings_and_form_posts() -> None:
    factory = RequestFactory()
    middleware = DropControlCharacters(_seen)  # type: ignore[arg-type]

    got = middleware(factory.get("/", {"title": "令和3年度\x00報告書\x01", "plan": ["a\x1b", "b"]}))
    posted = middleware(factory.post("/", {"reason": "理由\x7f\x0bです\r\n改行", "version": "0"}))

    assert got.GET["title"] == "令和3年度報告書" and got.GET.getlist("plan") == ["a", "b"]  # type: ignore[attr-defined]
    assert posted.POST["reason"] == "理由です\r\n改行" and posted.POST["version"] == "0"  # type: ignore[attr-defined]


def test_control_characters_in_a_password_are_kept_as_typed() -> None:
    values = QueryDict(mutable=True)
    values.update({"new_password1": "pa\x01ss", "username": "ji\x01mukyoku"})

    clean = cleaned(values)

    assert clean["new_password1"] == "pa\x01ss" and clean["username"] == "jimukyoku"
    assert not clean._mutable


def test_control_characters_absent_leave_the_same_values() -> None:
    values = QueryDict("year=2021&plan=saitama-r3")
    assert cleaned(values) is values
