"""Spec fixtures for the benchmark: a one-description edit and synthetic specs.

The edit works on the YAML text (stdlib has no YAML parser), so the changed
copy stays byte-identical to the original except for one line.  The synthetic
specs need the parsed document; it is loaded by a helper interpreter that has
PyYAML (modelgen's venv, or datamodel-code-generator's) and written back as
JSON, which every YAML 1.2 reader accepts.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

MARK = "BENCH-CHANGED "
SCHEMAS_PREFIX = "#/components/schemas/"
_KEY = re.compile(r"^( *)([^ #][^:]*):\s*(.*)$")

_YAML_TO_JSON = (
    "import json, sys, yaml\n"
    "Loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
    "with open(sys.argv[1], encoding='utf-8') as fh:\n"
    "    doc = yaml.load(fh, Loader=Loader)\n"
    "with open(sys.argv[2], 'w', encoding='utf-8') as fh:\n"
    "    json.dump(doc, fh, default=str)  # YAML dates -> plain strings\n"
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _schemas_block(lines: list[str]) -> tuple[int, int]:
    """(index of 'schemas:' under top-level 'components:', its indent)."""
    in_components = False
    for i, line in enumerate(lines):
        if line.startswith("components:"):
            in_components = True
        elif in_components and line.strip() and _indent(line) == 0:
            break
        elif in_components and line.strip() == "schemas:":
            return i, _indent(line)
    raise ValueError("no components/schemas block found")


def _edit_description(lines: list[str], i: int, value: str) -> None:
    """Prefix MARK to the description scalar that starts on line i."""
    line = lines[i]
    pos = len(line) - len(value)
    if value[:1] in ("|", ">"):  # block scalar: edit its first content line
        nxt = lines[i + 1]
        cut = _indent(nxt)
        lines[i + 1] = nxt[:cut] + MARK + nxt[cut:]
    elif value[:1] in ("'", '"'):
        lines[i] = line[: pos + 1] + MARK + line[pos + 1 :]
    else:
        lines[i] = line[:pos] + MARK + line[pos:]


def _find_description(lines: list[str]) -> tuple[str, int, str]:
    """(schema name, line index, value) of the first schema description."""
    start, base = _schemas_block(lines)
    name_indent = child_indent = None
    name = ""
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        ind = _indent(line)
        if ind <= base:
            break
        match = _KEY.match(line)
        if name_indent is None:
            name_indent = ind
        if match and ind == name_indent:
            name = match.group(2).strip().strip("'\"")
            child_indent = None
            continue
        if child_indent is None:
            child_indent = ind
        if match and ind == child_indent and match.group(2) == "description":
            if match.group(3):
                return name, i, match.group(3)
    raise ValueError("no schema with a description found")


def write_changed_spec(src: Path, dst: Path) -> str:
    """Copy src to dst with one schema's description edited; return its name."""
    text = src.read_text(encoding="utf-8")
    lines = text.split("\n")
    name, i, value = _find_description(lines)
    _edit_description(lines, i, value)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text("\n".join(lines), encoding="utf-8")
    return name


def load_spec(src: Path, helper_pythons: list[Path], tmp: Path) -> dict:
    """Parse a YAML spec through the first helper interpreter that works."""
    out = tmp / (src.stem + ".json")
    errors = []
    for python in helper_pythons:
        if not python.exists():
            continue
        done = subprocess.run(
            [str(python), "-c", _YAML_TO_JSON, str(src), str(out)],
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            return json.loads(out.read_text(encoding="utf-8"))
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        errors.append(f"{python}: {' '.join(tail)}")
    raise RuntimeError(
        "could not load the spec as YAML: " + "; ".join(errors or ["no helper"])
    )


def _rename_refs(node, suffix: str):
    """Copy of node with every '#/components/schemas/X...' ref renamed."""
    if isinstance(node, dict):
        copy = {}
        for key, value in node.items():
            if (
                key == "$ref"
                and isinstance(value, str)
                and value.startswith(SCHEMAS_PREFIX)
            ):
                rest = value[len(SCHEMAS_PREFIX) :]
                head, sep, tail = rest.partition("/")
                copy[key] = SCHEMAS_PREFIX + head + suffix + sep + tail
            else:
                copy[key] = _rename_refs(value, suffix)
        return copy
    if isinstance(node, list):
        return [_rename_refs(item, suffix) for item in node]
    return node


def synthetic_spec(spec: dict, factor: int) -> dict:
    """Spec whose component schemas are `factor` copies of spec's schemas.

    Copy 1 keeps the original names; copy k>1 gets the suffix 'Copy{k}' on
    every schema name and on every internal $ref, so each copy is closed.
    Paths are dropped (model generation only reads components).
    """
    components = dict(spec.get("components") or {})
    original = components.get("schemas") or {}
    schemas = dict(original)
    for k in range(2, factor + 1):
        suffix = f"Copy{k}"
        for name, schema in original.items():
            schemas[name + suffix] = _rename_refs(schema, suffix)
    components["schemas"] = schemas
    out = {
        key: value for key, value in spec.items() if key not in ("paths", "webhooks")
    }
    out["paths"] = {}
    out["components"] = components
    return out


def write_synthetic_specs(
    spec: dict, factors: list[int], out_dir: Path
) -> list[tuple[int, Path, int]]:
    """Write one synthetic spec per factor: [(factor, path, schema count)]."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for factor in factors:
        doc = synthetic_spec(spec, factor)
        path = out_dir / f"synthetic-{factor}x.yaml"
        path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
        written.append((factor, path, len(doc["components"]["schemas"])))
    return written
