"""Desktop benchmark (not collected by pytest): UI responsiveness during a 100,000-product
initial sync, cold start to a usable window, and memory.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_desktop.py \
          [--products 100000] [--work /tmp/dinghuo-bench-<checkout>]

1. A server database with ``--products`` products (``server_data.load_scale``: ERP import,
   2,000 customers, 40,000 customer prices) is built once in ``--work`` and reused (by default
   a folder of this checkout's own: another checkout's database may have another schema, and
   two checkouts benchmarked at once must not share the synced client's folder).
2. Stall: the app signs in as rep1 on an empty local store, opens the main window, and runs
   its initial sync on the background worker while a QTimer fires every 10 ms and records the
   gaps between ticks; meanwhile the user searches the catalog every 300 ms. The longest gap
   is the longest time the UI could not react (target <= 100 ms).
3. Cold start: ``python -m desktop --exit-when-ready`` on that synced local store, five times;
   wall time from spawn until the window is up and painted (target <= 1.5 s), and the
   process's peak RSS (target <= 300 MB).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tokens in memory and the local database's key in the data folder's credentials file (see
# sync_engine.client.cipher), so that the cold starts (other processes) can open the store the
# stall run synced. A key kept in this process's memory keyring only was lost with it: each cold
# start found the store undecryptable, moved it aside and waited at the sign-in dialog forever.
os.environ["DINGHUO_KEYRING"] = "memory"

import keyring
from figures import emit
from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from server_data import load_scale

from desktop.app import parse_args
from desktop.application import DinghuoApp, open_engine
from desktop.settings import Settings
from sync_engine.client.memory_keyring import MemoryKeyring
from sync_engine.server.storage.engine import migrate
from tests.support.live import free_port


def _checkout() -> str:
    """A short name of this checkout's folder (its path's hash)."""
    root = str(Path(__file__).resolve().parents[2])
    return hashlib.sha1(root.encode()).hexdigest()[:8]


def server_db(work: Path, products: int) -> str:
    path = work / f"server-{products}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"building the server database with {products:,} products …", flush=True)
        t = time.perf_counter()
        migrate(url)
        load_scale(url, products=products)
        print(f"  built in {time.perf_counter() - t:.0f} s", flush=True)
    return url


class StallMeter:
    """Ticks every 10 ms; the gaps between ticks are how long the event loop was blocked."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.at: list[tuple[float, float]] = []  # (when, gap): where the worst stalls were
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        gap = self._clock.restart() / 1.0
        self.gaps.append(gap)
        self.at.append((time.perf_counter(), gap))


def measure_stall(url: str, work: Path) -> dict[str, float]:
    keyring.set_keyring(MemoryKeyring())
    client = work / "client-stall"
    if client.exists():
        import shutil

        shutil.rmtree(client)
    args = parse_args(["--data-dir", str(client), "--server", url, "--lang", "zh_CN"])
    settings = Settings(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat))
    app = DinghuoApp(args, settings, open_engine(client, url))
    identity = app.engine.login("rep1", "demo")
    meter = StallMeter()
    loop = QEventLoop()
    app.open_main(identity, start_sync=False)
    assert app.sync is not None and app.window is not None
    workspace = app.window.workspace
    catalog = workspace.catalog  # type: ignore[attr-defined]
    workspace.show_page("catalog")  # type: ignore[attr-defined]
    queries = iter(["kl", "可乐", "BEV", "牛奶", "6901", "dami", "纸巾", "cola"] * 100)

    def type_query() -> None:
        text = next(queries)
        catalog.search.setText(text)
        catalog.search.search.emit(text)

    typing = QTimer()
    typing.setInterval(300)
    typing.timeout.connect(type_query)
    started, cpu = time.perf_counter(), time.process_time()
    app.sync.synced.connect(lambda _r: loop.quit())
    app.sync.failed.connect(lambda exc: (print("sync failed:", exc), loop.quit()))
    meter.start()
    typing.start()
    app.sync.start()
    loop.exec()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    typing.stop()
    meter.stop()
    app.window.close()
    app.shutdown()
    gaps = sorted(meter.gaps)
    worst = sorted(meter.at, key=lambda x: -x[1])[:5]
    print("worst gaps (ms at s after the sync started): " + ", ".join(
        f"{g:.0f} at {t - started:.1f}" for t, g in worst), flush=True)
    return {
        "sync_s": seconds,
        "sync_cpu_s": cpu,  # this process's: the app's threads, not the server's
        "ticks": len(gaps),
        "max_gap_ms": gaps[-1],
        "p99_gap_ms": gaps[int(len(gaps) * 0.99) - 1],
        "median_gap_ms": statistics.median(gaps),
    }


def cold_start(url: str, work: Path, runs: int = 5,
               timeout: float = 120) -> list[tuple[float, float, float]]:
    """``runs`` starts of the app on the synced store: (seconds to a painted window, its peak
    RSS MB, the CPU seconds of its whole run) each. A start that shows no window within
    ``timeout`` seconds is killed and fails the bench (it would otherwise wait on the app's
    output for ever)."""
    client = work / "client-stall"  # synced by the stall run: a 100,000-product local catalog
    env = dict(os.environ, DINGHUO_KEYRING="memory", QT_QPA_PLATFORM="offscreen")
    results = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(client), "--server", url,
             "--exit-when-ready"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
            cwd=str(Path(__file__).resolve().parents[2]), text=True)
        assert proc.stdout is not None
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        line = ""
        try:
            for line in proc.stdout:
                if line.startswith("ready"):
                    break
            ready = time.perf_counter() - t
            proc.wait(timeout=60)
        finally:
            watchdog.cancel()
        if not line.startswith("ready"):
            raise RuntimeError(f"the app showed no window within {timeout:.0f} s (exit code "
                               f"{proc.returncode}; its log says why)")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the server is not reaped yet
        results.append((ready, float(line.split()[1]), after.ru_utime + after.ru_stime
                        - before.ru_utime - before.ru_stime))
    return results


@contextmanager
def server_process(url: str) -> Iterator[str]:
    """The server in its own process, as in real use (in-process it would share our GIL)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sync_engine.server", "serve", "--db", url,
                             "--port", str(port), "--no-migrate"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120  # 30 s were too few at a load of 19 on two cores
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / f"dinghuo-bench-{_checkout()}")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    qapp = QApplication.instance() or QApplication([])
    built = not (args.work / f"server-{args.products}.sqlite3").exists()
    url = server_db(args.work, args.products)
    with server_process(url) as base:
        stall = measure_stall(base, args.work)
        print(f"initial sync of {args.products:,} products: {stall['sync_s']:.1f} s on the "
              f"worker; event-loop gaps (10 ms timer, {stall['ticks']} ticks): "
              f"max {stall['max_gap_ms']:.0f} ms, p99 {stall['p99_gap_ms']:.0f} ms, "
              f"median {stall['median_gap_ms']:.0f} ms", flush=True)
        bench_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"bench process peak RSS: {bench_rss:.0f} MB")
        starts = cold_start(base, args.work)
    times = [t for t, _, _ in starts]
    cpus = [c for _, _, c in starts]
    print(f"cold start to a usable window ({args.products:,}-product local catalog): "
          f"median {statistics.median(times):.2f} s, best {min(times):.2f} s, "
          f"worst {max(times):.2f} s; peak RSS {max(r for _, r, _ in starts):.0f} MB; "
          f"CPU of a whole start (to the window and out) median {statistics.median(cpus):.2f} s")
    emit({"products": args.products, "sync_s": stall["sync_s"],
          "sync_cpu_s": stall["sync_cpu_s"],
          "stall_max_gap_ms": stall["max_gap_ms"], "stall_p99_gap_ms": stall["p99_gap_ms"],
          "stall_median_gap_ms": stall["median_gap_ms"], "bench_peak_rss_mb": bench_rss,
          "server_db_built_in_this_run": built,  # its building raised the bench's RSS then
          "cold_start_s": {"min": min(times), "median": statistics.median(times),
                           "max": max(times)},
          "cold_start_cpu_s": {"min": min(cpus), "median": statistics.median(cpus),
                               "max": max(cpus)},
          "cold_start_peak_rss_mb": max(r for _, r, _ in starts)})
    del qapp


if __name__ == "__main__":
    main()
