#!/usr/bin/env python3
"""Validate the `hn` source at scale against real threads and a peer's curve.

    python3 benches/hn_eval.py [--threads ../shared/eval/hn_threads] [--reference ../shared/eval/hn_keyword_share_controlarm.csv]

Serves recorded "Who is hiring?" threads through a local Algolia-shaped
mirror (examples/hn_mirror.rs), crawls them with skilltrend's `hn` source,
checks that every comment is stored in its month, and compares skilltrend's
monthly shares of python, java and php with the reference tool's published
shares (a case-insensitive \\bword\\b match) on the same months. Prints the
ingest rate and the mean difference per skill. Nothing is copied into the
project; the data stays where it is.
"""

import argparse
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKILLS = {"python": "Python", "java": "Java", "php": "PHP"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", default=str(ROOT.parent / "shared/eval/hn_threads"))
    ap.add_argument("--reference", default=str(ROOT.parent / "shared/eval/hn_keyword_share_controlarm.csv"))
    ap.add_argument("--keep", help="keep the database at this path")
    args = ap.parse_args()
    threads = Path(args.threads)

    subprocess.run(["cargo", "build", "--release", "--locked", "--bin", "skilltrend", "--example", "hn_mirror"],
                   cwd=ROOT, check=True)
    mirror = subprocess.Popen([str(ROOT / "target/release/examples/hn_mirror"), str(threads)], stdout=subprocess.PIPE, text=True)
    try:
        base = mirror.stdout.readline().strip()
        work = Path(tempfile.mkdtemp())
        db = Path(args.keep) if args.keep else work / "hn.db"
        (work / "sources.toml").write_text(
            f'[[sources]]\nname = "hn"\nkind = "hn"\nbase_url = "{base}"\nsince = "2018-01"\n'
            "delay_ms = 0\nper_host_concurrency = 8\nmax_body_bytes = 104857600\n")
        start = time.perf_counter()
        subprocess.run([str(ROOT / "target/release/skilltrend"), "-q", "--db", str(db), "crawl",
                        "--config", str(work / "sources.toml"), "--concurrency", "8"], check=True)
        elapsed = time.perf_counter() - start
        csv_out = subprocess.run(
            [str(ROOT / "target/release/skilltrend"), "--db", str(db), "report", "--skills", ",".join(SKILLS),
             "--format", "csv", "--include-partial"], check=True, capture_output=True, text=True).stdout
    finally:
        mirror.kill()

    # Every comment stored, in its thread's month.
    conn = sqlite3.connect(db)
    stored = Counter(dict(conn.execute("SELECT substr(posted_at, 1, 7), count(*) FROM postings GROUP BY 1")))
    expected = Counter()
    for f in sorted(threads.glob("*.jsonl")):
        expected[f.stem] = sum(1 for _ in f.open())
    wrong = {m: (expected[m], stored.get(m, 0)) for m in expected if expected[m] != stored.get(m, 0)}
    total = sum(expected.values())
    print(f"ingested {conn.execute('SELECT count(*) FROM postings').fetchone()[0]} postings of {total} comments "
          f"from {len(expected)} months in {elapsed:.1f} s ({total / elapsed:.0f} postings/s, including the crawl of "
          f"{len(expected)} thread pages of {sum(f.stat().st_size for f in threads.glob('*.jsonl')) / 1e6:.0f} MB)")
    print("every comment stored in its month" if not wrong else f"months whose counts differ (expected, stored): {wrong}")

    ours = {}
    for row in csv.DictReader(csv_out.splitlines()):
        if row["share"]:
            ours[(row["period"], row["skill"])] = float(row["share"]) * 100
    ref = {}
    with open(args.reference) as f:
        for row in csv.DictReader(f):
            for skill, col in SKILLS.items():
                ref[(row["month"], skill)] = float(row[col])
    months = sorted({m for (m, _) in ours if m in expected})
    print(f"\ncompared on {len(months)} months; percentage points, skilltrend minus reference")
    print(f"{'skill':<8} {'mean diff':>9} {'mean |diff|':>11} {'max |diff|':>10}  (month)   {'mean share':>10}")
    for skill in SKILLS:
        diffs = [(ours[(m, skill)] - ref[(m, skill)], m) for m in months if (m, skill) in ref]
        mean = sum(d for d, _ in diffs) / len(diffs)
        mabs = sum(abs(d) for d, _ in diffs) / len(diffs)
        worst = max(diffs, key=lambda x: abs(x[0]))
        share = sum(ours[(m, skill)] for m in months) / len(months)
        print(f"{skill:<8} {mean:>+9.2f} {mabs:>11.2f} {abs(worst[0]):>10.2f}  ({worst[1]})  {share:>9.1f}%")


if __name__ == "__main__":
    main()
