"""Ingest new documents: segment, extract mandates and mentions, review."""
