"""Run every benchmark of ``tests/perf`` and write one JSON document of all their figures.

Run:  .venv/bin/python tests/perf/run_all.py [--products 100000 300000] [--devices 500 2000]
          [--runs 3] [--only sync,search] [--out figures.json]

Each benchmark runs in a process of its own, once per size and run, one after the other (never
two at once: they would measure each other). The size is a catalog's (``--products``) but for
the event stream's, a fleet's (``--devices``: ``stream`` on SQLite, ``stream_postgres`` on
PostgreSQL, ``stream_postgres_2`` with two server instances on it); without sizes, each
benchmark runs once at its own defaults. The document holds, per run: the benchmark, the size
(``products`` or ``devices``), its figures (the ``FIGURES`` line it prints, see ``figures.py``), its
exit code, its wall time, the end of its output, and the machine's load average (1, 5 and 15
minutes) before and after it; and for the whole document the commit (and whether the work
tree had changes), the Python and SQLite versions, the CPU count and start/end times (UTC).
Figures taken on a loaded machine are slower than those on an idle one: compare runs by the
load they were taken at, and A/B alternately on the same machine.

``bench_cipher.py`` is not run: it measures an option (SQLCipher), not the product.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Literal, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from figures import parse  # noqa: E402


class Benchmark(NamedTuple):
    """A benchmark as the runner runs it: script, how its size is set, extra options and
    environment."""

    script: str
    size_option: str
    """The script's option that sets the size."""
    size: Literal["products", "devices"]
    """What the size counts: which of the runner's options gives it."""
    extra: list[str]
    env: dict[str, str]


BENCHMARKS: dict[str, Benchmark] = {
    "sync": Benchmark("bench_sync.py", "--products", "products", [], {}),
    "sync_pack": Benchmark("bench_sync.py", "--products", "products", ["--pack", "--floor"], {}),
    "search": Benchmark("bench_search.py", "--n", "products", [], {}),
    "server": Benchmark("bench_server.py", "--products", "products", [], {}),
    "integration": Benchmark("bench_integration.py", "--products", "products", [], {}),
    "safety": Benchmark("bench_safety.py", "--products", "products", [], {}),
    "desktop": Benchmark("bench_desktop.py", "--products", "products", [],
                         {"QT_QPA_PLATFORM": "offscreen"}),
    "stream": Benchmark("bench_stream.py", "--devices", "devices", [], {}),
    "stream_postgres": Benchmark("bench_stream.py", "--devices", "devices",
                                 ["--db", "postgres"], {}),
    "stream_postgres_2": Benchmark("bench_stream.py", "--devices", "devices",
                                   ["--db", "postgres", "--instances", "2"], {}),
}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def run_one(name: str, size: int | None, timeout: float) -> dict[str, Any]:
    """One benchmark at one size (None: its own default): its figures and the circumstances
    they were taken in."""
    bench = BENCHMARKS[name]
    command = [sys.executable, str(HERE / bench.script), *bench.extra]
    if size is not None:
        command += [bench.size_option, str(size)]
    record: dict[str, Any] = {"benchmark": name, bench.size: size,
                              "command": " ".join(command[1:]), "started": _now(),
                              "load_before": list(os.getloadavg())}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                              timeout=timeout, env={**os.environ, **bench.env})
        stdout, stderr, code = done.stdout, done.stderr, done.returncode
    except subprocess.TimeoutExpired as exc:
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        stderr, code = f"timed out after {timeout:.0f} s", None
    record["seconds"] = time.perf_counter() - start
    record["load_after"] = list(os.getloadavg())
    record["ended"] = _now()
    record["exit_code"] = code
    record["figures"] = parse(stdout)
    record["output_tail"] = [line for line in stdout.splitlines()
                             if not line.startswith("FIGURES ")][-25:]
    if code != 0:
        record["error_tail"] = stderr.splitlines()[-15:]
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, nargs="*", default=None,
                        help="catalog sizes (default: each benchmark's own)")
    parser.add_argument("--devices", type=int, nargs="*", default=None,
                        help="fleet sizes of the stream benchmarks (default: their own)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each benchmark and size")
    parser.add_argument("--only", default="",
                        help=f"comma-separated, of: {', '.join(BENCHMARKS)} (default: all)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per benchmark run")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the document (default: stdout)")
    args = parser.parse_args()
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    sizes: dict[str, list[int | None]] = {
        "products": list(args.products) if args.products else [None],
        "devices": list(args.devices) if args.devices else [None]}

    document: dict[str, Any] = {
        "commit": _git("rev-parse", "HEAD"),
        "branch": _git("rev-parse", "--abbrev-ref", "HEAD"),
        "dirty": bool(_git("status", "--porcelain")),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "host": platform.node(),
        "started": _now(),
        "load_before": list(os.getloadavg()),
        "runs": [],
    }
    for name in names:
        kind = BENCHMARKS[name].size
        for size in sizes[kind]:
            for run in range(args.runs):
                print(f"{name} {kind}={size or 'default'} run {run + 1}/{args.runs} …",
                      file=sys.stderr, flush=True)
                record = run_one(name, size, args.timeout)
                document["runs"].append(record)
                if record["exit_code"] != 0:
                    print(f"  failed ({record['exit_code']}):\n  "
                          + "\n  ".join(record.get("error_tail", [])), file=sys.stderr)
    document["ended"] = _now()
    document["load_after"] = list(os.getloadavg())
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if args.out is None:
        print(text)
    else:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all(r["exit_code"] == 0 for r in document["runs"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
