PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test fuzz clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,scale,bench]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	rm -rf demo-out
	$(BIN)/riwaya run demo/corpus --out demo-out --db demo-out/riwaya.db
	@echo "Report: $(CURDIR)/demo-out/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"
	$(BIN)/python -m pytest -m slow

# A longer fuzzing run of the readers: the Hypothesis harness with its "fuzz" profile (2,000
# examples a test), then atheris on the parsers when it installs (FUZZ_RUNS inputs).
FUZZ_RUNS ?= 50000
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz_readers.py -p no:cacheprovider
	$(BIN)/pip install -q atheris && $(BIN)/python tests/fuzz_atheris.py -runs=$(FUZZ_RUNS) \
		|| echo "atheris not available: the Hypothesis run above is the fuzz run"

clean:
	rm -rf $(VENV) demo-out build *.egg-info
