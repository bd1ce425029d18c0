"""HAProxy in front of server instances, configured from ``packaging/haproxy.cfg`` (the example
the README gives admins) with this test's addresses and a throwaway certificate."""

from __future__ import annotations

import re
import ssl
import subprocess
import time
from pathlib import Path
from types import TracebackType

import httpx

from tests.support.live import free_port

PACKAGED = Path(__file__).resolve().parents[2] / "packaging" / "haproxy.cfg"


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (PEM files), made with openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def render(config: str, *, port: int, plain_port: int, pem: Path,
           servers: list[tuple[str, int]]) -> str:
    """The packaged configuration with this machine's addresses put in."""
    config = re.sub(r"^    bind :443 ssl crt \S+", f"    bind 127.0.0.1:{port} ssl crt {pem}",
                    config, flags=re.M)
    config = re.sub(r"^    bind :80$", f"    bind 127.0.0.1:{plain_port}", config, flags=re.M)
    config = re.sub(r"^    server .*\n", "", config, flags=re.M)
    lines = "".join(f"    server app{i} {host}:{p} check\n" for i, (host, p) in
                    enumerate(servers, 1))
    return config.rstrip("\n") + "\n" + lines


class HaProxy:
    """HAProxy on 127.0.0.1:``port`` (TLS) in front of ``servers``."""

    def __init__(self, folder: Path, servers: list[tuple[str, int]], cert: Path, key: Path):
        self.port = free_port()
        self.plain_port = free_port()
        pem = folder / "haproxy.pem"
        pem.write_text(cert.read_text() + key.read_text())
        self.config = folder / "haproxy.cfg"
        self.config.write_text(render(PACKAGED.read_text(), port=self.port,
                                      plain_port=self.plain_port, pem=pem, servers=servers))
        self.cert = cert
        self.log = folder / "haproxy.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def __enter__(self) -> HaProxy:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(["haproxy", "-db", "-f", str(self.config)],
                                            stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        with httpx.Client(verify=ssl.create_default_context(cafile=str(self.cert)),
                          timeout=2) as http:
            while True:
                try:
                    if http.get(self.url + "/healthz").status_code == 200:
                        return self
                except httpx.TransportError:
                    pass
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__(None, None, None)
                    raise RuntimeError("HAProxy did not start: "
                                       + self.log.read_text(errors="replace")[-2000:])
                time.sleep(0.05)

    def __exit__(self, _t: type[BaseException] | None, _e: BaseException | None,
                 _tb: TracebackType | None) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
