"""`build.py build` and `serve`: MkDocs run in-process, with an atomic swap of the site."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import TemplateError
from mkdocs.exceptions import MkDocsException

import kb
from kb import cli
from kb.output import site_folder
from kb.views.handout import is_placeholder
from kb_mkdocs.editor import LOCAL_BACKEND, installed

log = logging.getLogger("mkdocs")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def build(config_file: Path, site_dir: Path, offline: bool = False) -> int:
    """Check, build strictly into a temporary folder, then swap it into `site_dir`.

    With `offline`, the site works from the file system (no server) and a zip of
    it is written beside the folder. Nothing is written into the project's own
    files; Ctrl-C, SIGTERM and SIGHUP stop the build cleanly.
    """
    project = config_file.resolve().parent
    site_dir = site_dir.resolve()
    refused = site_folder.problem(site_dir, project, (project / "content").resolve())
    if refused:
        print(f"Build stopped: --site-dir: {refused}", file=sys.stderr)
        return 1
    checked = kb.check(project / "content")
    if cli.report(checked) != 0:
        print("Build stopped: fix the problems above. The last good site is unchanged.")
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _lock(site_dir) as locked:
        if not locked:
            print(
                f"Build stopped: another build is writing {os.path.relpath(site_dir)} now; try again when it has finished.",
                file=sys.stderr,
            )
            return 1
        return _build_and_swap(config_file, site_dir, offline, checked)


def _build_and_swap(config_file: Path, site_dir: Path, offline: bool, checked: kb.KnowledgeBase) -> int:
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        with _signals_stop_the_build():
            build_site(config_file, staging, offline, checked)
            site_folder.mark(staging)
            if offline:
                archive = shutil.make_archive(str(staging) + "-zip", "zip", staging)
    except (KeyboardInterrupt, Stopped) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build stopped by {exc or 'Ctrl-C'}. The last good site is unchanged.", file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else exc.code
    except BaseException as exc:  # a failed build must never touch the last good site
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed: {_describe(exc)}\nThe last good site is unchanged.", file=sys.stderr)
        return 1
    with _signals_blocked():  # two renames that must not be parted
        swap(staging, site_dir)
    print(f"Built the site in {os.path.relpath(site_dir)}")
    if offline:
        zip_path = site_dir.with_suffix(".zip")
        os.replace(archive, zip_path)
        print(f"Offline copy: open {os.path.relpath(site_dir)}/index.html, or share {os.path.relpath(zip_path)}")
    return 0


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived during a build (a BaseException, like Ctrl-C's, so no `except Exception` swallows it)."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.code = 128 + signum


@contextmanager
def _signals_stop_the_build() -> Iterator[None]:
    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    signals = {signal.SIGINT, *STOP_SIGNALS}
    signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals)


@contextmanager
def _lock(site_dir: Path) -> Iterator[bool]:
    """An exclusive lock beside `site_dir`, so two builds never swap into one folder at once."""
    with open(site_dir.with_name(f".{site_dir.name}.lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def _describe(exc: BaseException) -> str:
    """One line for what the author of a page or layout can fix; the type and a traceback for a fault in the build."""
    if isinstance(exc, MkDocsException):
        return str(exc)
    if isinstance(exc, TemplateError):
        where = getattr(exc, "filename", None)
        return (
            f"{os.path.relpath(where)}:{getattr(exc, 'lineno', None) or 1}: {exc.message}"
            if where
            else f"a layout: {exc.message}"
        )
    return (
        f"{type(exc).__name__}: {exc} (a fault in the build itself, not in the content; details follow)\n"
        + "".join(traceback.format_exception(exc)).rstrip()
    )


def build_site(
    config_file: Path, site_dir: Path, offline: bool = False, checked: kb.KnowledgeBase | None = None
) -> None:
    """Run `mkdocs build --strict` in-process (with a large site's pages shared by two processes); raises on any warning or error.

    `checked` is the content just checked, which the plugin then uses rather than check it again.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["KB_OFFLINE"] = "true" if offline else "false"  # read by mkdocs.yml
    from mkdocs.config import load_config

    from kb_mkdocs import two_processes
    from kb_mkdocs.plugin import kb_plugin

    _log_to_stderr()
    config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
    if is_placeholder(config.site_url or ""):
        print(
            f"Warning: site_url is the placeholder {config.site_url or '(empty)'}, so the short links and QR codes"
            " on printed handouts lead nowhere. Set KB_SITE_URL to the public address when building for the real host.",
            file=sys.stderr,
        )
    email = config.extra.get("kb_contact_email") or ""
    if email and is_placeholder("https://" + email.rpartition("@")[2]):
        print(
            f"Warning: kb_contact_email is the placeholder {email}, so case studies and corrections sent by email go"
            " nowhere. Set KB_CONTACT_EMAIL to a real mailbox when building for the real host.",
            file=sys.stderr,
        )
    kb_plugin(config).prechecked = checked
    config.plugins.on_startup(command="build", dirty=False)
    try:
        two_processes.build(config)
    finally:
        config.plugins.on_shutdown()


def _log_to_stderr() -> None:
    """MkDocs' messages on standard error, as `mkdocs` prints them."""
    if not log.handlers:
        handler = _CurrentStderr()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)


class _CurrentStderr(logging.StreamHandler):
    """A log handler that writes to `sys.stderr` as it is at each message (tests and callers may swap it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def swap(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` with `staging` by renames, so readers never see half a site."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def serve(config_file: Path, port: int) -> int:
    """Preview on 127.0.0.1 with live reload: the whole site first, then, after each save, what the save changed."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from kb_mkdocs.preview import Preview

    _log_to_stderr()
    preview = Preview(config_file, port)
    try:
        preview.serve()
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
    return 0


def editor(config_file: Path, port: int, backend_port: int) -> int:
    """The browser editor on this clone: Decap's local backend (git mode) beside the live preview, both on 127.0.0.1."""
    project = config_file.resolve().parent
    server = installed(project, LOCAL_BACKEND)
    if server is None or shutil.which("node") is None:
        print(
            "The editor's local backend is not installed: run tools/setup.sh (it needs Node.js and npm).",
            file=sys.stderr,
        )
        return 1
    if subprocess.run(
        ["git", "-C", str(project), "rev-parse", "--git-dir"], capture_output=True, check=False
    ).returncode:
        print(f"The editor saves pages as Git branches, but {project} is not a Git clone.", file=sys.stderr)
        return 1
    os.environ["KB_EDITOR_PORT"] = str(backend_port)  # read by mkdocs.yml: the generated editor settings point here
    backend_env = {
        **os.environ,
        "MODE": "git",
        "BIND_HOST": "127.0.0.1",
        "PORT": str(backend_port),
        "GIT_REPO_DIRECTORY": str(project),
    }
    backend = subprocess.Popen(["node", str(server)], env=backend_env)
    print(
        f"Editor: http://127.0.0.1:{port}/admin/ (press Ctrl+C to stop). Each page you save becomes a branch cms/<folder>/<slug>."
    )
    try:
        return serve(config_file, port)
    finally:
        backend.terminate()
        backend.wait(timeout=10)
