"""The real knowledge base: every page valid, in our own words, and the site builds strictly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kb
from conftest import ROOT, make_site, run_build_py
from kb.models import MODELS

VERBATIM_CHECK = ROOT.parent / "shared" / "tools" / "verbatim_check.py"


def test_every_real_page_is_valid() -> None:
    knowledge_base = kb.check(ROOT / "content")
    assert [d.format() for d in knowledge_base.diagnostics] == []
    for type_name in MODELS:
        assert knowledge_base.of_type(type_name), f"no {type_name} page yet"


def test_no_passage_is_copied_from_a_seed() -> None:
    if not VERBATIM_CHECK.exists():
        pytest.skip("../shared/tools/verbatim_check.py is not beside the project")
    result = subprocess.run([sys.executable, str(VERBATIM_CHECK), "content"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.stdout.strip().splitlines()[-1] == "no verbatim passages", result.stdout[-3000:]


def test_real_site_builds_strictly(tmp_path: Path) -> None:
    project = make_site(tmp_path / "project", content=ROOT / "content").parent
    result = run_build_py("build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = project / "site"
    finder = (site / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert finder.count('<li class="kb-card kb-card--case-study"') == len(list((ROOT / "content" / "case-studies").glob("*.md")))
