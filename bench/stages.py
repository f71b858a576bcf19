"""Where a build's time goes: one build in this process, its wall time split by stage.

Each stage is a set of functions; a function's time counts for its own stage, less the
time of stages called inside it, so the stages add up to the build. Work done in other
processes (Pagefind runs, QR code workers) shows as the CPU time of the children, and
in the main process only as the time spent waiting for it (the forked process that shares
the pages' work with a large build, too).

    python bench/stages.py ours PROJECT SITE     our build (`build.py build`), as JSON
    python bench/stages.py bare CONFIG           bare mkdocs-material, as JSON
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

STAGES = {
    "load and check": ["kb:check"],
    "graph": ["kb.links.graph:build"],
    "Markdown": ["mkdocs.commands.build:_populate_page"],
    "glossary": ["kb.links.glossary:GlossaryTreeprocessor.run"],
    "sanitise": ["kb.output.sanitise:clean"],
    "page data": ["kb_mkdocs.plugin:page_view"],
    "QR": [
        "kb.views.handout:QrCodes.prepare",
        "kb.views.handout:QrCodes.svg",
        "kb.views.page_view:qr_svg",
        "kb.views.type_views:qr_svg",
    ],
    "templates": ["mkdocs.commands.build:_build_page", "mkdocs.commands.build:_build_theme_template"],
    "print links and CSP": ["kb_mkdocs.plugin:print_urls", "kb.output.csp:with_meta"],
    "Pagefind": ["kb_mkdocs.search:Indexer.written", "kb_mkdocs.search:Indexer.finish", "kb_mkdocs.search:index"],
    "waiting for the second process": ["kb_mkdocs.fork:Fork.result"],
    "search index (Material)": [
        "material.plugins.search.plugin:SearchPlugin.on_page_context",
        "material.plugins.search.plugin:SearchPlugin.on_post_build",
    ],
    "write": [
        "mkdocs.utils:write_file",
        "mkdocs.structure.files:Files.copy_static_files",
        "kb_mkdocs.commands:swap",
        "kb_mkdocs.editor:write",
        "mkdocs_redirects.plugin:RedirectPlugin.on_post_build",
        "kb_mkdocs.plugin:KnowledgeBasePlugin.on_post_build",
    ],
}
"""Stage name -> the functions (module:attribute) whose time is its own (some only in earlier versions of the code)."""


class Clock:
    """Exclusive wall time and CPU time by stage: a stage running inside another is taken out of the outer one.

    CPU time is the main thread's own: on a machine shared with other work, it shows the
    work itself, while wall time also counts the waits for a core (and for other processes).
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.stack: list[list] = []

    def wrap(self, stage: str, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            frame = [time.perf_counter(), time.thread_time(), 0.0, 0.0]  # starts, then time of stages inside
            self.stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self.stack.pop()
                spent, cpu = time.perf_counter() - frame[0], time.thread_time() - frame[1]
                self.seconds[stage] += spent - frame[2]
                self.cpu[stage] += cpu - frame[3]
                if self.stack:
                    self.stack[-1][2] += spent
                    self.stack[-1][3] += cpu

        return timed

    def install(self) -> None:
        for stage, targets in STAGES.items():
            for target in targets:
                module_name, _, path = target.partition(":")
                try:
                    owner = importlib.import_module(module_name)
                except ImportError:
                    continue
                *parents, name = path.split(".")
                for parent in parents:
                    owner = getattr(owner, parent, None)
                if owner is not None and hasattr(owner, name):
                    setattr(owner, name, self.wrap(stage, getattr(owner, name)))


def measure(build) -> dict[str, dict[str, float]]:
    """Run `build()` under the clock: wall and CPU seconds by stage, 'other' for the rest, the totals, and the children's CPU."""
    clock = Clock()
    clock.install()
    start, start_cpu = time.perf_counter(), time.thread_time()
    build()
    total, total_cpu = time.perf_counter() - start, time.thread_time() - start_cpu
    wall = {stage: round(clock.seconds.get(stage, 0.0), 2) for stage in STAGES}
    cpu = {stage: round(clock.cpu.get(stage, 0.0), 2) for stage in STAGES}
    wall["other"] = round(total - sum(clock.seconds.values()), 2)
    cpu["other"] = round(total_cpu - sum(clock.cpu.values()), 2)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall["total"], cpu["total"] = round(total, 2), round(total_cpu, 2)
    cpu["other processes"] = round(children.ru_utime + children.ru_stime, 2)
    return {"wall": wall, "cpu": cpu}


def main() -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    kind, *args = sys.argv[1:]
    if kind == "ours":
        from kb_mkdocs import commands

        project, site = Path(args[0]), Path(args[1])

        def build() -> None:
            if commands.build(project / "mkdocs.yml", site) != 0:
                raise SystemExit("our build failed")

    else:
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        def build() -> None:
            config = load_config(args[0])
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()

    print(json.dumps(measure(build)))


if __name__ == "__main__":
    main()
