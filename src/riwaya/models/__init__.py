"""Small shipped models (JSON), each written by the command named in its ``meta.trained_by``."""
