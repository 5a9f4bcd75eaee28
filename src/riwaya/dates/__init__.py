"""Dates: expressions found in text, resolved against a reference date; publication dates."""
