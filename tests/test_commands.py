"""Each build.py command as a contributor runs it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT, ROOT, run_build_py
from kb.content.page_types import FOLDERS, MODELS
from kb.content.vocabulary import Vocabulary
from kb.output import scaffold, schema_export

FIXTURE_PAGES = len(list(FIXTURE_CONTENT.rglob("*.md")))


@pytest.mark.parametrize("command", [[], ["check"], ["build"], ["serve"], ["new"], ["schema"]])
def test_help(command: list[str]) -> None:
    result = run_build_py(*command, "--help")
    assert result.returncode == 0
    assert "usage: build.py" in result.stdout


def test_check_passes_on_good_content() -> None:
    result = run_build_py("check", "--content", str(FIXTURE_CONTENT))
    assert result.returncode == 0
    assert result.stdout == f"All {FIXTURE_PAGES} pages are valid.\n"


def test_check_lists_problems_then_a_count(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    page = content / "case-studies" / "fixture-cluster.md"
    page.write_text(
        page.read_text().replace("community: urban", "community: city").replace("anonymised: true", "anonymised: maybe")
    )
    result = run_build_py("check", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/case-studies/fixture-cluster.md:9: setting.community: expected a community, one of: urban, suburban, town, rural, coastal, mixed, not-stated; found 'city'",
        "content/case-studies/fixture-cluster.md:15: anonymised: expected true or false; found 'maybe'",
        "2 errors and 0 warnings in 1 file",
    ]
    assert "Traceback" not in result.stderr


def test_check_github_format(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    page = content / "case-studies" / "fixture-cluster.md"
    page.write_text(page.read_text().replace("community: urban", "community: city"))
    result = run_build_py("check", "--format", "github", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "::error file=content/case-studies/fixture-cluster.md,line=9::setting.community: "
        "expected a community, one of: urban, suburban, town, rural, coastal, mixed, not-stated; found 'city'"
    )


def fill_placeholders(text: str, type_name: str) -> str:
    """Replace every FILL IN as a contributor would, with valid values."""
    text = text.replace("phase: [FILL IN]", "phase: [primary]").replace(
        "audience: [FILL IN]", "audience: [senior-leaders]"
    )
    text = text.replace("stage: [FILL IN]", "stage: [prepare]").replace(
        "evidence_type: [FILL IN]", "evidence_type: [interviews]"
    )
    text = text.replace("FILL-IN-SOURCE-SLUG", "fixture-study").replace("FILL-IN-PAGE-SLUG", "fixture-cluster")
    text = text.replace("FILL-IN-RECOMMENDATION-SLUG", "fixture-keep-groups-small")
    text = text.replace("fill-in-dimension-id", "a-dimension").replace("fill-in-strand-id", "a-strand")
    fields = {
        "topic": "peer-review",
        "region": "london",
        "community": "urban",
        "partnership_type": "federation",
        "evidence_level": "emerging",
        "stance": "supports",
        "document_type": "edd-thesis",
        "resource_kind": "checklist",
    }
    for field, value in fields.items():
        text = re.sub(rf"({field}: )FILL IN\b", rf"\g<1>{value}", text)
    text = (
        text.replace('["FILL IN: Surname, Initials"]', "[A. Writer]")
        .replace('["FILL IN"]', '["Something real."]')
        .replace('"FILL IN"', '"Something real."')
    )
    text = re.sub(r'"FILL IN: one imperative sentence[^"]*"', '"Do one thing well."', text)
    text = re.sub(r'"FILL IN:[^"]*"', '"Real words."', text)
    return re.sub(r"FILL IN[^\n]*", "Real words.", text)


@pytest.mark.parametrize("type_name", sorted(MODELS))
def test_new_page_is_rejected_until_filled_then_accepted(type_name: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    result = run_build_py("new", type_name, "My new page: a test", "--content", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = content / FOLDERS[type_name] / "my-new-page-a-test.md"
    assert page.exists()
    check = run_build_py("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 1
    assert all("placeholder" in line for line in check.stdout.splitlines()[:-1])
    page.write_text(fill_placeholders(page.read_text(), type_name))
    check = run_build_py("check", "--content", "content", cwd=tmp_path)
    assert check.returncode == 0, check.stdout


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    result = run_build_py("new", "case-study", "Fixture cluster", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (content / "case-studies" / "fixture-cluster.md").read_text() == (
        FIXTURE_CONTENT / "case-studies" / "fixture-cluster.md"
    ).read_text()


@pytest.mark.parametrize("type_name", sorted(MODELS))
def test_template_shows_every_field(type_name: str) -> None:
    template = (scaffold.TEMPLATES / f"{type_name}.md").read_text()
    keys = set(re.findall(r"^\s*(?:- )?(\w+):", template, re.M))
    assert set(MODELS[type_name].model_fields) <= keys


def test_committed_json_schema_is_current() -> None:
    for name, document in schema_export.schemas(Vocabulary.load(ROOT / "content" / "vocabulary.yml")).items():
        committed = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text())
        assert committed == document, f"schema/{name}.schema.json is out of date: run python build.py schema"


def test_json_schema_lists_vocabulary_values() -> None:
    document = json.loads((ROOT / "schema" / "case-study.schema.json").read_text())
    phase = document["$defs"]["Setting"]["properties"]["phase"]["items"]
    assert phase["enum"][:2] == ["early-years", "primary"]
    assert document["additionalProperties"] is False


def test_editor_settings_map_schemas_to_content_folders() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    for name, folder in FOLDERS.items():
        assert f"content/{folder}/*.md" in mapping[f"./schema/{name}.schema.json"]


def workflow(name: str) -> dict:
    import yaml

    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def test_pull_request_workflow_checks_builds_tests_and_uploads_the_site() -> None:
    check = workflow("check.yml")
    steps = check["jobs"]["check-and-build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "pull_request" in check[True]  # YAML 1.1 reads the key `on` as True
    assert ".venv/bin/python build.py check --format github" in runs
    assert ".venv/bin/python build.py build" in runs
    assert any(
        step.get("uses", "").startswith("actions/upload-artifact") and step["with"]["path"] == "site/" for step in steps
    )
    readme_test_command = "tools/setup.sh --test && .venv/bin/python -m pytest"
    assert readme_test_command in (ROOT / "README.md").read_text()
    assert [step["run"] for step in check["jobs"]["test"]["steps"] if "run" in step] == [readme_test_command]


def test_workflows_give_contributors_code_no_write_token_and_keep_no_credentials() -> None:
    check = workflow("check.yml")
    assert check["permissions"] == {"contents": "read"} and all(
        "permissions" not in job for job in check["jobs"].values()
    )
    for name in ("check.yml", "publish.yml"):
        checkouts = [
            s
            for job in workflow(name)["jobs"].values()
            for s in job["steps"]
            if s.get("uses", "").startswith("actions/checkout")
        ]
        assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts), name


def test_publish_workflow_deploys_main_to_pages_at_the_pages_address() -> None:
    publish = workflow("publish.yml")
    assert publish[True]["push"]["branches"] == ["main"]
    build = publish["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    [build_step] = [step for step in build if step.get("run") == ".venv/bin/python build.py build"]
    pages_id = next(step["id"] for step in build if step.get("uses", "").startswith("actions/configure-pages"))
    assert build_step["env"]["KB_SITE_URL"] == f"${{{{ steps.{pages_id}.outputs.base_url }}}}/"
    assert [s["uses"].split("@")[0] for s in publish["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_dependabot_refreshes_every_lock_weekly() -> None:
    import yaml

    updates = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())["updates"]
    assert {(u["package-ecosystem"], u["schedule"]["interval"]) for u in updates} == {
        ("pip", "weekly"),
        ("npm", "weekly"),
        ("github-actions", "weekly"),
    }


def test_python_lock_pins_every_package_with_hashes() -> None:
    """Each lock names one version and at least one file hash for every package; the .in files are its source."""
    for name in ("requirements", "requirements-test"):
        lock = (ROOT / f"{name}.txt").read_text()
        entries = [e for e in lock.replace("\\\n", " ").splitlines() if e and not e.lstrip().startswith("#")]
        assert entries and all("==" in e and "--hash=sha256:" in e for e in entries), name
        loose = [line.split("#")[0].strip() for line in (ROOT / f"{name}.in").read_text().splitlines()]
        wanted = {re.split(r"[<>=\[ ]", line)[0].lower() for line in loose if line and not line.startswith("-r")}
        pinned = {e.split("==")[0].strip().lower() for e in entries}
        assert wanted <= pinned, wanted - pinned


@pytest.mark.parametrize(
    ("site_url", "placeholder"),
    [
        ("https://school-partnerships.example.org/", True),
        ("http://localhost:8000/", True),
        ("", True),
        ("https://kb.example.test/", True),
        ("https://partnerships.org.uk/kb/", False),
        ("https://someone.github.io/knowledge-base/", False),
    ],
)
def test_placeholder_site_address_is_recognised(site_url: str, placeholder: bool) -> None:
    from kb.views.handout import is_placeholder

    assert is_placeholder(site_url) is placeholder


def test_pull_request_template_has_the_contributing_checklist() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert template.count("- [ ]") == 7 and "consent" in template


def test_build_checks_the_content_once(
    site_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """`build.py build` reports the check, and the plugin reuses that check rather than repeat it."""
    import kb
    from kb_mkdocs import commands

    calls: list[Path] = []
    real_check = kb.check
    monkeypatch.setattr(kb, "check", lambda content_dir: calls.append(content_dir) or real_check(content_dir))
    assert commands.build(site_project / "mkdocs.yml", site_project / "site") == 0
    assert calls == [site_project / "content"]
    output = capsys.readouterr()
    assert f"All {FIXTURE_PAGES} pages are valid." in output.out
    assert (site_project / "site" / "case-studies" / "fixture-cluster" / "index.html").is_file()
    assert "site_url is the placeholder https://school-partnerships.example.org/" in output.err


def test_build_for_a_real_address_gives_no_placeholder_warning(
    site_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from kb_mkdocs import commands

    monkeypatch.setenv("KB_SITE_URL", "https://partnerships.org.uk/kb/")
    assert commands.build(site_project / "mkdocs.yml", site_project / "site") == 0
    assert "site_url is the placeholder" not in capsys.readouterr().err
    assert (
        "https://partnerships.org.uk/kb/fixture-cluster/"
        in (site_project / "site" / "case-studies" / "fixture-cluster" / "index.html").read_text()
    )
