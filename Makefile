# Factmark — build, run and test the desktop annotation desk.
#
#   make run    install missing Debian packages, build, open the app
#   make test   install missing Debian packages, gofmt/vet, all tests (+ GUI smoke test)
#
# See README.md for the other targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

# Use the Go from the official tarball when it is installed but not on PATH.
ifneq ($(wildcard /usr/local/go/bin/go),)
ifeq ($(findstring /usr/local/go/bin,$(PATH)),)
export PATH := /usr/local/go/bin:$(PATH)
endif
endif

# Fyne cannot parse the C locale ("Error parsing user locale C"): give it a
# real one when the environment has none.
ifneq ($(filter C C.UTF-8 C.utf8 POSIX,$(or $(LANG),C)),)
export LANG := en_US.UTF-8
endif

GO      ?= go
BIN     := bin/factmark
PKG     ?= ./...
BENCH   ?= .
ARGS    ?=
TIMEOUT ?= 20m

# Corpora for the tests: ../shared next to the repository, unless the caller
# already set FACTMARK_SHARED.
SHARED_DIR := $(abspath $(CURDIR)/../shared)
ifeq ($(origin FACTMARK_SHARED),undefined)
ifneq ($(wildcard $(SHARED_DIR)/.),)
export FACTMARK_SHARED := $(SHARED_DIR)
endif
endif

.PHONY: deps build run test smoke bench replay fmt vet clean package

## deps: install missing Debian packages (cgo, X11/GL headers, Xvfb tools, Chromium and pdftotext for the brief's tests) and check Go
deps:
	@bash scripts/deps.sh

## build: compile bin/factmark
build: deps
	$(GO) build -o $(BIN) ./cmd/factmark

## run: build and open the desktop window (make run ARGS='--db /tmp/x.db FILE')
run: build
	./$(BIN) $(ARGS)

## test: gofmt check, go vet, every test, then the GUI smoke test if present
test: deps
	@unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files need formatting (run 'make fmt'):"; echo "$$unformatted"; exit 1; \
	fi
	$(GO) vet ./...
	$(GO) test -count=1 -timeout $(TIMEOUT) ./...
	@if [ -f scripts/smoke.sh ]; then $(MAKE) --no-print-directory smoke; \
	else echo "test: no scripts/smoke.sh yet; GUI smoke test skipped"; fi

## smoke: the GUI smoke test under Xvfb (scripts/smoke.sh)
smoke: build
	@if [ -f scripts/smoke.sh ]; then bash scripts/smoke.sh; \
	else echo "smoke: scripts/smoke.sh does not exist"; exit 1; fi

## bench: benchmarks (make bench BENCH=Load PKG=./ui), the real window's memory, the replay that
##        annotates the seed in the real window by hand and from the suggestions, counting actions,
##        and the large project's export → import → export, timed (scripts/scale.sh)
bench: deps build
	$(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count 1 -timeout $(TIMEOUT) $(PKG)
	bash scripts/memory.sh
	bash scripts/replay.sh
	bash scripts/scale.sh

## replay: only the replay (REPLAY_MODES="hand suggest", REPLAY_OUT=DIR keeps its screenshots)
replay: build
	bash scripts/replay.sh

## package: the Linux desktop package dist/Factmark.tar.xz (fyne package)
package: build
	bash scripts/package.sh

## fuzz: run each fuzz test (PACKAGE:TARGET) for FUZZTIME (default 1m), one after another:
## each importer's, then the whole path from a file to the desk's opening of what was imported.
## The desk's coverage is not deterministic (Fyne's goroutines), so every few inputs look new:
## ./ui's are not minimised (-fuzzminimizetime 1x), or minimising one would take the whole run;
## the PDF and Hypothesis readers' new inputs are minimised for 3 s at most (the progress line stalls meanwhile).
FUZZTIME    ?= 1m
FUZZ_TESTS  := ./interchange:FuzzParseDocument ./interchange:FuzzNativeReader ./interchange:FuzzParseBrat ./interchange:FuzzParseW3C \
	./interchange:FuzzParseClaimReview ./interchange:FuzzParseCSV ./interchange:FuzzParseHypothesis \
	./interchange/webpage:FuzzExtract ./interchange/pdftext:FuzzExtract ./interchange/transcript:FuzzExtract \
	./interchange/transcript:FuzzDetectTurns ./annotate:FuzzAnchorQuote ./ui:FuzzImportAndOpen \
	./interchange/brief:FuzzBrief
.PHONY: fuzz
fuzz:
	@for f in $(FUZZ_TESTS); do \
		pkg=$${f%%:*}; name=$${f#*:}; flags=""; \
		case "$$pkg" in ./ui) flags="-fuzzminimizetime 1x";; ./interchange/pdftext | ./interchange) flags="-fuzzminimizetime 3s";; esac; \
		echo "== $$name in $$pkg ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$flags $$pkg || exit 1; \
	done

## soak: the real desk under Xvfb, 1,000 random edits with SIGKILLs; every saved change must survive (slow; not in make test)
.PHONY: soak
soak: build
	bash scripts/soak.sh

## fmt: gofmt every Go file in place
fmt:
	gofmt -w .

## vet: go vet
vet:
	$(GO) vet ./...

## models: retrain the suggestion models from $(FACTMARK_SHARED)/corpus into annotate/suggest/model (~40 s; the same bytes every time, which TestMakeModelsReproducesEmbedded checks; the claims MAP: factmark eval claims)
.PHONY: models
models:
	$(GO) run ./cmd/factmark-train -shared "$${FACTMARK_SHARED:-../shared}" -out annotate/suggest/model -loo=false

## clean: remove build outputs
clean:
	rm -rf bin/ dist/
