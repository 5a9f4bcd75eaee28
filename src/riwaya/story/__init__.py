"""The story engine: near-duplicates, events, storylines (corpus stages, incremental)."""
