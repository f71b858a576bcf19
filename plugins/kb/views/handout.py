"""Print handouts: each page's short address and a QR code for it (an SVG made at build time).

A QR code takes about 2 ms to make, so a build makes only the codes it has not
made before: `QrCodes` keeps them in memory and in a cache folder that outlives
builds (one file per code, named by a hash of the address, segno's version and
the options below, so a cached code is always the code segno would make), and
makes the missing ones in worker processes while the pages are converted.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import multiprocessing
import os
import signal
import tempfile
from collections.abc import Iterable
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from urllib.parse import urlsplit

import segno

RESERVED_DOMAINS = ("example.org", "example.com", "example.net", "example", "test", "invalid", "localhost")
"""Host names that can never be a public site (RFC 2606)."""
QR_CODE = {"error": "m", "mask": 0, "micro": False}
"""segno's options for the code. A fixed mask: choosing the best of eight costs about three times as long, and any mask scans."""
QR_SVG = {
    "kind": "svg",
    "xmldecl": False,
    "svgns": True,
    "nl": False,
    "scale": 2,
    "border": 2,
    "svgclass": "kb-qr",
    "lineclass": None,
    "omitsize": True,
}
"""segno's options for the SVG (its title names the address)."""
POOL_FROM = 100
"""Missing codes worth starting worker processes for (each costs a fraction of a second to start)."""


def short_url(site_url: str, slug: str) -> str:
    """The address a trainer reads aloud: the site address plus the slug."""
    return f"{site_url.rstrip('/')}/{slug}/"


def is_placeholder(site_url: str) -> bool:
    """Whether the public address is a placeholder host, so every short link and QR code would lead nowhere."""
    host = (urlsplit(site_url).hostname or "").rstrip(".")
    return not host or any(host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS)


def make_qr_svg(url: str) -> str:
    """An inline SVG QR code of `url`, with a text alternative."""
    buffer = io.BytesIO()
    segno.make(url, **QR_CODE).save(buffer, **QR_SVG, title=f"QR code for {url}")
    return buffer.getvalue().decode()


def cache_name(url: str) -> str:
    """The cache file of `url`'s code: a hash of everything that makes it."""
    recipe = json.dumps([segno.__version__, QR_CODE, QR_SVG, url], sort_keys=True)
    return hashlib.sha256(recipe.encode()).hexdigest() + ".svg"


class QrCodes:
    """QR codes by address, each made once: kept in memory and, once given a folder, in files that outlive builds."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.svgs: dict[str, str] = {}
        self.made = 0
        """Codes made by this object (in worker processes or not); the others were read from the folder."""
        self._pool: Pool | None = None
        self._pending: AsyncResult | None = None
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
        if len(missing) < POOL_FROM or workers < 1:
            return  # made when asked for
        # A fresh interpreter: forking a process that runs threads (a preview server) is unsafe.
        self._pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_ignore_interrupts)
        self._waiting = missing
        self._pending = self._pool.map_async(
            _make_and_keep, [(url, self.folder) for url in missing], chunksize=max(1, len(missing) // (4 * workers))
        )

    def svg(self, url: str) -> str:
        """The code of `url`: from memory, the folder, the worker processes, or made now."""
        if url not in self.svgs and self._pending is not None:
            self.wait()
        svg = self.svgs.get(url) or self._read(url)
        if svg is None:
            svg = _make_and_keep((url, self.folder))
            self.made += 1
        self.svgs[url] = svg
        return svg

    def wait(self) -> None:
        """Collect the codes the worker processes are making, and let them end."""
        if self._pending is None:
            return
        try:
            svgs = self._pending.get()
        except BaseException:
            self.stop()
            raise
        pool, self._pool, self._pending = self._pool, None, None
        if pool is not None:
            pool.close()
            pool.join()
        self.svgs.update(zip(self._waiting, svgs, strict=True))
        self.made += len(svgs)
        self._waiting = []

    def stop(self) -> None:
        """Stop any worker processes at once and wait for them to end (codes they have not finished are made when asked for)."""
        pool, self._pool, self._pending = self._pool, None, None
        if pool is None:
            return
        pool.terminate()
        pool.join()
        if self.folder is not None:  # what a stopped worker was writing (another build's only costs it a code)
            for temporary in self.folder.glob(".*.tmp"):
                temporary.unlink(missing_ok=True)

    def _read(self, url: str) -> str | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / cache_name(url)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None


def _make_and_keep(job: tuple[str, Path | None]) -> str:
    """Make one code and, with a folder, write it there (atomically: a reader never sees half a file)."""
    url, folder = job
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


def _ignore_interrupts() -> None:
    """Worker processes leave Ctrl-C to the build, which stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


CODES = QrCodes()
"""This process's codes: a build tells it its cache folder and the addresses it will need (`prepare`)."""


def qr_svg(url: str) -> str:
    """An inline SVG QR code of `url`, with a text alternative."""
    return CODES.svg(url)
