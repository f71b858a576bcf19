"""The page-type registry: every type has every part, and a new type needs only the registry, a model, a layout and a template."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_CONTENT, ROOT
from kb.content.page_types import TYPES
from kb.content.vocabulary import Vocabulary
from kb.output import schema_export
from kb.output.scaffold import TEMPLATES

VOCABULARY = Vocabulary.load(FIXTURE_CONTENT / "vocabulary.yml")


@pytest.mark.parametrize("name", list(TYPES))
def test_every_type_has_every_part(name: str) -> None:
    page_type = TYPES[name]
    missing = []
    if not (TEMPLATES / page_type.scaffold).is_file():
        missing.append(f"a scaffold template plugins/kb/templates/{page_type.scaffold}")
    if not (ROOT / "theme_overrides" / page_type.layout).is_file():
        missing.append(f"a layout theme_overrides/{page_type.layout}")
    if not (ROOT / "schema" / f"{name}.schema.json").is_file():
        missing.append(f"schema/{name}.schema.json (run build.py schema)")
    if page_type.model.model_fields["type"].annotation.__args__ != (name,):
        missing.append(f"a model whose `type` is Literal['{name}']")
    unknown = [facet for facet, _path in page_type.facets if facet not in VOCABULARY]
    if unknown:
        missing.append(f"vocabulary facets {unknown}")
    if not set(page_type.card_facts) <= {facet for facet, _ in page_type.facets} or len(page_type.card_facts) > 3:
        missing.append("card facts chosen from its facets, at most three")
    if not page_type.intro or not page_type.label or not page_type.plural:
        missing.append("a label, a plural and a finder intro")
    assert not missing, f"The page type '{name}' lacks: " + "; ".join(missing)


@pytest.mark.parametrize("name", [n for n, t in TYPES.items() if t.sections])
def test_every_required_section_is_in_the_type_s_template(name: str) -> None:
    body = (TEMPLATES / TYPES[name].scaffold).read_text().split("\n---\n", 1)[1]
    assert re.findall(r"^## (.+)$", body, re.M)[: len(TYPES[name].sections)] == list(TYPES[name].sections)


def test_editors_maps_are_written_from_the_registry() -> None:
    """`.vscode/settings.json` and `.remarkrc.mjs` are current (run `build.py schema` after adding a type)."""
    assert (ROOT / ".remarkrc.mjs").read_text() == schema_export.remark_config()
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings == schema_export.vscode_settings(settings)


@pytest.mark.parametrize("document", ["README.md", "CONTRIBUTING.md"])
def test_the_guides_name_every_type(document: str) -> None:
    text = (ROOT / document).read_text()
    assert [name for name in TYPES if f"`{name}`" not in text] == []


MODEL = '''

class Tool(Page):
    """A tool a partnership uses."""

    type: Literal["tool"]
    maker: Text
    """Who made it."""
    stage: list[Annotated[str, Vocab("stage")]] = []
'''
ENTRY = """
        PageType(
            "tool", models.Tool, "tools", "Tool", "Tools", "Tools partnerships use.",
            facets=(("stage", "stage"), ("theme", "theme")), card_facts=("stage",),
        ),"""
END_OF_TYPES = "\n    )\n}\n"
TEMPLATE = """---
type: tool
title: "{{title}}"
summary: "FILL IN: what the tool does."
maker: "FILL IN: who made it"
stage: []                       # any of: {{values:stage}}
theme: []
related: []
aliases: []
contributed_by: null
sources:
  - source: FILL-IN-SOURCE-SLUG
    locator: "FILL IN: where"
---

## How to use it

FILL IN
"""
LAYOUT = """{% extends "kb/page.html" %}
{% block kb_before %}{% autoescape true %}<p class="tool-maker">Made by {{ kb.fields.maker }}</p>{% endautoescape %}{% endblock %}
"""
PAGE = """---
type: tool
title: A review planner
summary: A planner for review days.
maker: A fixture partnership
stage: [prepare]
sources:
  - source: fixture-study
    locator: "§2, p. 3"
---

## How to use it

Plan the days.
"""


def test_a_new_type_needs_only_the_registry_a_model_a_layout_and_a_template(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for part in ("build.py", "mkdocs.yml", "plugins", "theme_overrides"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(ROOT / part, project / part)
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    content_model = project / "plugins" / "kb" / "content"
    (content_model / "models.py").write_text((content_model / "models.py").read_text() + MODEL)
    registry = (content_model / "page_types.py").read_text()
    assert registry.count(END_OF_TYPES) == 1
    (content_model / "page_types.py").write_text(registry.replace(END_OF_TYPES, ENTRY + END_OF_TYPES, 1))
    (project / TEMPLATES.relative_to(ROOT) / "tool.md").write_text(TEMPLATE)
    (project / "theme_overrides" / "kb" / "tool.html").write_text(LAYOUT)
    (project / "content" / "tools").mkdir()
    (project / "content" / "tools" / "a-review-planner.md").write_text(PAGE)

    def run(*args: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, str(project / "build.py"), *args], cwd=project, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    run("schema")
    assert json.loads((project / "schema" / "tool.schema.json").read_text())["properties"]["maker"]["type"] == "string"
    assert "content/tools/*.md" in (project / ".remarkrc.mjs").read_text()
    assert run("check").stdout.strip().endswith("pages are valid.")
    run("new", "tool", "Another planner")
    (project / "content" / "tools" / "another-planner.md").unlink()
    run("build", "--site-dir", str(project / "site"))
    site = project / "site"
    assert "Made by A fixture partnership" in (site / "tools" / "a-review-planner" / "index.html").read_text()
    finder = (site / "tools" / "index.html").read_text()
    assert "A review planner" in finder and "<h1" in finder
    editor = yaml.safe_load((site / "admin" / "config.yml").read_text())
    [tools] = [c for c in editor["collections"] if c["name"] == "tools"]
    assert tools["label"] == "Tools" and "maker" in [f["name"] for f in tools["fields"]]
    assert "tools/" in (site / "index.html").read_text()  # the menu lists its finder
