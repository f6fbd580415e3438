"""`shinchoku create_organization`: a new city and its first secretariat account, without the admin."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shinchoku.accounts.link_mail import mail_set_password_link
from shinchoku.accounts.services import AccountError, create_organization


class Command(BaseCommand):
    help = (
        "Create an organization (local government) and its first secretariat account, "
        "and print a one-time link (valid 72 hours) where that person sets a password; "
        "where SHINCHOKU_EMAIL_URL is set, the link is also mailed to that person."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="団体名 (e.g. 川越市)")
        parser.add_argument(
            "--code", required=True, help="JIS X 0402 code with its check digit (e.g. 112011)"
        )
        parser.add_argument(
            "--secretariat", required=True, help="login name of the first secretariat account"
        )
        parser.add_argument("--email", required=True, help="that person's e-mail address")
        parser.add_argument(
            "--site",
            default="",
            help="the site's address to put before the link (e.g. https://shinchoku.city.example.lg.jp); "
            "the mail uses it, else SHINCHOKU_SITE_URL",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = create_organization(
                name=options["name"],
                code=options["code"],
                secretariat_username=options["secretariat"],
                email=options["email"],
            )
        except AccountError as error:
            raise CommandError(str(error)) from error
        organization = created.organization
        self.stdout.write(f"{organization.name}（団体コード {organization.jis_code}）を登録しました。")
        self.stdout.write(f"事務局のアカウント「{created.secretariat.username}」を作成しました。")
        self.stdout.write("次のリンクでパスワードを設定してください（72時間有効、1回限り）:")
        self.stdout.write(options["site"].rstrip("/") + created.set_password_path)
        mailed = mail_set_password_link(created.secretariat, created.set_password_path, site=options["site"])
        self.stdout.write(mailed.note(created.secretariat.email))
