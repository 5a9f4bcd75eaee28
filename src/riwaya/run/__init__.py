"""How riwaya's work is run: the ``Executor`` that maps per-article work over batches, the
``CorpusStage`` contract, and the derivation of one article from what was read (``analysis``).
``riwaya.job`` puts them together into the jobs the CLI, the Python API and the benchmarks call."""
