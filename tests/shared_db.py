"""Database state shared by the tests of one module: built once, rolled back at the module's end.

pytest-django runs each test inside a transaction that it rolls back (django.test.TestCase). A
module-scoped fixture can open an outer transaction first, create what every test of the module
reads, and roll it back when the module is done: each test then starts from that state, and
whatever a test writes is still undone by the test's own (now nested) transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import transaction


@contextmanager
def module_transaction(django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Open the database for a module-scoped fixture and roll back what it created at the end.

    The outer block is marked as a test case's own (as django.test.TestCase marks its class-level
    transaction), so that a service's `transaction.atomic(durable=True)` still runs inside a test.
    """
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        outer = transaction.atomic()
        outer._from_testcase = True  # type: ignore[attr-defined]
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():  # type: ignore[attr-defined]
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@contextmanager
def undone() -> Iterator[None]:
    """Run the block in a transaction that is rolled back at its end, as a test case's own.

    Marked as django.test.TestCase marks its transactions, so that a service's
    `transaction.atomic(durable=True)` (a step a person takes) still runs inside it; a plain
    `transaction.atomic()` here would make every durable service refuse to run.
    """
    block = transaction.atomic()
    block._from_testcase = True  # type: ignore[attr-defined]
    with block:
        yield
        transaction.set_rollback(True)
