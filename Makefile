# Two commands on a fresh machine:  `make run` (install, build, index, chat)  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install prepare index run test test-fast browser eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: this CPU build lies on the machine's disk; anything else pulls CUDA.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

prepare: install          ## convert the embedder and assemble the local GGUF (one-time)
	$(BIN)/rag prepare

index: prepare            ## chunk, embed and store documents/ (incremental)
	$(BIN)/rag ingest

run: index                ## start the chat page on http://127.0.0.1:7860
	$(BIN)/rag serve

browser:                  ## Debian's Chromium for the end-to-end page test
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "chromium missing and cannot be installed: browser tests will be skipped"; fi; }

test: install browser     ## the whole test suite (about 15 minutes on 2 cores)
	$(BIN)/python -m pytest -q

test-fast: install        ## unit tests only, no real models or browser
	$(BIN)/python -m pytest -q -m "not real_model and not browser"

eval: index               ## the eval question set; report in eval/reports/latest/
	$(BIN)/rag eval -- --backend extractive --backend local
	$(BIN)/rag eval -- --baseline --backend local --limit 1 --out eval/reports/baseline-slice

bench: index              ## speed and scale benchmark; table + bench/results/latest.json
	$(BIN)/rag bench

clean:                    ## remove the index (models stay in ~/.cache/bilingual-rag)
	rm -rf var
