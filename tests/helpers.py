"""Helpers for the hostile-input tests: run the CLI, check the output contract.

Not a conftest: imported explicitly by test_hostile.py, test_fuzz.py and
test_templates_escaping.py (`from helpers import ...`).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PYTHON = sys.executable
MODELGEN = str(Path(sys.executable).with_name("modelgen"))
ERROR_PREFIX = "modelgen: error: "
CACHE_DIR = Path(tempfile.gettempdir()) / f"modelgen-hostile-tests-{os.getuid()}"
ENV = {
    **os.environ,
    "MODELGEN_CACHE_DIR": str(CACHE_DIR),
    "PYTHONDONTWRITEBYTECODE": "1",
}


def spec_doc(
    schemas: dict[str, Any], title: str = "T", version: str = "1"
) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": version},
        "paths": {},
        "components": {"schemas": schemas},
    }


def write_json(directory: Path, doc: Any, name: str = "openapi.json") -> Path:
    path = directory / name
    path.write_text(
        json.dumps(doc, ensure_ascii=False), encoding="utf-8", errors="surrogatepass"
    )
    return path


def write_text(directory: Path, text: str, name: str = "openapi.yaml") -> Path:
    path = directory / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def run_generate(
    spec: Path | str,
    out: Path | str,
    *extra: str,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """`modelgen generate SPEC --output OUT` as a user runs it (cwd: the spec's folder)."""
    cwd = cwd or Path(spec).parent
    return subprocess.run(
        [MODELGEN, "generate", str(spec), "--output", str(out), *extra],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        errors="replace",
    )


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def generate(
    tmp_path: Path,
    doc: object,
    *extra: str,
    name: str = "openapi.json",
    timeout: float = 120,
):
    """Write `doc` (a dict, or text as is) into tmp_path and generate into tmp_path/out."""
    spec = (
        write_text(tmp_path, doc, name)
        if isinstance(doc, str)
        else write_json(tmp_path, doc, name)
    )
    out = tmp_path / "out"
    return run_generate(spec, out, *extra, timeout=timeout), out


def output_text(out: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*"))
        if p.suffix in (".py", ".md")
    )


def tree(root: Path) -> dict[str, str]:
    """Every entry under `root`: relative path → digest, link target or 'dir'."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_clean_stderr(result: subprocess.CompletedProcess[str]) -> None:
    """Exit 2, no traceback, every stderr line is a `modelgen: error: ` line."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert lines, "no error message on stderr"
    bad = [line for line in lines if not line.startswith(ERROR_PREFIX)]
    assert not bad, bad[:5]


def assert_rejected(
    result: subprocess.CompletedProcess[str], out: Path, *mentions: str
) -> None:
    assert_clean_stderr(result)
    assert not os.path.lexists(
        out
    ), f"{out} was created although the input was rejected"
    for text in mentions:
        assert text in result.stderr, (text, result.stderr[-2000:])


def python_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.py") if ".modelgen" not in p.parts)


IMPORT_SCRIPT = r"""
import importlib, json, sys
from pathlib import Path
parent, package = sys.argv[1], sys.argv[2]
sys.path.insert(0, parent)
import pydantic
root = Path(parent, package)
modules = [package] + sorted({
    ".".join((package,) + p.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
    for p in root.rglob("*.py")} - {package})
problems = []
for name in modules:
    module = importlib.import_module(name)
    for attr, value in list(vars(module).items()):
        if not (isinstance(value, type) and issubclass(value, pydantic.BaseModel)):
            continue
        if value.__module__ != name or not attr.isidentifier():  # skip pydantic's `ApiRoot[X]` entries
            continue
        try:  # what pydantic does lazily on first use of a model not complete at import
            value.__pydantic_complete__ or value.model_rebuild(raise_errors=True)
        except Exception as exc:
            problems.append(f"{name}.{attr} cannot be completed: {type(exc).__name__}: {exc}"[:500])
            continue
        fields = value.model_fields.values()
        if value.__pydantic_root_model__ or any(f.is_required() for f in fields):
            continue
        try:
            value()
        except Exception as exc:
            problems.append(f"{name}.{attr}() failed: {type(exc).__name__}: {exc}"[:500])
print(json.dumps({"modules": modules, "problems": problems}))
"""


def import_all(out: Path, cwd: Path) -> dict[str, Any]:
    """Import the package and each module in a fresh interpreter (sys.path = out's parent).

    Also checks that every model class can be completed (as on first use) and that those without
    required fields can be created with no arguments (runs default factories).
    """
    result = subprocess.run(
        [PYTHON, "-I", "-B", "-c", IMPORT_SCRIPT, str(out.parent), out.name],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert not report["problems"], report["problems"]
    return report


def assert_no_marker(root: Path) -> None:
    assert not list(root.rglob("PWNED")), "spec-controlled code ran (PWNED exists)"


def assert_generated(
    result: subprocess.CompletedProcess[str], out: Path, root: Path
) -> None:
    """Exit 0, every .py parses, everything imports, no marker file under `root`."""
    assert result.returncode == 0, (result.returncode, result.stderr[-3000:])
    assert "Traceback" not in result.stderr
    assert_no_marker(root)
    for path in python_files(out):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    import_all(out, cwd=root)
    assert_no_marker(root)


def assert_either(
    result: subprocess.CompletedProcess[str], out: Path, root: Path
) -> None:
    """The tool may generate or reject; whichever it does must be done properly."""
    if result.returncode == 0:
        assert_generated(result, out, root)
    else:
        assert_rejected(result, out)
    assert_no_marker(root)


def call_python(code: str, out: Path, *args: str) -> Any:
    """Run `code` with the package importable; it prints one JSON value on its last line."""
    script = f"import json, sys\nsys.path.insert(0, {str(out.parent)!r})\n" + code
    result = subprocess.run(
        [PYTHON, "-I", "-B", "-c", script, *args],
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def roundtrip(out: Path, cls: str, instance: Any) -> Any:
    """`cls.from_dict(instance).to_dict()` in a fresh interpreter."""
    code = (
        f"from {out.name}.models import {cls}\n"
        "value = json.loads(sys.argv[1])\n"
        f"print(json.dumps({cls}.from_dict(value).to_dict()))\n"
    )
    return call_python(code, out, json.dumps(instance))


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def section(markdown: str, heading: str) -> str:
    """Text after the line `heading` (a regex for the whole line) up to the next `## ` heading."""
    parts = re.split(rf"(?m)^{heading}$", markdown, maxsplit=1)
    assert len(parts) == 2, f"no line matching {heading!r}"
    return re.split(r"(?m)^## ", parts[1], maxsplit=1)[0]


def raw_table_rows(markdown: str, heading: str) -> list[list[str]]:
    """Body rows of the table under the line `heading` (or whose header line is `heading`),
    split on pipes not preceded by a backslash (the GFM / markdown-it rule)."""
    lines = [
        line for line in section(markdown, heading).splitlines() if line.startswith("|")
    ]
    lines = lines[1:] if heading.startswith(r"\|") else lines[2:]
    return [_UNESCAPED_PIPE.split(line)[1:-1] for line in lines]


def shadowed_imports(source: str) -> set[str]:
    """Names a module imports and then rebinds with a class or assignment at top level."""
    tree_ = ast.parse(source)
    imported: set[str] = set()
    rebound: set[str] = set()
    for node in ast.walk(tree_):
        if isinstance(node, ast.ImportFrom):
            imported.update(a.asname or a.name for a in node.names)
    for node in tree_.body:
        if isinstance(node, ast.ClassDef):
            rebound.add(node.name)
        elif isinstance(node, ast.Assign):
            rebound.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return imported & rebound


def markdown_tokens(text: str) -> list[Any]:
    """CommonMark + GFM tables, as markdown-it-py parses them (skips the test if missing)."""
    import pytest

    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").parse(text)


def inline_text(token: Any) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Each table: its body rows, each row the rendered text of its cells."""
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    in_body = False
    for token in markdown_tokens(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type in ("tbody_open", "tbody_close"):
            in_body = token.type == "tbody_open"
        elif token.type == "tr_open" and in_body:
            row = []
        elif token.type == "tr_close" and row is not None:
            tables[-1].append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(inline_text(token))
    return tables


def raw_html(text: str) -> list[str]:
    """Raw HTML that markdown-it would pass through, other than the `<br>` modelgen writes."""
    found = []
    for token in markdown_tokens(text):
        if token.type == "html_block":
            found.append(token.content)
        for child in token.children or ():
            if child.type == "html_inline" and child.content != "<br>":
                found.append(child.content)
    return found
