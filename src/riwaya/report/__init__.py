"""Outputs: articles.jsonl, stories.json, and HTML/Markdown reports (right-to-left for Arabic)."""
