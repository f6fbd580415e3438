"""Check the pinned packages against known vulnerabilities (pip-audit); skip with a message when offline.

Run by `make test` (target `audit`). Fails on any known vulnerability of a pinned package, unless
its id is listed in scripts/audit-ignore.txt with the reason it does not apply. When the
vulnerability service cannot be reached (as on a machine that only sees a package mirror), it says
so and does not fail: the check then has to happen on a machine that can reach it.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "scripts" / "audit-ignore.txt"


def ignored_ids() -> list[str]:
    if not IGNORE_FILE.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in IGNORE_FILE.read_text().splitlines())
    return [line for line in lines if line]


def main() -> int:
    command = [
        str(Path(sys.executable).parent / "pip-audit"),
        *("-r", str(ROOT / "requirements-dev.txt")),
        "--require-hashes",
        "--disable-pip",
        "--progress-spinner=off",
        "--format=json",
        *(arg for vuln in ignored_ids() for arg in ("--ignore-vuln", vuln)),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        print("pip-audit: skipped (the vulnerability service did not answer within 5 minutes)")
        return 0
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"pip-audit: skipped (the vulnerability service cannot be reached: {last[:200]})")
        return 0
    packages = report.get("dependencies", [])
    audited = [p for p in packages if "skip_reason" not in p]
    if not audited:
        print(
            f"pip-audit: skipped (none of the {len(packages)} pinned packages could be looked up from here)"
        )
        return 0
    found = [(p["name"], p["version"], v["id"]) for p in audited for v in p.get("vulns", [])]
    for name, version, vuln in found:
        print(f"pip-audit: {name} {version}: {vuln}")
    print(
        f"pip-audit: {len(audited)} of {len(packages)} packages audited, {len(found)} known vulnerabilities"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
