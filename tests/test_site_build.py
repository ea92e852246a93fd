"""How the docs site is built: the same pages however they are made, and the
change report of the last regeneration kept for it."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml

from conftest import modelgen
from site_support import site_tools
from test_site import tiny_spec


def files_of(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_skeleton_and_workers_build_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Model pages filled into the theme's rendered skeleton, in forked workers,
    are the bytes the theme's template gives each page in one process."""
    site_tools()
    from modelgen.pipeline import Request
    from modelgen.site import build_site, mkbuild
    from modelgen.site.skeleton import Skeleton

    spec = tiny_spec(tmp_path)
    data = yaml.safe_load(spec.read_text())
    for n in range(6):  # more model pages, with the characters a page may hold
        data["components"]["schemas"][f"Extra{n}"] = {
            "type": "object",
            "description": f"<b>bold</b> & `code` {n} \\ {{{{x}}}} é",
            "properties": {f"p{n}": {"type": "string", "title": "T & <t>"}},
        }
    spec.write_text(yaml.safe_dump(data))
    request = Request(str(spec), str(tmp_path / "pets"), code=False)
    fills = []
    fill = Skeleton._fill
    monkeypatch.setattr(
        Skeleton, "_fill", lambda self, *a: fills.append(1) or fill(self, *a)
    )
    skeleton = build_site(request, tmp_path / "a")
    assert len(fills) >= 8  # every model page but the first came from the skeleton
    monkeypatch.setattr(mkbuild, "SERIAL_BELOW", 0)  # forked workers, however small
    monkeypatch.setattr(
        mkbuild, "build", functools.partial(mkbuild.build, skeleton=False)
    )
    full = build_site(request, tmp_path / "b")
    assert skeleton.pages == full.pages == 12
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


def test_regenerations_keep_their_change_report_for_the_site(tmp_path: Path) -> None:
    site_tools()
    from modelgen.lastchange import last_report

    spec = tiny_spec(tmp_path)
    first = spec.read_text()
    out = tmp_path / "pets"
    done = modelgen("docs", str(spec), "-o", str(out), "--site", "-q")
    assert done.returncode == 0, done.stderr
    assert not (out / "site" / "changes").exists()  # nothing to compare with yet
    data = yaml.safe_load(first)
    del data["components"]["schemas"]["Pet"]["properties"]["name"]
    spec.write_text(yaml.safe_dump(data))
    done = modelgen("docs", str(spec), "-o", str(out), "--site", "-q")
    assert done.returncode == 0, done.stderr
    page = (out / "site" / "changes" / "index.html").read_text()
    assert "spec.yaml" in page and "<td>Pet.name</td>" in page
    assert "<td>response-optional-property-removed</td>" in page
    assert 'href="../changes/"' in (out / "site" / "Pet" / "index.html").read_text()
    kept = (out / ".modelgen" / "changes.json").read_bytes()
    check = modelgen("check", str(spec), "-o", str(out), "--docs-only")
    assert check.returncode == 0, check.stdout + check.stderr
    # Built again from the same spec: the same report, still shown.
    again = modelgen("docs", str(spec), "-o", str(out), "--site", "-q")
    assert again.returncode == 0, again.stderr
    assert (out / ".modelgen" / "changes.json").read_bytes() == kept
    assert (out / "site" / "changes" / "index.html").read_text() == page
    # --changes-from still decides when given.
    old = tmp_path / "older.yaml"
    old.write_text(first.replace("dog_like", "wolf"))
    given = modelgen(
        "docs", str(spec), "-o", str(out), "--changes-from", str(old), "-q"
    )
    assert given.returncode == 0, given.stderr
    assert "older.yaml" in (out / "site" / "changes" / "index.html").read_text()
    # Made again without tracking, from other inputs: the report is no longer shown.
    spec.write_text(first)
    plain = modelgen("docs", str(spec), "-o", str(out), "-q")
    assert plain.returncode == 0, plain.stderr
    assert last_report(str(out)) is None


def test_generate_and_jobs_keep_the_report(tmp_path: Path) -> None:
    from modelgen.lastchange import last_report

    spec = tiny_spec(tmp_path)
    first = spec.read_text()
    out = tmp_path / "pets"
    assert modelgen("generate", str(spec), "-o", str(out), "--changes").returncode == 0
    assert last_report(str(out)) is None
    spec.write_text(first.replace("dog_like", "wolf"))
    done = modelgen("generate", str(spec), "-o", str(out), "--changes", "-q")
    assert done.returncode == 0, done.stderr
    kept = last_report(str(out))
    assert kept is not None and kept[0] == "spec.yaml" and '"dog_like"' in kept[1]
    check = modelgen("check", str(spec), "-o", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    (tmp_path / "pyproject.toml").write_text(
        '[tool.modelgen]\nspec = "spec.yaml"\noutput = "pets"\nchanges = true\n'
    )
    spec.write_text(first)
    assert modelgen(cwd=tmp_path).returncode == 0
    kept = last_report(str(out))
    assert kept is not None and '"wolf"' in kept[1]
    assert modelgen("check", cwd=tmp_path).returncode == 0


def test_a_regenerated_output_keeps_its_site_rebuildable(tmp_path: Path) -> None:
    """A run that writes the output removes its own temporary files, never the
    mark of a site modelgen built."""
    site_tools()
    spec = tiny_spec(tmp_path)
    out = tmp_path / "pets"
    assert modelgen("docs", str(spec), "-o", str(out), "--site", "-q").returncode == 0
    spec.write_text(spec.read_text().replace("dog_like", "wolf"))
    assert modelgen("docs", str(spec), "-o", str(out), "-q").returncode == 0
    again = modelgen("docs", str(spec), "-o", str(out), "--site", "-q")
    assert again.returncode == 0, again.stderr
    assert "wolf" in (out / "site" / "Kind" / "index.html").read_text()


def test_a_rebuild_converts_only_the_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_tools()
    from modelgen.pipeline import Request
    from modelgen.site import build_site, mkbuild

    monkeypatch.setenv("MODELGEN_CACHE_DIR", str(tmp_path / "cache"))
    converted: list[str] = []
    render = mkbuild._render

    def counted(page: object, *args: object) -> list[object]:
        converted.append(page.file.src_uri)  # type: ignore[attr-defined]
        return render(page, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(mkbuild, "_render", counted)
    spec = tiny_spec(tmp_path)
    request = Request(str(spec), str(tmp_path / "pets"), code=False)
    first = build_site(request, tmp_path / "a")
    assert len(converted) == first.pages == 6
    converted.clear()
    build_site(request, tmp_path / "b")
    assert converted == []  # every page's HTML from the cache: the same site
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    spec.write_text(spec.read_text().replace("dog_like", "wolf"))
    build_site(request, tmp_path / "c")
    assert "Kind.md" in converted and len(converted) < 6
    assert "wolf" in (tmp_path / "c" / "Kind" / "index.html").read_text()
    converted.clear()
    monkeypatch.setattr(mkbuild, "build", functools.partial(mkbuild.build, cache=False))
    build_site(request, tmp_path / "d")
    assert len(converted) == 6
    assert files_of(tmp_path / "c") == files_of(tmp_path / "d")
