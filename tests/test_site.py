"""The docs site (`docs --site`) and the link handling, without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import OPENAI, modelgen, need_shared
from modelgen.render.filters import md_cell, md_text, site_links
from site_support import VENDOR, openai_site, site_tools

RENDERER = MarkdownIt("commonmark").enable("table")


def hrefs(markdown: str) -> list[str]:
    found = []
    for token in RENDERER.parse(markdown):
        for child in token.children or []:
            if child.type == "link_open":
                found.append(child.attrs["href"])
    return found


def test_site_relative_links_become_text_without_a_base_and_absolute_with_one() -> None:
    text = "See the [Realtime\nguide](/docs/guides/realtime_api#events), [x](docs/a) and [y](#here) or [z](https://example.com/q)."
    plain = md_text(text)
    assert hrefs(plain) == ["#here", "https://example.com/q"]
    assert "(/docs/guides/realtime_api#events)" in RENDERER.render(plain)
    assert "(docs/a)" in RENDERER.render(plain)
    based = md_cell(text, VENDOR + "/")
    assert hrefs(based) == [
        f"{VENDOR}/docs/guides/realtime_api#events",
        f"{VENDOR}/docs/a",
        "#here",
        "https://example.com/q",
    ]
    assert site_links("[a](//other.example/x)") == "[a](//other.example/x)"
    assert "javascript" not in "".join(hrefs(md_text("[j](javascript:alert(1))")))


def test_openai_pages_link_nowhere_site_relative_without_a_base(
    openai_package: Path,
) -> None:
    spec = (OPENAI / "openai-2024-12-18.yaml").read_text()
    assert len(re.findall(r"\]\(/docs/", spec)) > 100  # what the pages must not keep
    found = [
        (page.name, href)
        for page in sorted((openai_package / "docs").glob("*.md"))
        for href in hrefs(page.read_text())
        if not re.match(r"(https?:|mailto:|#)|[A-Za-z0-9_]+\.md$", href)
    ]
    assert found == []


def tiny_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        yaml.safe_dump(
            {
                "openapi": "3.0.3",
                "info": {"title": "Pets", "version": "1"},
                "paths": {
                    "/pets": {
                        "get": {
                            "tags": ["Pet store"],
                            "responses": {
                                "200": {
                                    "description": "ok",
                                    "content": {
                                        "application/json": {
                                            "schema": {
                                                "$ref": "#/components/schemas/Pet"
                                            }
                                        }
                                    },
                                }
                            },
                        }
                    }
                },
                "components": {
                    "schemas": {
                        "Pet": {
                            "type": "object",
                            "description": "A pet. Read [the guide](/docs/pets) or [this](#nowhere).",
                            "properties": {
                                "name": {"type": "string"},
                                "a b|c": {"type": "integer"},
                                "kind": {"$ref": "#/components/schemas/Kind"},
                            },
                        },
                        "Kind": {"type": "string", "enum": ["cat", "dog_like"]},
                        "Lonely": {
                            "type": "object",
                            "properties": {"x": {"type": "number"}},
                        },
                    }
                },
            }
        )
    )
    return spec


def test_site_of_a_small_spec(tmp_path: Path) -> None:
    site_tools()
    out = tmp_path / "pets"
    result = modelgen("docs", str(tiny_spec(tmp_path)), "-o", str(out), "--site")
    assert result.returncode == 0, result.stderr
    site = out / "site"
    page = (site / "Pet" / "index.html").read_text()
    assert 'id="prop-name"' in page and 'id="prop-a-b-c"' in page
    assert "the guide (/docs/pets)" in page and 'href="/docs' not in page
    assert "modelgen: warning: docs/Pet.md#: broken link to '#nowhere'" in result.stderr
    # The summary on the index and the tag page carries the same anchor: broken there too.
    assert "warning: docs/README.md#: broken link to '#nowhere'" in result.stderr
    assert re.search(r"site: 6 pages, \d+ links checked \(3 broken\)", result.stderr)
    assert (site / "tags" / "pet-store" / "index.html").is_file()
    assert (site / "tags" / "untagged" / "index.html").is_file()
    index = json.loads((site / "search" / "search_index.json").read_text())
    entries = {d["location"]: d for d in index["docs"]}
    assert entries["Pet/#prop-name"]["title"] == "Pet.name"
    assert "dog_like" in entries["Kind/"]["text"]
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    assert worker.read_text().startswith("// modelgen")
    assert (site / "assets" / "modelgen" / "mermaid.min.js").stat().st_size > 1_000_000
    assert "cdn" not in page.lower() and "fonts.googleapis" not in page
    # Built again over itself; a folder modelgen did not build is left alone.
    again = modelgen("docs", str(tiny_spec(tmp_path)), "-o", str(out), "--site", "-q")
    assert again.returncode == 0, again.stderr
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("x")
    refused = modelgen(
        "docs", str(tiny_spec(tmp_path)), "-o", str(out), "--site-dir", str(foreign)
    )
    assert refused.returncode == 2 and "was not built by modelgen" in refused.stderr
    assert (foreign / "keep.txt").is_file()


def test_link_base_is_checked_and_kept_by_jobs(tmp_path: Path) -> None:
    site_tools()
    spec = tiny_spec(tmp_path)
    bad = modelgen("docs", str(spec), "-o", str(tmp_path / "o"), "--link-base", "ftp:x")
    assert bad.returncode == 2 and "--link-base" in bad.stderr
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.modelgen]\nspec = "spec.yaml"\noutput = "pets"\nsite = true\n'
        f'link_base = "{VENDOR}"\n'
    )
    done = modelgen(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "pets" / "site" / "Pet" / "index.html").read_text()
    assert f'href="{VENDOR}/docs/pets"' in page
    assert (
        f"]({VENDOR}/docs/pets)" in (tmp_path / "pets" / "docs" / "Pet.md").read_text()
    )
    check = modelgen("check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr


def test_change_report_page(tmp_path: Path) -> None:
    site_tools()
    new = tiny_spec(tmp_path)
    data = yaml.safe_load(new.read_text())
    del data["components"]["schemas"]["Pet"]["properties"]["name"]
    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump(data))
    out = tmp_path / "pets"
    result = modelgen(
        "docs", str(new), "-o", str(out), "--changes-from", str(old), "-q"
    )
    assert result.returncode == 0, result.stderr
    page = (out / "site" / "changes" / "index.html").read_text()
    assert "old.yaml" in page and "Model changes: 1" in page
    assert "<td>Pet</td>" in page and "<td>name</td>" in page
    assert 'href="../changes/"' in (out / "site" / "Pet" / "index.html").read_text()


@pytest.fixture(scope="module")
def openai_sites() -> tuple[object, object]:
    return openai_site(), openai_site("")


def test_openai_site_has_no_dead_links_with_or_without_link_base(
    openai_sites: tuple[object, object],
) -> None:
    for result in openai_sites:
        assert result.links.broken == [], result.links.broken[:10]  # type: ignore[attr-defined]
        assert result.pages > 500  # type: ignore[attr-defined]
    with_base, without = openai_sites
    site = without.site  # type: ignore[attr-defined]
    pages = [
        p for p in site.rglob("*.html") if p.name != "404.html"
    ]  # theme's, absolute
    assert not [p for p in pages if 'href="/' in p.read_text()]
    assert with_base.links.external > without.links.external + 100  # type: ignore[attr-defined]
