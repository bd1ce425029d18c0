"""Benchmark of the replica's safety work on a 100,000-product replica.

Run:  .venv/bin/python tests/perf/bench_safety.py [--products 100000]

Builds a replica (products from ``catalog_gen``, applied as an initial sync applies them),
then times: the check at open with and without the marker of a clean close (skipped; else
``PRAGMA quick_check``), the quick check itself, the full check run
daily (``PRAGMA integrity_check``), a backup (online backup API) and its size, and a restore,
all on the encrypted replica (compare with a checkout from before encryption).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from catalog_gen import generate_products  # noqa: E402
from figures import emit  # noqa: E402

from sync_engine.client import backups, cipher, integrity, replica  # noqa: E402
from sync_engine.client.store import DB_FILENAME, Store  # noqa: E402


def _time_open(folder: Path, key: cipher.DatabaseKey, rounds: int = 3) -> dict[str, float]:
    """The check at open (``open_checked``), with a clean-close marker (skipped) and without
    (the quick check), alternately; min–median–max of wall and CPU (the medians returned,
    seconds)."""
    times: dict[str, list[tuple[float, float]]] = {"open, marker of a clean close": [],
                                                   "open, no marker (quick_check)": []}
    for _ in range(rounds):
        for name in times:
            if "marker of" in name:
                integrity.record_clean_close(folder)
            start, cpu = time.perf_counter(), time.process_time()
            assert integrity.open_checked(folder, key) is None
            times[name].append((time.perf_counter() - start, time.process_time() - cpu))
    medians: dict[str, float] = {}
    for name, runs in times.items():
        walls = sorted(w * 1000 for w, _ in runs)
        cpus = sorted(c * 1000 for _, c in runs)
        print(f"{name}: wall {walls[0]:.2f}–{statistics.median(walls):.2f}–{walls[-1]:.2f} ms, "
              f"CPU {cpus[0]:.2f}–{statistics.median(cpus):.2f}–{cpus[-1]:.2f} ms")
        medians[f"{name} s"] = statistics.median(walls) / 1000
        medians[f"{name} cpu s"] = statistics.median(cpus) / 1000
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=100_000)
    args = parser.parse_args()
    figures: dict[str, float] = {"products": args.products}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store(folder)
        products = generate_products(args.products, seed=1)
        changes = [{"entity": "product", "op": "upsert", "id": str(i), "version": 1,
                    "data": {**p, "id": i, "active": True, "sellable": True}}
                   for i, p in enumerate(products, 1)]
        start = time.perf_counter()
        with store.bulk_load():
            for n in range(0, len(changes), 5000):
                with store.write() as db:
                    replica.apply_changes(db, changes[n:n + 5000], fresh=True)
        store.close()
        store = Store(folder)
        print(f"built {args.products:,} products in {time.perf_counter() - start:.1f} s; "
              f"file {(folder / DB_FILENAME).stat().st_size / 1e6:.1f} MB")
        path = folder / DB_FILENAME
        store.close()
        figures.update(_time_open(folder, store.key))
        store = Store(folder)
        for name, full in (("quick_check (every open)", False),
                           ("integrity_check (daily)", True)):
            start, cpu = time.perf_counter(), time.process_time()
            assert integrity.damage(path, store.key, full=full) is None
            figures[f"{name} s"] = time.perf_counter() - start
            figures[f"{name} cpu s"] = time.process_time() - cpu
            print(f"{name}: {figures[f'{name} s']:.2f} s "
                  f"(CPU {figures[f'{name} cpu s']:.2f} s)")
        start, cpu = time.perf_counter(), time.process_time()
        made = backups.make_backup(store, "manual")
        figures["backup s"] = time.perf_counter() - start
        figures["backup cpu s"] = time.process_time() - cpu
        figures["backup MB"] = made.size / 1e6
        print(f"backup: {figures['backup s']:.2f} s (CPU {figures['backup cpu s']:.2f} s), "
              f"{made.size / 1e6:.1f} MB (includes the backup's own quick_check)")
        store.close()
        start, cpu = time.perf_counter(), time.process_time()
        backups.restore(folder, made.path, store.key)
        figures["restore s"] = time.perf_counter() - start
        figures["restore cpu s"] = time.process_time() - cpu
        print(f"restore: {figures['restore s']:.2f} s (CPU {figures['restore cpu s']:.2f} s; "
              "includes its check)")
    emit(figures)


if __name__ == "__main__":
    main()
