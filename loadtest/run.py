"""`make loadtest`: gunicorn on PostgreSQL on loopback, 50 locust users for 5 minutes, p50/p95 per page.

Writes the table into docs/benchmarks.md (between the load-test markers) and fails when any
request failed. LOAD_USERS, LOAD_MINUTES and LOAD_WORKERS change the size (defaults 50, 5, 4).
"""

import csv
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from shinchoku.operations.drill import PG_SERVER, fresh_postgresql_database  # noqa: E402

BIN = Path(sys.executable).parent
PORT = 8765
PASSWORD = "load-test-password"
BEGIN, END = "<!-- loadtest:begin -->", "<!-- loadtest:end -->"
# Every department with entries gets its own load-test editor, as on a real deadline day
# (one person per department at a keyboard); their names are printed for the scenario.
LOAD_EDITORS = """
from shinchoku.accounts.models import Role, User
from shinchoku.plans.models import YearlyEntry
names = []
departments = YearlyEntry.objects.filter(fiscal_year=2022).values_list("department_id", flat=True).distinct()
for n, department_id in enumerate(sorted(departments)):
    user, _ = User.objects.get_or_create(username=f"load-editor-{n}", defaults={"role": Role.EDITOR})
    user.organization_id = User.objects.get(username="jimukyoku").organization_id
    user.set_password("load-test-password")
    user.save()
    user.departments.set([department_id])
    names.append(user.username)
print(",".join(names))
"""
OPEN_2022 = """
import datetime
from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan
workflow.open_year(plan=Plan.objects.get(slug="saitama-r3"), fiscal_year=2022,
                   deadline=datetime.date(2023, 4, 28), actor=User.objects.get(username="jimukyoku"))
"""


def main() -> int:
    users = int(os.environ.get("LOAD_USERS", "50"))
    minutes = float(os.environ.get("LOAD_MINUTES", "5"))
    workers = int(os.environ.get("LOAD_WORKERS", "4"))
    url = fresh_postgresql_database(os.environ.get("LOAD_PG_SERVER", PG_SERVER), "shinchoku_load")
    env = os.environ | {
        "DATABASE_URL": url,
        "SHINCHOKU_DEBUG": "0",
        "SHINCHOKU_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "shinchoku.settings",
    }
    for args in (
        ["migrate", "--no-input", "-v0"],
        ["demo", "--password", PASSWORD],
        ["shell", "--no-imports", "-c", OPEN_2022],
    ):
        subprocess.run([str(BIN / "shinchoku"), *args], env=env, check=True, stdout=subprocess.DEVNULL)
    editors = subprocess.run(
        [str(BIN / "shinchoku"), "shell", "--no-imports", "-c", LOAD_EDITORS],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()

    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "shinchoku.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        wait_for_server()
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "load"
            subprocess.run(
                [
                    str(BIN / "locust"),
                    *("-f", str(ROOT / "loadtest" / "locustfile.py")),
                    "--headless",
                    *("-u", str(users), "-r", str(max(1, users // 10))),
                    *("-t", f"{int(minutes * 60)}s"),
                    *("--host", f"http://127.0.0.1:{PORT}"),
                    *("--csv", str(prefix)),
                    "--only-summary",
                ],
                env=os.environ | {"LOAD_EDITORS": editors},
                check=False,
            )
            rows = list(csv.DictReader((prefix.with_name("load_stats.csv")).open()))
    finally:
        server.terminate()
        server.wait(timeout=30)
    failures = write_report(rows, users, minutes, workers)
    print(f"load test: {failures} failed requests")
    return 1 if failures else 0


def wait_for_server() -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/login/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def write_report(rows: list[dict[str, str]], users: int, minutes: float, workers: int) -> int:
    table = [
        "| page | requests | failures | p50 ms | p95 ms | max ms | requests/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    failures = 0
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
        if row["Name"] == "Aggregated":
            failures = int(row["Failure Count"])
        table.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {row['95%']} "
            f"| {float(row['Max Response Time']):.0f} | {float(row['Requests/s']):.1f} |"
        )
    cpu = platform.processor() or platform.machine()
    section = "\n".join(
        [
            BEGIN,
            f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), Python "
            f"{platform.python_version()}, gunicorn with {workers} workers, PostgreSQL on the same machine, "
            f"{users} locust users on loopback for {minutes:g} minutes (departments 3 : public 2 : secretariat 1; one editor account per department with entries).",
            "",
            *table,
            "",
            f"Failed requests: **{failures}**. A save refused because someone saved the same entry first (409) is",
            "read again and retried, as a person would; it counts as a failure only if the third try fails.",
            END,
        ]
    )
    target = ROOT / "docs" / "benchmarks.md"
    text = (
        target.read_text()
        if target.exists()
        else "# Benchmarks\n\n## Load test (`make loadtest`)\n\n" + BEGIN + "\n" + END + "\n"
    )
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    target.write_text(before + section + after)
    return failures


if __name__ == "__main__":
    sys.exit(main())
