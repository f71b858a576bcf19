"""The benchmark: our full pipeline against bare mkdocs-material on the same generated Markdown.

For each size, in one run: generate the knowledge base; time `build.py check`;
build it with our pipeline (`build.py build`) and with bare mkdocs-material
(our plugin and overrides off, a one-page navigation, the same Markdown
extensions); report wall time, peak memory, output size, the ratios, and the
gzipped weight of one case-study page.

    python bench/run.py 500 5000
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from generate import generate  # noqa: E402

from browser import browser, serve  # noqa: E402

PYTHON = sys.executable


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run `command`; returns (wall seconds, peak memory in MB) of that process and its children."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-3000:]}")
    return wall, usage.ru_maxrss / 1024


def bare_config(project: Path) -> Path:
    """mkdocs.yml for bare mkdocs-material over the same content: no plugin of ours, no overrides, a short nav."""
    ours = (ROOT / "mkdocs.yml").read_text()
    extensions = yaml.safe_load(
        ours.split("markdown_extensions:", 1)[1].split("\n\n", 1)[0].replace("!!python/name:", "")
    )
    config = {
        "site_name": "Bare",
        "docs_dir": "content",
        "site_dir": "site-bare",
        "use_directory_urls": True,
        "exclude_docs": "vocabulary.yml",
        "nav": [{"Home": "index.md"}],
        "validation": {"nav": {"omitted_files": "ignore"}},
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": extensions,
    }
    path = project / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def folder_size(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def page_weight(site: Path, page: Path) -> dict[str, float]:
    """Gzipped KB of a page's HTML and the CSS and JS files it loads (search index excluded)."""
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    weights = {"html": len(gzip.compress(html.encode())) / 1024, "css": 0.0, "js": 0.0}
    for asset in assets:
        path = (page.parent / asset.split("?")[0]).resolve()
        if path.is_file() and site.resolve() in path.parents:
            kind = "css" if path.suffix == ".css" else "js"
            weights[kind] += len(gzip.compress(path.read_bytes())) / 1024
    weights["total"] = weights["html"] + weights["css"] + weights["js"]
    return weights


def search_timing(site: Path, query: str = "moderation") -> dict[str, float]:
    """In headless chromium: seconds from typing a query to the first result, and KB transferred from opening the search page."""
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        sizes: list[int] = []
        page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        start = time.perf_counter()
        page.get_by_placeholder("Search the knowledge base").fill(query)
        page.wait_for_selector(".pagefind-ui__result-link")
        first = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        return {"first_result_s": first, "transferred_kb": sum(sizes) / 1024}


def run(pages: int, work: Path) -> dict:
    project = work / f"kb-{pages}"
    counts = generate(pages, project)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    check_wall, _ = measure([PYTHON, str(ROOT / "build.py"), "check", "--content", str(project / "content")], project)
    ours_wall, ours_mem = measure(
        [
            PYTHON,
            str(ROOT / "build.py"),
            "build",
            "--config",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(project / "site"),
        ],
        project,
    )
    bare_wall, bare_mem = measure([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(bare_config(project))], project)
    case = sorted((project / "site" / "case-studies").glob("case-study-*/index.html"))[0]
    return {
        "pages": sum(counts.values()),
        "check_s": check_wall,
        "ours_s": ours_wall,
        "bare_s": bare_wall,
        "time_ratio": ours_wall / bare_wall,
        "ours_mb": ours_mem,
        "bare_mb": bare_mem,
        "memory_ratio": ours_mem / bare_mem,
        "ours_out_mb": folder_size(project / "site"),
        "bare_out_mb": folder_size(project / "site-bare"),
        "weight": page_weight(project / "site", case),
        "search": search_timing(project / "site"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-bench"))
    args = parser.parse_args()
    results = [run(size, args.work) for size in args.sizes]
    print(
        "| pages | check | ours | bare | ours/bare | peak MB ours | peak MB bare | memory ratio | output MB ours | output MB bare"
        " | case-study page, gzipped KB (HTML + CSS + JS) | search: first result | search: KB transferred |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        w, q = r["weight"], r["search"]
        print(
            f"| {r['pages']} | {r['check_s']:.2f} s | {r['ours_s']:.1f} s | {r['bare_s']:.1f} s | {r['time_ratio']:.2f}"
            f" | {r['ours_mb']:.0f} | {r['bare_mb']:.0f} | {r['memory_ratio']:.2f} | {r['ours_out_mb']:.1f} | {r['bare_out_mb']:.1f}"
            f" | {w['total']:.0f} ({w['html']:.0f} + {w['css']:.0f} + {w['js']:.0f}) | {q['first_result_s']:.2f} s | {q['transferred_kb']:.0f} |"
        )
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(
            f"\nOur build at {large['pages']} pages took {large['ours_s'] / small['ours_s']:.1f} times as long"
            f" as at {small['pages']} ({large['pages'] / small['pages']:.0f} times the pages)."
        )


if __name__ == "__main__":
    main()
