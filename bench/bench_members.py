"""Members API and pages: latency percentiles at 16 concurrent clients, and SQL queries per request.

Data: the demo's public facts plus SYNTHETIC people and mandates (usernames `synthetic-…`), generated here with a
progress bar, so the delegation lists have weight. Set BENCH_PEOPLE to change their number (default 5,000).
"""

from __future__ import annotations

import os
import subprocess
import sys

from common import ROOT, databases, ensure_database, load, report, server

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "5000"))


def generate(database_url: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "synth_members.py"), str(PEOPLE)],
        check=True,
        env={**os.environ, "DATABASE_URL": database_url},
    )


def main() -> None:
    print(f"members benchmark: demo facts + {PEOPLE:,} synthetic people with mandates (synthetic data)")
    for label, url in databases():
        ensure_database(url)
        generate(url)
        env_q = {**os.environ, "DATABASE_URL": url}
        queries = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "queries_members.py")],
            env=env_q,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        q = dict(item.split("=") for item in queries)
        print(f"[{label}]")
        with server(url) as base:
            report("GET /api/v1/members/states (page of 20)", load(base, ["/api/v1/members/states"]), int(q["api"]))
            report("GET /api/v1/members/bodies", load(base, ["/api/v1/members/bodies"]), int(q["bodies"]))
            report("GET /members/ (states page)", load(base, ["/members/"]), int(q["page"]))
            report("GET /members/states/KZ/ (anonymous)", load(base, ["/members/states/KZ/"]), int(q["state"]))
            report("GET /members/chairmanships/", load(base, ["/members/chairmanships/"]), int(q["chairs"]))
        print(f"  queries for a state page signed in, {q['mandates_kz']} mandates listed: {q['state_signed_in']}")


if __name__ == "__main__":
    main()
