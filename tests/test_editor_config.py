"""The browser editor's configuration is generated from the content model: a widget for every field."""

from __future__ import annotations

import html
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

import kb
from conftest import FIXTURE_CONTENT
from kb.content.models import Page
from kb.content.page_types import FOLDERS, MODELS, TYPES
from kb.output import editor
from kb.output.scaffold import slugify, template_body


@pytest.fixture(scope="module")
def settings() -> dict:
    knowledge_base = kb.check(FIXTURE_CONTENT)
    return editor.config(
        knowledge_base,
        repo_url="https://github.com/school-partnerships/knowledge-base",
        site_url="https://example.org/",
    )


def model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Dotted names of every field of a model and of the models inside it."""
    paths = set()
    for name, info in model.model_fields.items():
        paths.add(prefix + name)
        inner = [info.annotation, *typing.get_args(info.annotation)]
        for candidate in inner:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                paths |= model_paths(candidate, f"{prefix}{name}.")
    return paths


def widget_paths(fields: list[dict], prefix: str = "") -> set[str]:
    paths = set()
    for field in fields:
        assert field.get("widget"), f"{prefix}{field['name']} has no widget"
        paths.add(prefix + field["name"])
        paths |= widget_paths(field.get("fields", []), f"{prefix}{field['name']}.")
    return paths


def collection(settings: dict, type_name: str) -> dict:
    return next(c for c in settings["collections"] if c["name"] == FOLDERS[type_name])


def find(fields: list[dict], dotted: str) -> dict:
    head, _, rest = dotted.partition(".")
    field = next(f for f in fields if f["name"] == head)
    return find(field["fields"], rest) if rest else field


@pytest.mark.parametrize("type_name", list(MODELS))
def test_every_field_of_the_model_has_exactly_one_widget(settings: dict, type_name: str) -> None:
    fields = collection(settings, type_name)["fields"]
    assert widget_paths(fields) == model_paths(MODELS[type_name]) | {"body"}


def test_a_field_type_without_a_widget_stops_the_build() -> None:
    class Odd(Page):
        type: typing.Literal["odd"]
        shapes: set[str] = set()  # noqa: RUF012 - a pydantic field, copied per instance

    with pytest.raises(editor.NoWidget, match=r"Odd\.shapes: no editor widget"):
        editor._fields(Odd, kb.check(FIXTURE_CONTENT).vocabulary, [])


def test_one_collection_per_page_type_in_its_folder_sent_for_review(settings: dict) -> None:
    assert [c["folder"] for c in settings["collections"]] == [f"content/{FOLDERS[t]}" for t in MODELS]
    assert settings["publish_mode"] == "editorial_workflow"  # every submission is a pull request
    assert settings["backend"] == {
        **settings["backend"],
        "name": "github",
        "repo": "school-partnerships/knowledge-base",
        "branch": "main",
        "open_authoring": True,
    }
    assert all(c["delete"] is False and c["slug"] == "{{slug}}" for c in settings["collections"])
    assert settings["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert settings["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"


def test_vocabulary_fields_are_selects_with_the_vocabularys_labels(settings: dict) -> None:
    fields = collection(settings, "case-study")["fields"]
    phase = find(fields, "setting.phase")
    assert phase["widget"] == "select" and phase["multiple"] is True and phase["min"] == 1
    assert {"label": "Primary", "value": "primary"} in phase["options"]
    region = find(fields, "setting.region")
    assert "multiple" not in region and region["hint"].startswith("An English region")
    assert find(fields, "anonymised")["options"] == [
        {"label": "Yes", "value": "true"},
        {"label": "No", "value": "false"},
    ]


def test_references_offer_existing_pages_by_title(settings: dict) -> None:
    fields = collection(settings, "recommendation")["fields"]
    source = find(fields, "sources.source")
    assert (
        source | {"widget": "relation", "collection": "sources", "value_field": "{{slug}}", "display_fields": ["title"]}
        == source
    )
    case_studies = find(fields, "case_studies")
    assert case_studies["collection"] == "case-studies" and case_studies["multiple"] is True
    related = find(fields, "related")  # any page type: a select of every page, labelled by title and type
    assert {"label": "A fixture cluster of three primaries (case study)", "value": "fixture-cluster"} in related[
        "options"
    ]


def test_required_optional_and_hints_follow_the_schema(settings: dict) -> None:
    fields = collection(settings, "case-study")["fields"]
    assert "required" not in find(fields, "title")  # Decap's default: required
    assert find(fields, "setting.locality")["required"] is False
    assert find(fields, "setting.schools_involved") | {
        "widget": "number",
        "value_type": "int",
        "required": False,
    } == find(fields, "setting.schools_involved")
    assert find(fields, "glossary_links") | {"widget": "boolean", "default": True, "required": False} == find(
        fields, "glossary_links"
    )
    assert find(fields, "evidence_note")["hint"] == "What stands behind this account, and what it cannot show."
    assert find(fields, "aliases")["field"]["pattern"][0] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert [f["name"] for f in fields][:3] == ["type", "title", "summary"]
    assert find(fields, "type") == {"name": "type", "label": "Type", "widget": "hidden", "default": "case-study"}


@pytest.mark.parametrize("type_name", list(MODELS))
def test_the_body_starts_as_the_types_template(settings: dict, type_name: str) -> None:
    body = collection(settings, type_name)["fields"][-1]
    assert body["widget"] == "markdown" and body["default"] == template_body(type_name)
    headings = [line[3:] for line in body["default"].splitlines() if line.startswith("## ")]
    assert tuple(headings[: len(TYPES[type_name].sections)]) == TYPES[type_name].sections


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Peer review: a guide", "peer-review-a-guide"),
        ("Don't wait", "dont-wait"),
        ("Café’s review", "cafes-review"),
        ("St. Mary's -- a/b 50%", "st-marys-a-b-50"),
    ],
)
def test_file_names_follow_the_editors_rule(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_the_built_site_has_the_editor_with_its_own_policy(built_fixture_site: Path) -> None:
    admin = built_fixture_site / "admin"
    page = html.unescape((admin / "index.html").read_text(encoding="utf-8"))
    assert '<link href="config.yml" type="text/yaml" rel="cms-config-url">' in page
    assert "script-src 'self' 'unsafe-eval'" in page and '<script src="decap/decap-cms.js"></script>' in page
    assert f'data-collections="{" ".join(FOLDERS.values())}"' in page
    assert (admin / "decap" / "decap-cms.js").stat().st_size > 1_000_000 and (admin / "editor.js").is_file()
    assert not list(admin.rglob("*.map"))
    written = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    expected = editor.config(
        kb.check(FIXTURE_CONTENT),
        repo_url="https://github.com/school-partnerships/knowledge-base",
        site_url="https://school-partnerships.example.org/",
    )
    assert written == expected
    for main_css in (built_fixture_site / "assets" / "stylesheets").glob("main.*.min.css"):
        assert f"../assets/stylesheets/{main_css.name}" in page


def test_the_sign_in_screen_shows_the_site_and_what_happens_after_saving(
    settings: dict, built_fixture_site: Path
) -> None:
    assert settings["site_url"] == settings["display_url"] == "https://example.org/"
    admin = built_fixture_site / "admin"
    built = yaml.safe_load((admin / "config.yml").read_text())
    assert (admin / built["logo_url"]).read_text().startswith("<svg")
    assert built["site_url"] == "https://school-partnerships.example.org/"
    page = (admin / "index.html").read_text()
    intro = page.split('<header class="kb-editor-intro" id="kb-editor-intro">')[1].split("</header>")[0]
    assert '<a href="../">School Partnerships Knowledge Base</a>' in intro
    assert "nothing changes on the site" in intro and "<strong>In review</strong>" in intro
    assert '<a href="../share-your-practice/">Send your case study by email or in Word</a>' in intro
