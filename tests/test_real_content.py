"""The real knowledge base: every page valid, in our own words, and the site builds strictly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kb
from conftest import ROOT
from kb.content.page_types import MODELS

VERBATIM_CHECK = ROOT.parent / "shared" / "tools" / "verbatim_check.py"


def test_every_real_page_is_valid() -> None:
    knowledge_base = kb.check(ROOT / "content")
    assert [d.format() for d in knowledge_base.diagnostics] == []
    for type_name in MODELS:
        assert knowledge_base.of_type(type_name), f"no {type_name} page yet"


def test_no_passage_is_copied_from_a_seed() -> None:
    if not VERBATIM_CHECK.exists():
        pytest.skip("../shared/tools/verbatim_check.py is not beside the project")
    result = subprocess.run(
        [sys.executable, str(VERBATIM_CHECK), "content"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.stdout.strip().splitlines()[-1] == "no verbatim passages", result.stdout[-3000:]


def test_real_site_builds_strictly(real_site: Path) -> None:
    site = real_site
    finder = (site / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert finder.count('<li class="kb-card kb-card--case-study"') == len(
        list((ROOT / "content" / "case-studies").glob("*.md"))
    )


def lychee(site: Path) -> subprocess.CompletedProcess:
    """lychee, offline, checking every internal link and #fragment of the built site.

    The editor's addresses (admin/#/collections/...) are routes inside its app, not fragments; the page itself is checked.
    """
    binary = Path(sys.executable).parent / "lychee"
    command = [
        str(binary),
        "--offline",
        "--include-fragments",
        "--index-files",
        "index.html",
        "--no-progress",
        "--format",
        "json",
        "--exclude",
        "/admin/?#/collections/",
        "--root-dir",
        str(site),
        f"{site}/**/*.html",
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_no_broken_internal_link_or_anchor(real_site: Path) -> None:
    result = lychee(real_site)
    report = json.loads(result.stdout)
    assert (result.returncode, report["errors"], report["error_map"]) == (0, 0, {})
    assert report["total"] > 1000  # the links were found and followed


def test_lychee_would_catch_a_broken_anchor(real_site: Path, tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "site"
    shutil.copytree(real_site, broken)
    page = broken / "index.html"
    page.write_text(page.read_text().replace("</article>", '<a href="case-studies/#no-such-anchor">x</a></article>', 1))
    result = lychee(broken)
    assert result.returncode != 0 and list(json.loads(result.stdout)["error_map"]) == [str(page)]
