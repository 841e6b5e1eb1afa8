"""One settings object for every front end: explicit arguments win over environment and `.env`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

CHECKOUT = Path(__file__).resolve().parent.parent
"""The project checkout when the package runs from one (an editable install); site-packages otherwise."""


def default_home() -> Path:
    """Where corpus/, index/ and data/ live when `BRIEF_HOME` is not set: the checkout this package runs
    from when it holds a corpus, else the working directory."""
    return CHECKOUT if (CHECKOUT / "corpus" / "sources.yaml").is_file() else Path.cwd()


Precision = Literal["auto", "fp32", "bf16", "fp16"]
"""Precision of the ingest encoder (`embed_precision`)."""
QueryPrecision = Literal["auto", "int8", "bf16", "fp32"]
"""Precision of the written-out MPNet question embedder (`query_precision`)."""


def default_models_dir() -> Path:
    """`$XDG_CACHE_HOME/brief-assistant/models`, by default under `~/.cache`."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "brief-assistant" / "models"


class Settings(BaseSettings):
    """Configuration read from `BRIEF_*` environment variables (and a `.env` file)."""

    model_config = SettingsConfigDict(env_prefix="BRIEF_", env_file=".env", extra="ignore", populate_by_name=True)

    home: Path = Field(default_factory=default_home, description="Folder holding corpus/, index/ and data/ (BRIEF_HOME).")
    corpus_dir: Path = Field(default=Path("corpus"), description="Relative paths resolve against `home`.")
    index_dir: Path = Path("index")
    feedback_db: Path = Path("data") / "feedback.sqlite"
    conversations: Literal["memory", "database"] = Field(
        default="memory", description="Where conversation turns live: this process's memory, or the shared database (several processes)."
    )
    database_url: str | None = Field(
        default=None, description="postgresql://USER:PASSWORD@HOST:PORT/DB shared by several machines; unset: SQLite at feedback_db."
    )

    embedding_model: str = Field(
        default="",
        description="mpnet or minilm (packaged), or a sentence-transformers model name or path; empty means mpnet.",
    )
    models_dir: Path = Field(
        default_factory=default_models_dir,
        description="Where packaged models are unpacked on first use (shared by every home on the machine).",
    )
    device: Literal["auto", "cpu", "cuda"] = "auto"
    embed_batch_size: int = Field(default=64, ge=1, description="Texts per batch for the written-out query embedders.")
    embed_precision: Precision = Field(
        default="auto", description="Ingest precision; auto: fp16 on cuda, bf16 on CPUs with native bf16, else fp32."
    )
    query_precision: QueryPrecision = Field(
        default="auto",
        description="Question embedding precision (mpnet on CPU); auto: int8 on CPUs with VNNI, else bf16 where native, else fp32.",
    )

    chroma_host: str | None = Field(default=None, validation_alias=AliasChoices("CHROMA_HOST", "BRIEF_CHROMA_HOST"))
    chroma_port: int = Field(default=8000, validation_alias=AliasChoices("CHROMA_PORT", "BRIEF_CHROMA_PORT"))

    chunk_words: int = Field(default=120, description="Target chunk size in words (sentence windows).")
    top_k: int = Field(default=5, ge=1, le=50)
    max_answer_sentences: int = 4
    max_question_chars: int = 2000

    llm: str = Field(default="extractive", description="extractive | openai:MODEL | ollama:MODEL")
    fallback_backend: str = Field(
        default="extractive", description="Answers when the chosen backend fails or drafts nothing the passages support."
    )
    llm_base_url: str | None = None
    llm_timeout_s: float = 60.0
    openai_api_key: str | None = Field(default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "BRIEF_OPENAI_API_KEY"))

    fetch_timeout_s: float = 15.0
    max_file_bytes: int = 20_000_000
    allow_private_urls: bool = Field(default=False, description="Allow ingesting URLs on private/loopback hosts.")

    @model_validator(mode="after")
    def _resolve_against_home(self) -> Settings:
        for name in ("corpus_dir", "index_dir", "feedback_db"):
            path = getattr(self, name)
            if not path.is_absolute():
                setattr(self, name, self.home / path)
        return self

    @property
    def database(self) -> str:
        """The database URL of feedback and shared conversations: BRIEF_DATABASE_URL, else the SQLite file feedback_db."""
        return self.database_url or f"sqlite:///{self.feedback_db}"

    @property
    def server_mode(self) -> bool:
        """True when a Chroma server is configured instead of the embedded index."""
        return bool(self.chroma_host)

    @property
    def chroma_mode(self) -> Literal["server", "embedded"]:
        """The kind of Chroma an index is built for, recorded in its manifest."""
        return "server" if self.server_mode else "embedded"


def isolated_settings(root: Path, **overrides: object) -> Settings:
    """Settings confined to `root`: a private copy of the shipped corpus and an index and feedback
    store of their own, extractive answers, embedded Chroma, no `.env`. Used by the benchmarks and
    the tests; `overrides` replace any field."""
    target = root / "corpus"
    if not target.exists():
        shutil.copytree(default_home() / "corpus", target, ignore=shutil.ignore_patterns("cache", "documents"))
    values: dict[str, Any] = {
        "corpus_dir": target,
        "index_dir": root / "index",
        "feedback_db": root / "feedback.sqlite",
        "database_url": None,
        "chroma_host": None,
        "llm": "extractive",
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]
