"""`modelgen changes` as a CI check: formats, --fail-on, the ignore file, git revisions, errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
from conftest import REPO, modelgen
from test_changes_rules import S, document, obj

SCHEMA = REPO / "generator" / "changes" / "report.schema.json"
# response: p became nullable (error), q's pattern changed (warning), r added (info)
OLD = document(obj(("p",), p=S, q={"type": "string", "pattern": "^a"}), "response")
NEW = document(
    obj(
        ("p",),
        p={"type": "string", "nullable": True},
        q={"type": "string", "pattern": "^b"},
        r=S,
    ),
    "response",
)
NULLABLE = "/components/schemas/Pet/properties/p"


def write(folder: Path, old: Any = OLD, new: Any = NEW) -> tuple[str, str]:
    (folder / "old.json").write_text(json.dumps(old))
    (folder / "new.yaml").write_text(json.dumps(new, indent=1))
    return str(folder / "old.json"), str(folder / "new.yaml")


def test_json_output_follows_its_schema(tmp_path: Path) -> None:
    result = modelgen("changes", *write(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["summary"] == {"error": 1, "warning": 1, "info": 1, "ignored": 0}
    first = data["changes"][0]
    assert (first["id"], first["python"], first["operations"]) == (
        "response-property-became-nullable",
        ["Pet.p"],
        ["POST /pets"],
    )


def test_text_markdown_github_and_junit(tmp_path: Path) -> None:
    old, new = write(tmp_path)
    text = modelgen("changes", old, new).stdout
    assert text.splitlines()[0].startswith(
        "error   response-property-became-nullable Pet.p:"
    )
    assert text.splitlines()[-1] == "3 changes: 1 errors, 1 warnings, 1 info"
    markdown = modelgen("changes", old, new, "--format", "markdown").stdout
    assert "| error | response-property-became-nullable | Pet.p |" in markdown
    github = modelgen("changes", old, new, "--format", "github").stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in github[:3]] == [
        "::error",
        "::warning",
        "::notice",
    ]
    assert github[0].startswith(f"::error file={new},line=")
    line = int(github[0].split("line=")[1].split(",")[0])
    assert '"p"' in Path(new).read_text().splitlines()[line - 1]
    junit = modelgen(
        "changes", old, new, "--format", "junit", "--fail-on", "warning"
    ).stdout
    suite = ElementTree.fromstring(junit).find("testsuite")
    assert (
        suite is not None and suite.get("tests") == "3" and suite.get("failures") == "2"
    )


@pytest.mark.parametrize(
    "options,code",
    [
        ((), 0),
        (("--fail-on", "error"), 1),
        (("--fail-on-breaking",), 1),
        (("--fail-on", "warning"), 1),
    ],
)
def test_fail_on(tmp_path: Path, options: tuple[str, ...], code: int) -> None:
    assert modelgen("changes", *write(tmp_path), *options).returncode == code


def test_fail_on_warning_only_when_warnings_remain(tmp_path: Path) -> None:
    old = document(obj(q={"type": "string", "pattern": "^a"}), "response")
    new = document(obj(q={"type": "string", "pattern": "^b"}), "response")
    files = write(tmp_path, old, new)
    assert modelgen("changes", *files, "--fail-on", "error").returncode == 0
    assert modelgen("changes", *files, "--fail-on", "warning").returncode == 1


def ignore_file(folder: Path, expires: str, pointer: str = NULLABLE) -> str:
    path = folder / "ignore.yaml"
    path.write_text(
        "- id: response-property-became-nullable\n"
        f"  pointer: {pointer}\n"
        "  reason: clients accept null since 2.0\n"
        f"  expires: {expires}\n"
    )
    return str(path)


def test_ignore_file_hides_until_it_expires(tmp_path: Path) -> None:
    files = write(tmp_path)
    live = modelgen(
        "changes",
        *files,
        "--format",
        "json",
        "--fail-on",
        "error",
        "--ignore",
        ignore_file(tmp_path, "2999-01-01"),
    )
    assert live.returncode == 0, live.stderr
    data = json.loads(live.stdout)
    assert data["summary"]["error"] == 0 and data["summary"]["ignored"] == 1
    assert data["ignored"][0]["reason"] == "clients accept null since 2.0"
    expired = modelgen(
        "changes",
        *files,
        "--fail-on",
        "error",
        "--ignore",
        ignore_file(tmp_path, "2000-01-01"),
    )
    assert expired.returncode == 1
    assert "expired on 2000-01-01" in expired.stderr and "#/0" in expired.stderr
    other = modelgen(
        "changes",
        *files,
        "--fail-on",
        "error",
        "--ignore",
        ignore_file(tmp_path, "2999-01-01", "/elsewhere"),
    )
    assert other.returncode == 1


@pytest.mark.parametrize(
    "text,pointer",
    [
        ("- id: x\n  pointer: /a\n  reason: r\n", "/0/expires"),
        ("- id: x\n  pointer: /a\n  reason: r\n  expires: soon\n", "/0/expires"),
        (
            "- id: x\n  pointer: /a\n  reason: r\n  expires: 2030-01-01\n  by: me\n",
            "/0/by",
        ),
        ("id: x\n", ""),
    ],
)
def test_bad_ignore_file_is_one_line_per_problem(
    tmp_path: Path, text: str, pointer: str
) -> None:
    (tmp_path / "ignore.yaml").write_text(text)
    result = modelgen(
        "changes", *write(tmp_path), "--ignore", str(tmp_path / "ignore.yaml")
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(
        f"modelgen: error: {tmp_path / 'ignore.yaml'}#{pointer}:"
    )
    assert len(result.stderr.splitlines()) == 1


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_git_revisions_are_read_without_touching_the_working_tree(
    tmp_path: Path,
) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    specs = tmp_path / "specs"
    specs.mkdir()
    pet_old = {"type": "object", "properties": {"p": S}, "required": ["p"]}
    pet_new = {
        "type": "object",
        "properties": {"p": {"type": "string", "nullable": True}},
        "required": ["p"],
    }
    main = document(obj(), "response")
    main["components"]["schemas"]["Pet"] = {"$ref": "pet.json"}
    (specs / "api.json").write_text(json.dumps(main))
    (specs / "pet.json").write_text(json.dumps(pet_old))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    (specs / "pet.json").write_text(json.dumps(pet_new))
    git(tmp_path, "commit", "-qam", "two")
    (specs / "pet.json").write_text("not: [valid")  # an unfinished edit stays as it is
    before = git(tmp_path, "status", "--porcelain")
    result = modelgen(
        "changes",
        "HEAD~1:specs/api.json",
        "HEAD:specs/api.json",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(c["id"], c["new_pointer"]) for c in data["changes"]] == [
        ("response-property-became-nullable", "pet.json#/properties/p")
    ]
    assert data["old"] == "HEAD~1:specs/api.json"
    assert git(tmp_path, "status", "--porcelain") == before
    assert (specs / "pet.json").read_text() == "not: [valid"
    relative = modelgen("changes", "HEAD~1:./api.json", "HEAD:./api.json", cwd=specs)
    assert relative.returncode == 0 and "became-nullable" in relative.stdout


def test_unreadable_inputs_are_one_line_errors(tmp_path: Path) -> None:
    old, new = write(tmp_path)
    missing = modelgen("changes", old, str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and missing.stderr.startswith("modelgen: error: ")
    assert len(missing.stderr.splitlines()) == 1
    git(tmp_path, "init", "-q")
    no_revision = modelgen("changes", "HEAD:old.json", new, cwd=tmp_path)
    assert no_revision.returncode == 2
    assert no_revision.stderr.startswith(
        "modelgen: error: HEAD:old.json#: cannot read from git"
    )
