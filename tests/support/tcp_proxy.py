"""A TCP proxy on loopback that a test can cut: the network between two real programs (a broker
restart as the client sees it, a standby that loses its primary).

``cut()`` drops every open connection at once (both sides see it closed); ``refuse()`` makes new
connections fail as a host that went away would, ``accept()`` lets them through again on the
same port.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType


class TcpProxy:
    """Forwards 127.0.0.1:``port`` (a free one unless given) to ``target``, from the start;
    use as a context manager, or :meth:`close` it."""

    def __init__(self, target: tuple[str, int], *, port: int = 0):
        self.target = target
        self.accepted = 0  # connections forwarded so far
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self.port = port
        self.accept()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, _t: type[BaseException] | None, _e: BaseException | None,
                 _tb: TracebackType | None) -> None:
        self.close()

    def accept(self) -> None:
        """Listen (again, on the same port) and forward new connections."""
        if self._listener is not None:
            return
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(64)
        self.port = int(sock.getsockname()[1])
        self._listener = sock
        self._start(self._accept_loop, sock)

    def refuse(self) -> None:
        """Stop listening: new connections are refused (open ones stay unless cut)."""
        sock, self._listener = self._listener, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            sock.close()

    def cut(self) -> int:
        """Drop every open connection (new ones are still accepted unless refused); returns
        how many connections were cut."""
        with self._lock:
            doomed, self._open = self._open, set()
        for sock in doomed:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        return len(doomed) // 2

    def close(self) -> None:
        self.refuse()
        self.cut()
        for thread in self._threads:
            thread.join(timeout=5)

    def _start(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True,  # type: ignore[arg-type]
                                  name="tcp-proxy")
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # refused or closed
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open |= {client, upstream}
                self.accepted += 1
            self._start(self._pump, client, upstream)
            self._start(self._pump, upstream, client)

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass  # one side went away (or was cut): end both below
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            with self._lock:
                self._open -= {source, sink}
            source.close()
