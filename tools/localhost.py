"""Serve a built site on 127.0.0.1, as `python -m http.server` would: for browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass


@contextlib.contextmanager
def serve(folder: Path, port: int = 0) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1:`port` (0: any free port); yields the address without a trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
