"""A stand-in for threading.Thread in the tests of background work (report files, large imports)."""

from typing import Any


class Threads:
    """Stands for threading.Thread: records the threads started (their args), runs none until told."""

    def __init__(self) -> None:
        self.started: list[tuple[Any, ...]] = []

    def __call__(self, target: Any, args: tuple[Any, ...], **_kwargs: Any) -> "Threads":
        self.started.append(args)
        return self

    def start(self) -> None:
        pass

    def join(self, timeout: float | None = None) -> None:
        pass
