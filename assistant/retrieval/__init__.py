"""Hybrid retrieval: dense (Chroma) and lexical (BM25), fused by reciprocal rank."""
