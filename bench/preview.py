"""How long a contributor waits: from saving one page to the reloaded preview in the browser.

Starts `build.py serve` on a project, opens a page in headless chromium, appends a
sentence to the page's Markdown and times until the browser shows it (the server
notices the save, rebuilds, and the page's live-reload script reloads it). Then the
same for a change of the page's title, which other pages show too.

    python bench/preview.py PROJECT
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser  # noqa: E402

PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 900) -> float:
    """Seconds until `url` answers (the first build done)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise SystemExit(f"build.py serve stopped:\n{process.stderr.read()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return time.perf_counter() - start
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def save_and_wait(page, markdown: Path, change, shown: str, timeout: float = 120) -> float:
    """Seconds from saving `change(text)` to `markdown` until the open page shows `shown`."""
    page.evaluate("window.__kbBefore = true")  # gone once the page has reloaded
    text = markdown.read_text(encoding="utf-8")
    start = time.perf_counter()
    markdown.write_text(change(text), encoding="utf-8")
    page.wait_for_function(
        "shown => !window.__kbBefore && document.body && document.body.innerText.includes(shown)",
        arg=shown,
        timeout=timeout * 1000,
    )
    return time.perf_counter() - start


def measure(project: Path, rounds: int = 3) -> dict[str, float]:
    """First build, then the median of `rounds` saves of a sentence and of a title, in seconds."""
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, str(ROOT / "build.py"), "serve", "--config", str(project / "mkdocs.yml"), "--port", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        markdown = sorted((project / "content" / "case-studies").glob("*.md"))[0]
        url = f"http://127.0.0.1:{port}/case-studies/{markdown.stem}/"
        first = wait_for(url, process)
        sentence, title = [], []
        with browser() as chromium:
            page = chromium.new_page()
            page.goto(url)
            page.wait_for_load_state("load")
            for number in range(rounds):
                words = f"Saved sentence number {number} {time.time_ns()}."
                sentence.append(save_and_wait(page, markdown, lambda t, w=words: t + f"\n\n{w}\n", words))
                name = f"Renamed {number} {time.time_ns()}"
                title.append(
                    save_and_wait(
                        page, markdown, lambda t, n=name: re.sub(r"(?m)^title: .*$", f'title: "{n}"', t, count=1), name
                    )
                )
        return {
            "first_build_s": first,
            "save_sentence_s": sorted(sentence)[len(sentence) // 2],
            "save_title_s": sorted(title)[len(title) // 2],
        }
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]).resolve())))
