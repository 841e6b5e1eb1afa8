"""Ingestion and the index: chunking, embeddings, the Chroma store and its build manifest."""
