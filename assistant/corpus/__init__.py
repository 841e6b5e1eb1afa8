"""Corpus: cleaning the brief, the sources manifest, and loaders for md/txt/html/pdf/URLs."""
