#!/usr/bin/env python3
"""Linking's share of the crawl benchmark, for one or more skilltrend binaries.

    python3 benches/link_share.py [--runs 5] [--site BIN] [NAME=SKILLTREND_BIN ...]

Starts the crawl benchmark's site (benches/crawl_vs_scrapy.py's: 5,040
postings of ~15 KB, `target/release/examples/bench_site`), then crawls it
with each binary in turn, --runs times (taking turns, so that a busy
machine weighs on each alike), as crawl_vs_scrapy.py does but with `-v`,
whose log says how long the writer spent linking postings to their jobs:
on its clock (which counts the waits for a core) and in its CPU time.
Prints each run, then per binary the median (range) of the crawl's clock
and CPU (user + system, `os.wait4`), linking's clock and CPU, and their
shares of the crawl's clock and CPU, with the load average seen.

Only the standard library is needed. Default binary: target/release/skilltrend.
"""

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def crawl(binary, base):
    """One `-v` crawl of the site into a fresh database."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "sources.toml").write_text(
            '[[sources]]\nname = "bench"\nkind = "jsonld"\n'
            f'start_urls = ["{base}/jobs/"]\ndelay_ms = 0\nper_host_concurrency = 64\nmax_pages = 100000\n'
        )
        load = os.getloadavg()[0]
        start = time.perf_counter()
        proc = subprocess.Popen(
            [binary, "-v", "--db", str(work / "s.db"), "crawl", "--config", str(work / "sources.toml"),
             "--concurrency", "64"],
            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{binary} failed:\n{err[-2000:]}")
        m = re.search(r"linking postings to their jobs took ([\d.]+) ms", err)
        link = float(m.group(1)) / 1000 if m else float("nan")
        # Binaries from before linking's CPU time was logged print only the clock.
        m = re.search(r"ms of the writer's clock, ([\d.]+) ms of its CPU", err)
        link_cpu = float(m.group(1)) / 1000 if m else float("nan")
        conn = sqlite3.connect(work / "s.db")
        postings, jobs = conn.execute("SELECT count(*), count(DISTINCT job_id) FROM postings").fetchone()
        conn.close()
    cpu = usage.ru_utime + usage.ru_stime
    return dict(wall=wall, cpu=cpu, link=link, link_cpu=link_cpu, share=link / wall,
                cpu_share=link_cpu / cpu, cpu_of_clock=link_cpu / wall, load=load, postings=postings, jobs=jobs)


def summary(xs, pct=False):
    xs = [x for x in xs if x == x]
    if not xs:
        return "-"
    f = (lambda v: f"{100 * v:.1f}%") if pct else (lambda v: f"{v:.3f}")
    return f"{f(statistics.median(xs))} ({f(min(xs))}–{f(max(xs))})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--site", default=str(ROOT / "target/release/examples/bench_site"))
    ap.add_argument("binaries", nargs="*", default=[f"skilltrend={ROOT / 'target/release/skilltrend'}"])
    args = ap.parse_args()
    binaries = [b.split("=", 1) if "=" in b else (b, b) for b in args.binaries]
    server = subprocess.Popen([args.site, "5000", "15000"], stdout=subprocess.PIPE, text=True)
    results = {name: [] for name, _ in binaries}
    try:
        base = server.stdout.readline().strip()
        for i in range(args.runs):
            for name, binary in binaries:
                r = crawl(binary, base)
                results[name].append(r)
                print(f"{name} run {i + 1}: clock {r['wall']:.3f} s, CPU {r['cpu']:.3f} s, linking {r['link']:.3f} s "
                      f"on the clock ({100 * r['share']:.1f}%), {r['link_cpu']:.3f} s of CPU; {r['postings']} postings, "
                      f"{r['jobs']} jobs; load average {r['load']:.1f}", file=sys.stderr, flush=True)
    finally:
        server.kill()
    loads = [r["load"] for rs in results.values() for r in rs]
    print(f"median (range) of {args.runs} runs each, taking turns; load average {min(loads):.1f}–{max(loads):.1f}")
    for name, rs in results.items():
        print(f"{name}: crawl clock {summary([r['wall'] for r in rs])} s, CPU {summary([r['cpu'] for r in rs])} s; "
              f"linking clock {summary([r['link'] for r in rs])} s = {summary([r['share'] for r in rs], True)} "
              f"of the crawl's clock; linking CPU {summary([r['link_cpu'] for r in rs])} s = "
              f"{summary([r['cpu_share'] for r in rs], True)} of the crawl's CPU, "
              f"{summary([r['cpu_of_clock'] for r in rs], True)} of its clock")


if __name__ == "__main__":
    main()
