# The two commands that matter:
#   make demo   set everything up and run the main job on the shipped sample corpus
#   make test   set everything up and run lint, types and the whole test suite
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test test-fast lint bench eval-gate train-attribution train-relations train-disputes train-stories train-brief clean

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/counterpoint demo

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/mypy

test-fast: $(STAMP)
	$(VENV)/bin/pytest -q

test: $(STAMP)
	bash scripts/test.sh

bench: $(STAMP)
	$(PY) benchmarks/speed.py

# quality floors (tests/eval_baseline.json); also run by `make test` through pytest
eval-gate: $(STAMP)
	$(PY) tests/eval_gate.py

train-attribution: $(STAMP)
	$(PY) scripts/train_attribution.py
	$(PY) scripts/train_tagger.py

train-relations: $(STAMP)
	$(PY) scripts/train_relations.py --recipe all
	$(PY) scripts/train_relations_head.py

# every shipped model and the command that makes it: docs/models.md
train-disputes: $(STAMP)
	$(PY) scripts/train_disputes.py

train-stories: $(STAMP)
	$(PY) benchmarks/stories.py --fit

train-brief: $(STAMP)
	$(PY) benchmarks/summaries.py --fit --fit-budget

clean:
	rm -rf $(VENV) build *.egg-info
