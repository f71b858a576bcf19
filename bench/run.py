"""The benchmark: our full pipeline against bare mkdocs-material on the same Markdown, in one run.

    python bench/run.py 500 5000              synthetic knowledge bases (bench/generate.py)
    python bench/run.py --real 254 2000       our own content, replicated (bench/replicate.py)

For each size, in one run: make the knowledge base; time `build.py check`; then, one
after the other, build it with bare mkdocs-material (our plugin and overrides off, a
one-page navigation, the same Markdown extensions, Material's own search), with our
pipeline from a cold cache (`.cache/kb/` removed), bare again, and ours again with the
cache kept, each into an emptied folder and with its time split by stage
(bench/stages.py). Then the gzipped weight of one case-study page, search in headless
chromium, and, with --serve, the time from saving one page to the reloaded preview
(bench/preview.py). Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import preview  # noqa: E402
from generate import generate  # noqa: E402
from replicate import replicate  # noqa: E402
from stages import STAGES  # noqa: E402

from browser import browser, serve  # noqa: E402

PYTHON = sys.executable


def measure(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run `command`; returns (wall seconds, peak memory in MB of its largest process, standard output)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=err, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{err.read().decode()[-3000:]}")
        return wall, usage.ru_maxrss / 1024, out.read().decode()


def load() -> str:
    """The machine's load (one-minute average): other work slows every measurement taken while it runs."""
    return f"{os.getloadavg()[0]:.1f}"


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
    """In headless chromium: seconds from typing a query to the first result, and KB transferred from opening
    the search page, as served here (uncompressed) and as a host that compresses text would send it."""
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        sizes: list[tuple[str, int]] = []
        page.on("requestfinished", lambda request: sizes.append((request.url, request.sizes()["responseBodySize"])))
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        start = time.perf_counter()
        page.locator("#kb-search-q").fill(query)
        page.wait_for_selector(".kb-search-result__title a")
        first = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        return {
            "first_result_s": first,
            "transferred_kb": sum(size for _, size in sizes) / 1024,
            "compressed_kb": sum(sent_size(site, url[len(base) :], size) for url, size in sizes) / 1024,
        }


COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", "/")
"""Text a host compresses (GitHub Pages, Netlify, Cloudflare); Pagefind's index files are compressed already."""


def sent_size(site: Path, path: str, size: int) -> int:
    """Bytes a compressing host sends for `path`: gzipped for text, as they are for everything else."""
    path = path.split("?")[0].split("#")[0]
    if not path.endswith(COMPRESSED):
        return size
    file = site / (path + "index.html" if path.endswith("/") or not path else path)
    return len(gzip.compress(file.read_bytes())) if file.is_file() else size


def ours(project: Path, cold: bool) -> dict:
    """Our build (`build.py build`), its stages and peak memory; `cold` removes the cache first."""
    shutil.rmtree(project / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    before = load()
    wall, peak, out = measure(
        [PYTHON, str(ROOT / "bench" / "stages.py"), "ours", str(project), str(project / "site")], project
    )
    return {"wall": wall, "peak_mb": peak, "load": before, "stages": json.loads(out.strip().splitlines()[-1])}


def bare(project: Path) -> dict:
    shutil.rmtree(project / "site-bare", ignore_errors=True)
    before = load()
    wall, peak, out = measure([PYTHON, str(ROOT / "bench" / "stages.py"), "bare", str(bare_config(project))], project)
    return {"wall": wall, "peak_mb": peak, "load": before, "stages": json.loads(out.strip().splitlines()[-1])}


def run(pages: int, work: Path, real: bool, with_serve: bool, with_search: bool) -> dict:
    project = work / (f"real-{pages}" if real else f"kb-{pages}")
    if real:
        shutil.rmtree(project, ignore_errors=True)
        count = replicate(ROOT / "content", pages, project)
    else:
        count = sum(generate(pages, project).values())
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides", dirs_exist_ok=True)
    check_wall, _, _ = measure(
        [PYTHON, str(ROOT / "build.py"), "check", "--content", str(project / "content")], project
    )
    builds = {
        "bare": bare(project),
        "cold": ours(project, cold=True),
        "bare2": bare(project),
        "warm": ours(project, cold=False),
    }
    case = sorted((project / "site" / "case-studies").glob("*/index.html"))[0]
    result = {
        "pages": count,
        "check_s": check_wall,
        "builds": builds,
        "ours_out_mb": folder_size(project / "site"),
        "bare_out_mb": folder_size(project / "site-bare"),
        "weight": page_weight(project / "site", case),
        "search": search_timing(project / "site") if with_search else None,
    }
    if with_serve:
        shutil.rmtree(project / "site", ignore_errors=True)
        result["serve"] = {"load": load(), **preview.measure(project)}
    return result


def tables(results: list[dict]) -> str:
    lines = [
        "| pages | check | bare | ours (cold cache) | ours/bare | bare again | ours (warm cache) | ours/bare"
        " | peak MB ours / bare | output MB ours / bare | case-study page, gzipped KB (HTML + CSS + JS)"
        " | search: first result, KB (compressed as a host sends it) | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        b = r["builds"]
        w, q = r["weight"], r["search"]
        search = f"{q['first_result_s']:.2f} s, {q['transferred_kb']:.0f} ({q['compressed_kb']:.0f})" if q else "-"
        peak = max(b["cold"]["peak_mb"], b["warm"]["peak_mb"])
        lines.append(
            f"| {r['pages']} | {r['check_s']:.2f} s | {b['bare']['wall']:.1f} s | {b['cold']['wall']:.1f} s"
            f" | {b['cold']['wall'] / b['bare']['wall']:.2f} | {b['bare2']['wall']:.1f} s | {b['warm']['wall']:.1f} s"
            f" | {b['warm']['wall'] / b['bare2']['wall']:.2f} | {peak:.0f} / {b['bare']['peak_mb']:.0f}"
            f" | {r['ours_out_mb']:.1f} / {r['bare_out_mb']:.1f}"
            f" | {w['total']:.0f} ({w['html']:.0f} + {w['css']:.0f} + {w['js']:.0f}) | {search}"
            f" | {', '.join(b[k]['load'] for k in ('bare', 'cold', 'bare2', 'warm'))} |"
        )
    if len(results) > 1:
        small, large = results[0], results[-1]
        for kind in ("cold", "warm"):
            lines.append(
                f"\nOur build ({kind} cache) at {large['pages']} pages took"
                f" {large['builds'][kind]['wall'] / small['builds'][kind]['wall']:.1f} times as long as at"
                f" {small['pages']} ({large['pages'] / small['pages']:.1f} times the pages)."
            )
    names = [*STAGES, "other", "total", "other processes"]
    header = " | ".join(f"{r['pages']}: bare | ours cold | ours warm" for r in results)
    for clock, title in (("wall", "wall seconds"), ("cpu", "CPU seconds (main thread; other processes: their CPU)")):
        lines += ["", f"| stage, {title} | {header} |", "|---" * (1 + 3 * len(results)) + "|"]
        for name in names:
            cells = []
            for r in results:
                b = r["builds"]
                cells += [f"{b[k]['stages'][clock].get(name, 0):.2f}" for k in ("bare", "cold", "warm")]
            if any(float(c) for c in cells):
                lines.append(f"| {name} | {' | '.join(cells)} |")
    served = [r for r in results if r.get("serve")]
    if served:
        lines += [
            "",
            "| pages | preview: first build | save a sentence → reloaded | save a title → reloaded | load |",
            "|---|---|---|---|---|",
        ]
        for r in served:
            s = r["serve"]
            lines.append(
                f"| {r['pages']} | {s['first_build_s']:.1f} s | {s['save_sentence_s']:.2f} s | {s['save_title_s']:.2f} s | {s['load']} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--real", action="store_true", help="our own content replicated, not a synthetic one")
    parser.add_argument("--serve", action="store_true", help="also time the preview from saving a page to its reload")
    parser.add_argument("--no-search", action="store_true", help="skip search in the browser")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-bench"))
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = [run(size, args.work, args.real, args.serve, not args.no_search) for size in args.sizes]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(tables(results))


if __name__ == "__main__":
    main()
