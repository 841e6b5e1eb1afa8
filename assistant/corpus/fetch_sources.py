"""Download the linked sources of the manifest; offline, report and keep what was fetched before."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from assistant.corpus.fetch import fetch_url
from assistant.corpus.library import ADDED_DIR, CACHE_DIR, StagedFile, added_document
from assistant.corpus.loaders import LoadedSource, html_to_markdown
from assistant.corpus.manifest import SourcesManifest
from assistant.errors import InputError
from assistant.settings import Settings


def fetch_linked_sources(settings: Settings, report: Callable[[str], None]) -> dict[str, StagedFile]:
    """The linked sources downloaded, by id, to be added with the next build; `report` gets one line
    per source: fetched, kept from before, skipped, or unreachable."""
    manifest = SourcesManifest.load(settings.corpus_dir)
    fetched_documents: dict[str, StagedFile] = {}
    for entry in manifest.documents:
        if entry.kind != "linked":
            continue
        saved = settings.corpus_dir / ADDED_DIR / f"{entry.id}.md"
        if not entry.url_exact:
            report(f"skip {entry.id}: the brief names only the site ({entry.url}), not the page")
            continue
        try:
            fetched = fetch_url(
                entry.url, timeout_s=settings.fetch_timeout_s, max_bytes=settings.max_file_bytes, allow_private=settings.allow_private_urls
            )
            cache = settings.corpus_dir / CACHE_DIR / f"{hashlib.sha1(entry.url.encode()).hexdigest()[:16]}.html"
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(fetched.content)
            _, markdown = html_to_markdown(fetched.content.decode("utf-8", errors="replace"), entry.url)
            fetched_documents[entry.id] = added_document(LoadedSource(entry.title, markdown, fetched.url, entry.url), doc_id=entry.id)
            report(f"fetched {entry.id} from {fetched.url}")
        except InputError as error:
            kept = " (keeping the copy fetched before)" if saved.exists() else ""
            report(f"unreachable {entry.id}: {error}{kept}")
    return fetched_documents
