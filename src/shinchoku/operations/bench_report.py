"""Write the benchmark's result into docs/benchmarks.json and between markers of docs/benchmarks.md."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shinchoku.operations.bench import REPORT_RUNS, ROLLUP_RUNS

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
ROWS = [
    ("rollup_ratio", "national roll-up ÷ hand-written SQL GROUP BY"),
    ("report_isolation_ratio", "Saitama's report with every organization loaded ÷ with one (worst format)"),
    ("import_ratio", "openpyxl read-only iteration ÷ import of the same sheet (throughput)"),
    ("import_peak_mb", "import's peak memory (MB)"),
    ("dashboard_ratio", "dashboard requests/s ÷ /healthz requests/s (same gunicorn)"),
]


def write_report(result: dict[str, Any], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "benchmarks.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    markdown = directory / "benchmarks.md"
    text = markdown.read_text(encoding="utf-8") if markdown.exists() else "# Benchmarks\n"
    section = f"{BEGIN}\n{render(result)}{END}"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n## National scale (`make bench`)\n\n" + section + "\n"
    markdown.write_text(text, encoding="utf-8")


def render(result: dict[str, Any]) -> str:
    machine = result["machine"]
    databases = result["databases"]
    size = result["size"]
    names = list(databases)
    programs = ", ".join(f"{n}: {databases[n]['programs']:,} programs" for n in names)
    lines = [
        f"Measured {result['measured_on']} on {machine['cores']} cores ({machine['architecture']}, "
        f"{machine['system']}), Python {machine['python']}; "
        + "; ".join(f"{d['server_version']}" for d in databases.values())
        + f". Size: {size['orgs']:,} organizations × {size['programs']} programs × {size['years']} years "
        f"({programs}); "
        f"each time the median of {size['repeat']} runs after a warm-up (a report with one "
        f"organization and with all, at least {REPORT_RUNS} runs each, and the roll-up and its SQL, at least "
        f"{ROLLUP_RUNS}: in turn).",
        "",
        "| ratio | " + " | ".join(names) + " | goal | met |",
        "|---|" + "---:|" * len(names) + "---|---|",
    ]
    for key, label in ROWS:
        cells = " | ".join(str(databases[n][key]) for n in names)
        lines.append(
            f"| `{key}`: {label} | {cells} | {result['goals'][key]} | {'yes' if result['met'][key] else '**no**'} |"
        )
    lines += [
        "",
        "Seconds and rates behind the ratios:",
        "",
        "| measurement | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for label, cell in _details():
        lines.append(f"| {label} | " + " | ".join(cell(databases[n]) for n in names) + " |")
    return "\n".join(lines) + "\n"


def _details() -> list[tuple[str, Callable[[dict[str, Any]], str]]]:
    """Return the rows of seconds and rates behind the ratios: a label, and the cell of one database."""
    return [
        (
            "roll-up (ORM) / hand-written SQL, s",
            lambda d: f"{d['rollup_seconds']} / {d['rollup_sql_seconds']}",
        ),
        *[
            (
                f"report {fmt}: one organization / all, s",
                lambda d, fmt=fmt: (
                    f"{d['report_seconds_one_org'][fmt]} / {d['report_seconds_all_orgs'][fmt]}"
                ),
            )
            for fmt in ("json", "html", "pdf", "xlsx")
        ],
        (
            "import of a sheet of N rows / openpyxl iteration, s",
            lambda d: f"{d['import_rows']:,} rows: {d['import_seconds']} / {d['openpyxl_seconds']}",
        ),
        (
            "requests/s: /healthz, dashboard, entry list",
            lambda d: ", ".join(str(v) for v in d["requests_per_second"].values()),
        ),
        ("entry list ÷ /healthz", lambda d: str(d["entry_list_ratio"])),
        (
            "a connection a request: requests/s of the three; dashboard ÷ /healthz, entry list ÷ /healthz",
            _per_request,
        ),
        ("time to generate the invented organizations, s", lambda d: str(d["synth_seconds"])),
        (
            "load average (1 min): start / after synth / end",
            lambda d: " / ".join(str(v) for v in d.get("load_average", {}).values()) or "―",
        ),
    ]


def _per_request(database: dict[str, Any]) -> str:
    """Return the web rates and ratios measured with a connection opened for every request ("―" if not measured)."""
    measured = database.get("connection_per_request")
    if not measured:
        return "―"
    rates = ", ".join(str(v) for v in measured["requests_per_second"].values())
    return f"{rates}; {measured['dashboard_ratio']}, {measured['entry_list_ratio']}"
