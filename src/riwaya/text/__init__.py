"""The Arabic text layer: cleaning, normalisation, sentences, language."""
