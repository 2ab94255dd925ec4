# The two commands: `make run` and `make test`. Both find or start PostgreSQL themselves
# (see cmd/devdb): $DATABASE_URL, else 127.0.0.1:5432, else a project-local server in .data/,
# else `docker compose up -d db`.
SHELL := /bin/bash
GO ?= go
BIN := .bin/cchc
ADDR ?= :8080

.PHONY: run test e2e build generate vet fmt bench fuzz clean docker-up

build:
	$(GO) build -o $(BIN) ./cmd/cchc

run: build
	@set -e; url=$$($(GO) run ./cmd/devdb); \
	export DATABASE_URL="$$url" ADDR="$(ADDR)"; \
	$(BIN) migrate up >/dev/null; \
	$(BIN) seed demo; \
	echo; echo "Portal: http://localhost$${ADDR#*:}" | sed 's#localhost\([0-9]\)#localhost:\1#'; echo; \
	exec $(BIN) serve

test:
	@set -e; url=$$($(GO) run ./cmd/devdb -database postgres); \
	DATABASE_URL="$$url" $(GO) test -count=1 ./...

# Browser checks in headless Chromium (Debian package `chromium`).
e2e:
	@set -e; url=$$($(GO) run ./cmd/devdb -database postgres); \
	DATABASE_URL="$$url" $(GO) test -count=1 -tags e2e -run E2E -v ./internal/e2e/

# National-scale benchmark (docs/PERFORMANCE.md): generates the data set into its own database
# (cchc_bench) the first time, then measures the dashboard, the report form and a save
# against TechEmpower's Fortunes served in the same run. BENCH_ARGS="-units 1000 ..." to size it.
bench:
	@set -e; url=$$($(GO) run ./cmd/devdb -database cchc_bench); \
	DATABASE_URL="$$url" $(GO) run ./cmd/cchcbench $(BENCH_ARGS)

generate:
	$(GO) tool templ generate

vet:
	$(GO) vet ./...

fmt:
	gofmt -w cmd internal web migrations

clean:
	rm -rf .bin

docker-up:
	docker compose up -d --build
