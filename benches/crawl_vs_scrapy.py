#!/usr/bin/env python3
"""Crawl benchmark: skilltrend against Scrapy 2.x on the same local site.

    python3 benches/crawl_vs_scrapy.py [--postings 5000] [--page-bytes 15000] [--runs 3] [--skip-scrapy]

Builds skilltrend and the bench site server (cargo, release), starts the
server in its own process on 127.0.0.1, and crawls the whole site with each
crawler in turn, politeness off (no delay, 64 requests in flight, robots.txt
still read). Each crawl parses every page, reads every JobPosting, extracts
skills and stores postings in a fresh SQLite file. Reports pages per second,
CPU seconds (user + system) and peak RSS of each crawler process, the median
of --runs runs. Scrapy is installed from PyPI into a venv under
~/.cache/skilltrend-bench the first time.

Only the standard library is needed to run this script.
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path.home() / ".cache" / "skilltrend-bench" / "venv"
SCRAPY_SPEC = "scrapy>=2.11,<3"


def sh(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, **kw)


def measure(cmd, cwd):
    """Runs cmd; returns (wall seconds, cpu seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{cmd[0]} exited with {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def ensure_scrapy():
    scrapy = VENV / "bin" / "scrapy"
    if not scrapy.exists():
        VENV.parent.mkdir(parents=True, exist_ok=True)
        sh([sys.executable, "-m", "venv", str(VENV)])
        sh([str(VENV / "bin" / "pip"), "install", "--quiet", SCRAPY_SPEC])
    version = subprocess.run([str(scrapy), "version"], capture_output=True, text=True).stdout.strip()
    return scrapy, version


def run_skilltrend(base, work):
    db = work / "skilltrend.db"
    config = work / "sources.toml"
    config.write_text(
        "[[sources]]\n"
        'name = "bench"\n'
        'kind = "jsonld"\n'
        f'start_urls = ["{base}/jobs/"]\n'
        "delay_ms = 0\n"
        "per_host_concurrency = 64\n"
        "max_pages = 100000\n"
    )
    wall, cpu, rss = measure(
        [str(ROOT / "target/release/skilltrend"), "-q", "--db", str(db), "crawl", "--config", str(config),
         "--concurrency", "64"],
        cwd=work,
    )
    conn = sqlite3.connect(db)
    pages = conn.execute("SELECT pages_fetched FROM crawl_runs").fetchone()[0]
    postings = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    return dict(wall=wall, cpu=cpu, rss=rss, pages=pages, postings=postings)


def run_scrapy(scrapy, base, work):
    db = work / "scrapy.db"
    wall, cpu, rss = measure(
        [str(scrapy), "runspider", str(ROOT / "benches/scrapy_jobs.py"), "-a", f"start={base}/jobs/", "-a", f"db={db}"],
        cwd=work,
    )
    conn = sqlite3.connect(db)
    pages = int(conn.execute("SELECT value FROM meta WHERE key = 'pages'").fetchone()[0])
    postings = conn.execute("SELECT count(*) FROM postings").fetchone()[0]
    return dict(wall=wall, cpu=cpu, rss=rss, pages=pages, postings=postings)


def median_of(runs):
    out = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss")}
    out["pages"] = runs[0]["pages"]
    out["postings"] = runs[0]["postings"]
    out["rate"] = out["pages"] / out["wall"]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postings", type=int, default=5000)
    ap.add_argument("--page-bytes", type=int, default=15000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-scrapy", action="store_true")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()

    sh(["cargo", "build", "--release", "--locked", "--bin", "skilltrend", "--example", "bench_site"], cwd=ROOT)
    scrapy = version = None
    if not args.skip_scrapy:
        scrapy, version = ensure_scrapy()

    server = subprocess.Popen(
        [str(ROOT / "target/release/examples/bench_site"), str(args.postings), str(args.page_bytes)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        base = server.stdout.readline().strip()
        results = {}
        for name in ["skilltrend"] + ([] if args.skip_scrapy else ["scrapy"]):
            runs = []
            for i in range(args.runs):
                with tempfile.TemporaryDirectory() as tmp:
                    work = Path(tmp)
                    r = run_skilltrend(base, work) if name == "skilltrend" else run_scrapy(scrapy, base, work)
                    print(f"{name} run {i + 1}: {r['pages']} pages, {r['postings']} postings in {r['wall']:.2f} s "
                          f"({r['pages'] / r['wall']:.0f} pages/s), {r['cpu']:.2f} CPU s, {r['rss']:.1f} MB",
                          file=sys.stderr)
                    runs.append(r)
            results[name] = median_of(runs)
    finally:
        server.kill()

    print(f"\nsite: {args.postings} postings of ~{args.page_bytes / 1000:.0f} KB on {base}; "
          f"median of {args.runs} runs; {os.cpu_count()} CPUs")
    print(f"{'crawler':<22} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'CPU s':>7} {'peak RSS':>9}")
    for name, r in results.items():
        label = name if name == "skilltrend" else f"scrapy {version.split()[-1] if version else ''}".strip()
        print(f"{label:<22} {r['pages']:>6} {r['wall']:>8.2f} {r['rate']:>8.0f} {r['cpu']:>7.2f} {r['rss']:>7.1f} MB")
    if "scrapy" in results:
        s, p = results["skilltrend"], results["scrapy"]
        print(f"\nskilltrend: {s['rate'] / p['rate']:.1f}x the pages per second, "
              f"{p['cpu'] / s['cpu']:.1f}x less CPU, {s['rss'] / p['rss']:.2f}x the peak RSS of Scrapy")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
