"""Chunks, event dates, embeddings and the on-disk store (SQLite + FAISS + manifest)."""
