"""Run every benchmark of ``tests/perf`` and write one JSON document of all their figures.

Run:  .venv/bin/python tests/perf/run_all.py [--products 100000 300000] [--runs 3]
          [--only sync,search] [--out figures.json]

Each benchmark runs in a process of its own, once per catalog size and run, one after the
other (never two at once: they would measure each other). The document holds, per run: the
benchmark, the size, its figures (the ``FIGURES`` line it prints, see ``figures.py``), its
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
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from figures import parse  # noqa: E402

#: name → (script, the option that sets the catalog size, extra options, extra environment)
BENCHMARKS: dict[str, tuple[str, str, list[str], dict[str, str]]] = {
    "sync": ("bench_sync.py", "--products", [], {}),
    "search": ("bench_search.py", "--n", [], {}),
    "server": ("bench_server.py", "--products", [], {}),
    "integration": ("bench_integration.py", "--products", [], {}),
    "safety": ("bench_safety.py", "--products", [], {}),
    "desktop": ("bench_desktop.py", "--products", [], {"QT_QPA_PLATFORM": "offscreen"}),
}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def run_one(name: str, products: int | None, timeout: float) -> dict[str, Any]:
    """One benchmark at one size: its figures and the circumstances they were taken in."""
    script, size_option, extra, env = BENCHMARKS[name]
    command = [sys.executable, str(HERE / script), *extra]
    if products is not None:
        command += [size_option, str(products)]
    record: dict[str, Any] = {"benchmark": name, "products": products,
                              "command": " ".join(command[1:]), "started": _now(),
                              "load_before": list(os.getloadavg())}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                              timeout=timeout, env={**os.environ, **env})
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
    sizes: list[int | None] = list(args.products) if args.products else [None]

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
        for size in sizes:
            for run in range(args.runs):
                print(f"{name} products={size or 'default'} run {run + 1}/{args.runs} …",
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
