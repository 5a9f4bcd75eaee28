"""Extraction: named things (places, later people and organisations), quotes and quantities."""
