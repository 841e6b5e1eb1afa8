"""Small reviewed lexicons (YAML) that keep generic language knowledge out of the code."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed `assistant/data/<name>.yaml` (loaded once per process)."""
    return yaml.safe_load(files("assistant.data").joinpath(f"{name}.yaml").read_text(encoding="utf-8"))
