"""The docs read as a reader would: rendered with a CommonMark/GFM renderer."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import OPENAI, modelgen, need_shared

RENDERER = MarkdownIt("commonmark").enable("table")
CONSTRAINT_NOTES = {
    "minimum": ("minimum", "exclusiveMinimum"),
    "maximum": ("maximum", "exclusiveMaximum"),
    "minLength": ("minLength",),
    "maxLength": ("maxLength",),
    "pattern": ("pattern",),
    "minItems": ("minItems",),
    "maxItems": ("maxItems",),
}


def pages(package: Path) -> list[Path]:
    return sorted((package / "docs").glob("*.md"))


def check_tables(tokens: list) -> list[str]:
    problems, header, cells = [], 0, 0
    for token in tokens:
        if token.type == "thead_open":
            header, cells = 0, 0
        elif token.type == "th_open":
            header += 1
        elif token.type == "tr_open":
            cells = 0
        elif token.type == "td_open":
            cells += 1
        elif token.type == "tr_close" and cells and cells != header:
            problems.append(f"row with {cells} cells under {header} headers")
    return problems


def links(tokens: list) -> list[str]:
    found = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                found.append(child.attrs["href"])
    return found


def test_pages_render_with_intact_tables_links_and_text(openai_package: Path) -> None:
    docs = openai_package / "docs"
    problems = []
    for page in pages(openai_package):
        source = page.read_text()
        tokens = RENDERER.parse(source)
        problems += [f"{page.name}: {p}" for p in check_tables(tokens)]
        for href in links(tokens):
            if (
                href.endswith(".md")
                and "://" not in href
                and not (docs / href).is_file()
            ):
                problems.append(f"{page.name}: broken link {href}")
        text = html.unescape(re.sub(r"<[^>]+>", "", RENDERER.render(source)))
        for leak in ("&#x60;", "&quot;", "&lt;", '\\"'):
            if leak in text:
                problems.append(f"{page.name}: {leak!r} leaks into the rendered text")
    assert problems == []


def test_every_table_row_has_the_header_columns_even_with_hostile_text(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        yaml.safe_dump(
            {
                "openapi": "3.0.3",
                "info": {"title": "t|x", "version": "1"},
                "paths": {},
                "components": {
                    "schemas": {
                        "Pipe": {
                            "type": "object",
                            "description": "a | b\n\n# not a heading\n```",
                            "properties": {
                                "a|b": {
                                    "type": "string",
                                    "description": "x | y\nz <script>1</script> \\",
                                },
                                "`c`": {
                                    "type": "integer",
                                    "enum": [1, 2],
                                    "description": "```\ncode",
                                },
                            },
                        }
                    }
                },
            }
        )
    )
    out = tmp_path / "pkg"
    assert modelgen("generate", str(spec), "-o", str(out)).returncode == 0
    source = (out / "docs" / "Pipe.md").read_text()
    tokens = RENDERER.parse(source)
    assert check_tables(tokens) == []
    rendered = RENDERER.render(source)
    assert "<script>" not in rendered and "<h1>not a heading" not in rendered
    assert rendered.count("<tr>") == 3
    assert "## Example" in source and re.search(r"^## Properties", source, re.M)


def test_mermaid_blocks_are_balanced_and_name_known_models(
    openai_package: Path,
) -> None:
    names = {p.stem for p in pages(openai_package)}
    for page in pages(openai_package):
        for block in re.findall(r"```mermaid\n(.*?)```", page.read_text(), re.S):
            assert block.startswith("classDiagram\n"), page.name
            assert block.count("{") == block.count("}"), page.name
            for left, right in re.findall(
                r"^\s+(\w+) (?:-->|<\|--) (\w+)", block, re.M
            ):
                assert {left, right} <= names, (page.name, left, right)


def notes_by_row(page: Path) -> dict[str, str]:
    rows = {}
    for line in page.read_text().splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 4 and cells[0].startswith("**"):
            rows[re.sub(r"\\(.)", r"\1", cells[0].strip("*"))] = cells[3]
    return rows


def test_enums_defaults_and_constraints_are_shown_wherever_the_spec_has_them(
    openai_package: Path,
) -> None:
    spec = yaml.safe_load((OPENAI / "openai-2024-12-18.yaml").read_text())
    counted, missing = 0, []
    for name, schema in spec["components"]["schemas"].items():
        page = openai_package / "docs" / f"{name}.md"
        if not page.is_file() or not isinstance(schema.get("properties"), dict):
            continue
        rows = notes_by_row(page)
        for prop, sub in schema["properties"].items():
            notes = rows.get(prop, "")
            expected = []
            if "default" in sub:
                expected.append("[default to ")
            for value in sub.get("enum", []):
                expected.append(json.dumps(value))
            for key, args in CONSTRAINT_NOTES.items():
                if key in sub:
                    expected.append(tuple(f"[{a}: " for a in args))
            plain = notes.replace("\\", "")
            for item in expected:
                counted += 1
                if not any(
                    option in plain
                    for option in (item if isinstance(item, tuple) else (item,))
                ):
                    missing.append((name, prop, item))
    assert counted > 100
    assert missing == []


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    need_shared()
    if shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("mkdocs is not installed")
    out = tmp_path / "site"
    result = modelgen(
        "docs",
        str(OPENAI / "openai-2024-12-18.yaml"),
        "-o",
        str(out),
        "--mkdocs",
        "--package",
        "oai",
    )
    assert result.returncode == 0, result.stderr
    build = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-3000:]


def test_spec_links_with_script_schemes_are_not_links(tmp_path: Path) -> None:
    text = "see [x](javascript:alert(1)), [ok](https://example.com) and ![p](data:image/png;base64,AA)"
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        yaml.safe_dump(
            {
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1"},
                "paths": {},
                "components": {
                    "schemas": {
                        "L": {
                            "type": "object",
                            "description": text,
                            "properties": {
                                "a": {"type": "string", "description": text}
                            },
                        }
                    }
                },
            }
        )
    )
    out = tmp_path / "pkg"
    assert modelgen("generate", str(spec), "-o", str(out)).returncode == 0
    rendered = RENDERER.render((out / "docs" / "L.md").read_text())
    assert "javascript:" not in re.findall(r'href="([^"]*)"', rendered).__str__()
    assert "data:" not in re.findall(r'src="([^"]*)"', rendered).__str__()
    assert rendered.count('href="https://example.com"') == 2
