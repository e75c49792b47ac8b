"""Publish: which pages and files exist, their URLs and navigation — independent of the engine."""
