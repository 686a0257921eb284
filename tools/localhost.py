"""Serve a built site on 127.0.0.1, as `python -m http.server` would: for browser tests and benchmarks.

With `gzip=True`, text files (HTML, CSS, JavaScript, JSON, XML, SVG) are sent gzipped to a
browser that asks for it, as GitHub Pages and most web servers send them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass


class _GzipHandler(_QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - name from the stdlib
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSED
            or not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not self.path.split("?")[0].rstrip("/").split("/")[-1:]  # let the stdlib redirect folders
        ):
            return super().do_GET()
        body = gzip_module.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, port: int = 0, gzip: bool = False) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1:`port` (0: any free port); yields the address without a trailing slash."""
    handler = functools.partial(_GzipHandler if gzip else _QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
