"""The installed versions the manifest records, read without importlib.metadata."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from modelgen import distversion
from modelgen.distversion import installed_version

INSTALLED = ["black", "jinja2", "pyyaml", "PyYAML", "click", "pydantic-core", "Jinja2"]


@pytest.mark.parametrize("name", INSTALLED)
def test_the_same_version_as_importlib_metadata(name: str) -> None:
    assert installed_version(name) == metadata.version(name)


def test_a_name_not_installed_has_none() -> None:
    assert installed_version("no-such-distribution-here") is None


def _path_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *entries: list[str]
) -> None:
    paths = []
    for i, names in enumerate(entries):
        entry = tmp_path / f"entry{i}"
        entry.mkdir()
        for name in names:
            (entry / name).mkdir()
            (entry / name / "METADATA").write_text(
                f"Metadata-Version: 2.1\nName: {name.split('-')[0]}\n"
                f"Version: {name.split('-')[1].split('.dist')[0].split('.egg')[0]}\n"
            )
        paths.append(str(entry))
    monkeypatch.setattr(sys, "path", paths)


def test_the_first_path_entry_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _path_with(
        tmp_path,
        monkeypatch,
        ["other-1.0.dist-info"],
        ["Some_Lib-2.5.post1.dist-info"],
        ["some_lib-9.9.dist-info"],
    )
    assert distversion._scan("some.lib") == "2.5.post1"
    assert distversion._scan("Some-Lib") == "2.5.post1"
    assert metadata.version("some-lib") == "2.5.post1"


@pytest.mark.parametrize(
    "names",
    [
        ["thing-1.0.dist-info", "thing-2.0.dist-info"],  # two in one entry
        ["thing-1.0.egg-info"],  # not a wheel's folder
    ],
)
def test_anything_unusual_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: list[str]
) -> None:
    _path_with(tmp_path, monkeypatch, names)
    assert distversion._scan("thing") is None
    assert distversion.installed_version.__wrapped__("thing") == metadata.version(
        "thing"
    )


def test_a_zip_on_the_path_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert distversion._scan("anything") is None
