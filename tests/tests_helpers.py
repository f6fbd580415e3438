"""Helpers shared by the test modules (importable, unlike conftest)."""

from django.test import Client

from shinchoku.accounts.models import User


def login(username: str) -> Client:
    """Return a client logged in as the demo user."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client
