"""A stand-in for the server that answers at once, to measure the load generator of
``bench_stream.py`` alone (``bench_stream.py --floor``): what it costs to receive N events and
make N pulls when the server costs next to nothing.

It speaks just enough of the real server's wire for the benchmark: ``GET /v1/events`` (a
``hello``, then a ``changes`` event to every stream each time the catalog changes), ``GET
/v1/pull`` (one page holding the catalog's one product as it is now), and ``POST
/v1/integration/products`` (the product takes the row's ``name_en``; every stream is told). It
checks no token and keeps no log.

    python -m tests.perf.instant_server --port 8123
"""

from __future__ import annotations

import argparse
import asyncio
import json

PRODUCT = {"sku": "FLOOR-1", "name_zh": "基准商品", "name_en": "floor", "unit": "瓶",
           "tax_rate": "0.13", "base_price": "1.00"}


class InstantServer:
    def __init__(self) -> None:
        self.seq = 1
        self.product = dict(PRODUCT)
        self.streams: set[asyncio.StreamWriter] = set()

    def page(self) -> bytes:
        change = {"seq": self.seq, "entity": "product", "id": "1", "op": "upsert",
                  "version": self.seq, "data": self.product}
        return json.dumps({"changes": [change], "cursor": f"c{self.seq}", "has_more": False,
                           "resync": False, "resync_reason": None,
                           "server_time": "2026-01-01T00:00:00+00:00"}).encode()

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line, *fields = head.decode("latin-1").split("\r\n")
                method, target, _ = line.split(" ", 2)
                length = next((int(f.split(":", 1)[1]) for f in fields
                               if f.lower().startswith("content-length:")), 0)
                body = await reader.readexactly(length) if length else b""
                if target.startswith("/v1/events"):
                    writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
                                 b"connection: close\r\n\r\n"
                                 + f'event: hello\ndata: {{"seq": {self.seq}}}\n\n'.encode())
                    self.streams.add(writer)
                    await reader.read()  # held until the client goes
                    return
                if method == "POST" and target.startswith("/v1/integration/products"):
                    row = json.loads(body)["rows"][0]
                    self.product = {**self.product, "name_en": row["name_en"]}
                    self.seq += 1
                    answer = b'{"applied": 1, "failed": 0}'
                    self._send(writer, answer)
                    event = f'event: changes\ndata: {{"seq": {self.seq}}}\n\n'.encode()
                    for stream in self.streams:
                        stream.write(event)
                    continue
                self._send(writer, self.page())
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.streams.discard(writer)
            writer.close()

    @staticmethod
    def _send(writer: asyncio.StreamWriter, body: bytes) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                     b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


async def main(port: int) -> None:
    server = await asyncio.start_server(InstantServer().serve, "127.0.0.1", port, backlog=4096)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(main(parser.parse_args().port))
