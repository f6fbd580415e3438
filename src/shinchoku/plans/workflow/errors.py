"""Why a step of the yearly cycle cannot be taken now (Japanese messages, for the screen)."""

from shinchoku.lib.errors import ServiceError


class WorkflowError(ServiceError):
    """A step that cannot be taken now; the message says why, in Japanese."""


class StaleEntryError(WorkflowError):
    """Someone saved the entry after this user's page was loaded."""

    def __init__(self) -> None:
        super().__init__(
            "この取組は、あなたが画面を開いた後に他の人が保存しました。入力した内容は画面に残しています。"
            "最新の内容を確認してから、もう一度保存してください。"
        )


class OpeningNeedsConfirmation(WorkflowError):
    """Opening the year is possible but unusual; the secretariat confirms it with a second submit."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        super().__init__(
            "".join(warnings) + "よろしければ「確認しました」にチェックを入れて、もう一度開始してください。"
        )
