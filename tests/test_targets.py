"""The target seam: a model library is one module in `modelgen.targets` plus
one template folder; load and build know nothing of any of them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from conftest import REPO, modelgen
from modelgen import naming, targets
from modelgen.ir import Document
from modelgen.pipeline import Request
from modelgen.produce import produce
from modelgen.render.pycode import CodeContext
from modelgen.targets.base import Target

CASES = REPO / "tests" / "cases"
TARGET_FREE = [
    REPO / "generator" / name
    for name in ("load.py", "yamlload.py", "refs.py", "ir.py", "naming.py")
] + sorted((REPO / "generator" / "build").glob("*.py"))


def library_words() -> set[str]:
    """The names of every target and of the libraries their packages need."""
    words = {"pydantic", "msgspec", "typeddict", "basemodel", "struct"}
    for name in targets.TARGETS:
        target = targets.get(name)
        words |= {re.split(r"[<>=\[ ]", r)[0].lower() for r in target.requires}
    return words


@pytest.mark.parametrize("path", TARGET_FREE, ids=lambda p: p.name)
def test_load_and_build_name_no_target(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    found = sorted(w for w in library_words() if re.search(rf"\b{w}\b", text))
    assert found == [], f"{path.name} mentions {found}"


def toy_code(document: Document, context: CodeContext) -> list[tuple[str, str]]:
    """Each model as a class listing its wire names (no library)."""
    files = [("__init__.py", f"# {context.header}\n")]
    for model in document.models:
        names = [f.attr for f in model.fields]
        body = "".join(f"    {attr} = {attr!r}\n" for attr in names) or "    pass\n"
        files.append((f"{model.module}.py", f"class {model.name}:\n{body}"))
    return files


TOY = Target(
    name="toy",
    summary="classes listing attribute names",
    requires=(),
    names=naming.NameRules(
        reserved=frozenset({"fields"}),
        prefixes=("toy_",),
        code_names=frozenset({"Widget"}),
        library="toy",
    ),
    code=toy_code,
    doc_types={"datetime": "Instant"},
)


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Target:
    module = types.ModuleType("toy_target")
    module.TARGET = TOY  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "toy_target", module)
    monkeypatch.setitem(targets.TARGETS, "toy", "toy_target")
    return TOY


def test_a_new_target_needs_only_its_module(toy: Target, tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        """openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Widget:
      type: object
      properties:
        fields: {type: string}
        toy_size: {type: integer}
        model_config: {type: string}
        at: {type: string, format: date-time}
""",
        encoding="utf-8",
    )
    result = produce(Request(str(spec), str(tmp_path / "pkg"), target="toy"))
    files = {f.path: f.text for f in result.files}
    assert result.meta["options"]["target"] == "toy"
    # The toy's rules renamed the class and its reserved attributes;
    # pydantic's (`model_`) did not apply.
    code = files["widget_model.py"]
    assert "class WidgetModel:" in code
    assert "fields_ = " in code and "toy_size_ = " in code
    assert "model_config = " in code
    page = files["docs/WidgetModel.md"]
    assert "**Instant**" in page  # the target's type name in the docs
    assert "a toy model attribute" in page


def test_the_manifest_and_check_know_the_target(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    spec = CASES / "constraints" / "openapi.yaml"
    assert modelgen("generate", str(spec), "-o", str(out)).returncode == 0
    manifest = json.loads((out / ".modelgen" / "manifest.json").read_text())
    assert manifest["options"]["target"] == "pydantic"
    assert modelgen("check", str(spec), "-o", str(out)).returncode == 0


def test_an_unknown_target_is_refused(tmp_path: Path) -> None:
    spec = CASES / "constraints" / "openapi.yaml"
    result = modelgen("generate", str(spec), "-o", str(tmp_path / "p"), "--target", "x")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "p").exists()


def test_a_job_names_its_target(tmp_path: Path) -> None:
    spec = CASES / "constraints" / "openapi.yaml"
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.modelgen]\nspec = "{spec.as_posix()}"\noutput = "pkg"\n'
        'target = "nope"\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "modelgen"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2, result.stderr
    assert "'target' must be one of" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", sorted(targets.TARGETS))
def test_every_target_writes_what_black_and_ruff_keep(
    name: str, tmp_path: Path
) -> None:
    """The layout proof lets modules skip black: black must agree on each."""
    from conftest import SHARED, need_shared

    need_shared()
    out = tmp_path / "pkg"
    spec = SHARED / "specs" / "corpus" / "docker-engine.yaml"
    result = modelgen("generate", str(spec), "-o", str(out), "--target", name, "-q")
    assert result.returncode == 0, result.stderr
    black = Path(sys.executable).with_name("black")
    check = subprocess.run(
        [str(black), "--check", "-q", str(out)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr[-2000:]
    assert not ruff_findings(out)


def ruff_findings(out: Path) -> list[str]:
    """What ruff reports on a package, for the oldest Python it supports:
    with ruff's own default rules (no configuration), and with pyflakes,
    pycodestyle, isort, pyupgrade and bugbear selected (each mark for one
    set must pass the other)."""
    ruff = Path(sys.executable).with_name("ruff")
    found = []
    for rules in ([], ["--select", "E,F,W,I,UP,B"]):
        lint = subprocess.run(
            [str(ruff), "check", "--no-cache", "--isolated", *rules]
            + ["--target-version", "py310", "--output-format", "concise", str(out)],
            capture_output=True,
            text=True,
        )
        found += [line for line in lint.stdout.splitlines() if ".py:" in line]
    return found


@pytest.mark.parametrize("name", sorted(targets.TARGETS))
def test_every_target_is_lint_clean_on_the_big_spec(name: str, tmp_path: Path) -> None:
    """The 2026-08 OpenAI spec has what small specs lack: root unions in an
    import cycle, unions of unions of string literals, mutable defaults."""
    from conftest import SHARED, need_shared

    need_shared()
    out = tmp_path / "pkg"
    spec = SHARED / "specs" / "openai" / "openai-2026-08.yaml"
    result = modelgen("generate", str(spec), "-o", str(out), "--target", name, "-q")
    assert result.returncode == 0, result.stderr
    assert not ruff_findings(out)


# What the shared suite's round trips cannot see in a target: `inj_defaults`
# reads the spec defaults back from `to_dict()` of an empty instance, while
# these targets write back exactly what was read (absent stays absent; the
# pydantic target passes through `model_dump`, which the checker prefers);
# a TypedDict package has no runtime conversion to call.
SEMANTICS_ONLY = {
    "msgspec": {"inj_defaults"},
    "dataclasses": {"inj_defaults"},
    "typeddict": None,  # every round trip: checked statically in its own tests
}


@pytest.mark.parametrize("name", sorted(SEMANTICS_ONLY))
def test_the_shared_adversarial_suite_for_each_target(
    name: str, tmp_path: Path
) -> None:
    from conftest import SHARED, need_shared

    need_shared()
    checker = SHARED / "adversarial" / "check.py"
    command = str(Path(sys.executable).with_name("modelgen"))
    result = subprocess.run(
        [sys.executable, str(checker), "--json", "--cmd"]
        + [f"{command} generate {{spec}} --output {{out}} --target {name}"]
        + ["--python", sys.executable, "--scratch", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    report, _ = json.JSONDecoder().raw_decode(result.stdout)
    allowed = SEMANTICS_ONLY[name]
    unexpected = [
        (item["case"], failure["category"], failure["message"][:200])
        for item in report["results"]
        for failure in item.get("failures", [])
        if failure["category"] != "semantics"
        or (allowed is not None and item["case"] not in allowed)
    ]
    assert unexpected == []
    assert report["security_failed"] == 0
    assert report["lenient_passed"] == len(report["results"])


@pytest.mark.parametrize("name", ["pydantic", "msgspec", "dataclasses", "typeddict"])
def test_the_docs_examples_type_check(name: str, tmp_path: Path) -> None:
    """An Example pasted into an app passes pyright: each keyword argument has
    its declared type (a union's value is built as the member that holds it)."""
    from conftest import OPENAI, need_shared
    from usability import typecheck_examples

    need_shared()
    out = tmp_path / "pkg"
    spec = OPENAI / "openai-2024-12-18.yaml"
    result = modelgen("generate", str(spec), "-o", str(out), "--target", name, "-q")
    assert result.returncode == 0, result.stderr
    assert typecheck_examples(out) == []
