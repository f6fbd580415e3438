"""Real SMTP servers on loopback (aiosmtpd) for the mail tests: one that accepts, one that refuses, one that is slow."""

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """Return a loopback port nobody listens on (also what a server that is down looks like)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """Accepts every mail and keeps it."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.mails if address in m["To"]]


class Refusing(Inbox):
    """Refuses every recipient for good (5xx)."""

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        return "550 5.1.1 No such user here"


class Slow(Inbox):
    """Answers the data only after two seconds."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(2)
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def smtp_server(handler: Inbox, port: int | None = None) -> Iterator[int]:
    """Run the handler as an SMTP server on 127.0.0.1; yield its port."""
    port = port or free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
