"""Small reviewed lexicons (YAML) that keep generic language knowledge out of the code."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed `assistant/data/<name>.yaml` (loaded once per process)."""
    return yaml.safe_load(files("assistant.data").joinpath(f"{name}.yaml").read_text(encoding="utf-8"))


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """The words `assistant/data/<name>.yaml` lists under `key`, as a set."""
    return frozenset(load(name)[key])


@cache
def fingerprint() -> str:
    """A digest of every lexicon: an index built with other lexicons (other BM25 terms, catalogue, reading of
    sentences) is out of date."""
    digest = hashlib.sha256()
    for lexicon in sorted(files("assistant.data").iterdir(), key=lambda path: path.name):
        if lexicon.name.endswith(".yaml"):
            digest.update(lexicon.name.encode() + b"\x00" + lexicon.read_bytes())
    return digest.hexdigest()
