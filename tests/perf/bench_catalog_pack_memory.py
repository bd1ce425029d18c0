"""What a catalog pack's upload and download hold in the server's memory (SQLite, uvicorn on
loopback in this process, as a device would reach it).

Uploads a pack of ``--mb`` MiB (incompressible, so the gzip is as large), then downloads it,
sampling the process's RSS every 10 ms: the peak above the RSS before each step is what the
step held (the test's own copy of the file is made before either).

    python -m tests.perf.bench_catalog_pack_memory [--mb 150] DIR
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import threading
import time
from pathlib import Path

from sync_engine.server.storage.engine import migrate
from tests.support.api import Api
from tests.support.live import live_server
from tests.support.seed import seed


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Peak:
    def __init__(self) -> None:
        self.peak = self.base = _rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, _rss())

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return (self.peak - self.base) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=150)
    parser.add_argument("dir", type=Path)
    args = parser.parse_args()
    url = f"sqlite:///{args.dir / 'server.sqlite3'}"
    migrate(url)
    seed(url)
    raw = os.urandom(args.mb * 2**20)
    packed = gzip.compress(raw, compresslevel=1)
    sha = hashlib.sha256(raw).hexdigest()
    with live_server(url) as server, Api(server, "admin") as admin:
        admin.pull_all(limit=10_000)

        def body():  # (sent in pieces, as a client streams a file)
            for i in range(0, len(packed), 2**20):
                yield packed[i:i + 2**20]

        peak = _Peak()
        t = time.perf_counter()
        r = admin.http.put("/v1/catalog-pack", content=body(), params={
            "cursor": admin.cursor, "schema_id": "bench", "sha256": sha, "size": len(raw)})
        upload_s, upload_mb = time.perf_counter() - t, peak.stop()
        assert r.status_code == 201, r.text
        peak = _Peak()
        t = time.perf_counter()
        digest = hashlib.sha256()
        received = 0
        with admin.http.stream("GET", "/v1/catalog-pack/file", params={"sha256": sha}) as r:
            for piece in r.iter_raw():
                received += len(piece)
                digest.update(piece)
        download_s, download_mb = time.perf_counter() - t, peak.stop()
        assert received == len(packed) and digest.hexdigest() == hashlib.sha256(packed).hexdigest()
    print(f"pack {args.mb} MiB, gzip {len(packed) / 2**20:.1f} MiB: upload {upload_s:.1f} s, "
          f"RSS +{upload_mb:.1f} MiB; download {download_s:.1f} s, RSS +{download_mb:.1f} MiB")


if __name__ == "__main__":
    main()
