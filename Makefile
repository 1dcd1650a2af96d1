# narrascope: `make demo` and `make test` on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ENCODER_STAMP := $(VENV)/.installed-encoder

.PHONY: demo test install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[model,postgres,dask,test]"
	touch $(STAMP)

install: $(STAMP)

# the opt-in transformer backend (torch CPU, ~900 MB): the tests need it, the demo does not
$(ENCODER_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[encoder]"
	touch $(ENCODER_STAMP)

demo: install
	mkdir -p out
	$(BIN)/narrascope analyze examples --db out/demo.db --out out/demo.jsonl
	$(BIN)/narrascope report --db out/demo.db --out out/report.html
	@echo "documents: out/demo.jsonl"
	@echo "report:    $(CURDIR)/out/report.html"

test: install $(ENCODER_STAMP)
	bash scripts/test-services.sh $(BIN)/python -m pytest -q $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) out narrascope.db
