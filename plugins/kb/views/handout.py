"""Print handouts: each page's short address and a QR code for it (an SVG made at build time).

zxing-cpp (compiled) encodes a code in about 0.3 ms and we draw it in about as
long again; a build makes only the codes it has not made before: `QrCodes` keeps
them in memory and in a cache folder that outlives builds (one file per code,
named by a hash of the address, zxing-cpp's version and this file, so a cached
code is always the code this file would make), and makes the missing ones in
worker processes while the pages are converted.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import zxingcpp

RESERVED_DOMAINS = ("example.org", "example.com", "example.net", "example", "test", "invalid", "localhost")
"""Host names that can never be a public site (RFC 2606)."""


QR_ERROR_CORRECTION = "M"
"""Up to 15% of a code can be damaged (a crease or a pen mark on a handout) and it still scans."""
QR_BORDER = 2
"""Light modules around the code: its own quiet zone; the page's margin gives the rest."""
WORKERS_FROM = 100
"""Missing codes worth starting worker processes for (each costs a fraction of a second to start)."""
WORKER = [sys.executable, "-I", str(Path(__file__).resolve())]
"""A worker: a fresh interpreter (not a fork: a preview server runs threads) running this file alone. Isolated (`-I`),
it imports only what this file does, not the `kb` package around it (0.06 s to start, not 0.27 s)."""


def short_url(site_url: str, slug: str) -> str:
    """The address a trainer reads aloud: the site address plus the slug."""
    return f"{site_url.rstrip('/')}/{slug}/"


def is_placeholder(site_url: str) -> bool:
    """Whether the public address is a placeholder host, so every short link and QR code would lead nowhere."""
    host = (urlsplit(site_url).hostname or "").rstrip(".")
    return not host or any(host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS)


def make_qr_svg(url: str) -> str:
    """An inline SVG QR code of `url`, with a text alternative: each row's dark runs are lines one module thick."""
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level=QR_ERROR_CORRECTION)
    image = code.to_image(scale=1, add_quiet_zones=False)  # one byte a module: 0 dark, 255 light
    height, width = image.shape
    rows = bytes(image)  # type: ignore[call-overload]  # its stub does not say it is a buffer, which it is
    path = "".join(
        f"M{run.start() + QR_BORDER} {y + QR_BORDER}.5h{run.end() - run.start()}"
        for y in range(height)
        for run in _DARK_RUN.finditer(rows[y * width : (y + 1) * width])
    )
    size = width + 2 * QR_BORDER
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="kb-qr">'
        f"<title>QR code for {html.escape(url)}</title>"
        f'<path stroke="#000" d="{path}"/></svg>'
    )


_DARK_RUN = re.compile(rb"\x00+")
_MADE_BY = json.dumps([version("zxing-cpp"), hashlib.sha256(Path(__file__).read_bytes()).hexdigest()])
"""What makes a code besides its address: the encoder's version and this file, so a cache never gives an old code."""


def cache_name(url: str) -> str:
    """The cache file of `url`'s code: a hash of everything that makes it."""
    return hashlib.sha256((_MADE_BY + url).encode()).hexdigest() + ".svg"


class QrCodes:
    """QR codes by address, each made once: kept in memory and, once given a folder, in files that outlive builds."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.svgs: dict[str, str] = {}
        self.made = 0
        """Codes made by this object or its worker processes; the others were read from the folder."""
        self._workers: list[subprocess.Popen] = []
        self._waiting: list[str] = []

    def prepare(self, urls: Iterable[str], folder: Path | None, workers: int = 1) -> None:
        """Keep codes in `folder` from now on; read those of `urls` from it, and start making the missing ones in `workers` processes."""
        self.wait()
        self.folder = folder
        missing = []
        for url in dict.fromkeys(urls):
            if url in self.svgs:
                continue
            svg = self._read(url)
            if svg is None:
                missing.append(url)
            else:
                self.svgs[url] = svg
        if len(missing) < WORKERS_FROM or workers < 1 or folder is None:
            return  # made when asked for
        self._waiting = missing
        for share in (missing[start::workers] for start in range(workers)):
            worker = subprocess.Popen(
                WORKER + [str(folder)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            self._workers.append(worker)
            assert worker.stdin is not None
            with worker.stdin:
                worker.stdin.write("\n".join(share).encode())

    def svg(self, url: str) -> str:
        """The code of `url`: from memory, the folder (once the worker processes are done), or made now."""
        if url not in self.svgs and self._workers:
            self.wait()
        svg = self.svgs.get(url) or self._read(url)
        if svg is None:
            svg = _make_and_keep(url, self.folder)
            self.made += 1
        self.svgs[url] = svg
        return svg

    def wait(self) -> None:
        """Wait for the worker processes, then take the codes they wrote (any they could not make are made when asked for)."""
        if not self._workers:
            return
        try:
            for worker in self._workers:
                worker.wait()
        except BaseException:
            self.stop()
            raise
        self._workers = []
        for url in self._waiting:
            svg = self._read(url)
            if svg is not None:
                self.svgs[url] = svg
                self.made += 1
        self._waiting = []

    def stop(self) -> None:
        """Stop any worker processes at once and wait for them to end (codes they have not finished are made when asked for)."""
        workers, self._workers, self._waiting = self._workers, [], []
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
        for worker in workers:
            worker.wait()
        if workers and self.folder is not None:  # what a stopped worker was writing (another build's costs it a code)
            for temporary in self.folder.glob(".*.tmp"):
                temporary.unlink(missing_ok=True)

    def _read(self, url: str) -> str | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / cache_name(url)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None


def _make_and_keep(url: str, folder: Path | None) -> str:
    """Make one code and, with a folder, write it there (atomically: a reader never sees half a file)."""
    svg = make_qr_svg(url)
    if folder is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            _write_atomically(folder, cache_name(url), svg)
    return svg


def _write_atomically(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, folder / name)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


CODES = QrCodes()
"""This process's codes: a build tells it its cache folder and the addresses it will need (`prepare`)."""


def qr_svg(url: str) -> str:
    """An inline SVG QR code of `url`, with a text alternative."""
    return CODES.svg(url)


if __name__ == "__main__":  # a worker process of `QrCodes.prepare`: addresses on standard input, codes into the folder
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's, which stops its workers
    for address in sys.stdin.read().split("\n"):
        if address:
            _make_and_keep(address, Path(sys.argv[1]))
