# The two commands: `make run` and `make test`. Both find or start PostgreSQL themselves
# (see cmd/devdb): $DATABASE_URL, else 127.0.0.1:5432, else a project-local server in .data/,
# else `docker compose up -d db`.
SHELL := /bin/bash
GO ?= go
BIN := .bin/cchc
ADDR ?= :8080

.PHONY: run test test-dates test-dates-ci e2e build generate vet fmt check migration bench fuzz clean docker-up backup restore rush cluster-test

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
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(TEST_FUZZTIME)

# The date-sensitive tests (those that seed the demo, which is true to the day it is loaded)
# on many days: tests take "today" from CCHC_TEST_NOW (testdb.Now), so none may depend on the
# day it runs. The first and last day of every quarter of a year, and a few days in the
# successor plan's years 2026–2030. TEST_DATES="2027-05-05" to try one day.
TEST_DATES ?= 2027-01-01 2027-03-31 2027-04-01 2027-06-30 2027-07-01 2027-09-30 2027-10-01 2027-12-31 \
	2026-01-01 2026-03-11 2026-12-15 2028-02-29 2029-06-10 2030-12-31
DATE_PACKAGES ?= ./internal/seed ./internal/server/... ./internal/export ./internal/backup ./internal/documents ./cmd/cchc
DATE_RUN ?= .
test-dates:
	@set -e; url=$$($(GO) run ./cmd/devdb -database postgres); start=$$(date +%s); \
	for d in $(TEST_DATES); do \
	  echo "== CCHC_TEST_NOW=$$d"; \
	  CCHC_TEST_NOW=$$d DATABASE_URL="$$url" $(GO) test -count=1 -run '$(DATE_RUN)' $(DATE_PACKAGES) || { echo "test-dates: FAIL on $$d"; exit 1; }; \
	done; echo "test-dates: $(words $(TEST_DATES)) days passed in $$(( $$(date +%s) - start ))s"

# What CI runs of it (.ci/run): the tests whose expectations come from the demo's open
# periods, on the days where the demo changes most (a year's first day, a deadline's
# morning after, a period's first week, the plan's last day).
CI_TEST_DATES = 2026-01-01 2027-03-11 2028-12-15 2030-12-31
CI_DATE_RUN = TestDemo|TestDashboard|TestExportsOpen|TestIncludingSubmitted|TestCommitmentChanges|TestPeriodsBelongToPlans|TestSuccessorPlan
test-dates-ci:
	@$(MAKE) --no-print-directory test-dates TEST_DATES="$(CI_TEST_DATES)" DATE_RUN="$(CI_DATE_RUN)" \
	  DATE_PACKAGES="./internal/seed ./internal/server/... ./internal/export"

# Every fuzz target (func FuzzX in a _test.go file) runs for FUZZTIME each; `make test` runs
# them briefly, `make fuzz` longer. A count (300x) rather than a duration avoids a known
# race in Go's fuzzer when a timed run ends.
TEST_FUZZTIME ?= 300x
FUZZTIME ?= 60s
fuzz:
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' cmd internal); do \
	  dir=$$(dirname $$f); \
	  for name in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' $$f | cut -d' ' -f2); do \
	    echo "fuzz $$dir $$name ($(FUZZTIME))"; \
	    $(GO) test -run='^$$' -fuzz="^$$name$$" -fuzztime=$(FUZZTIME) ./$$dir >/dev/null || \
	      { $(GO) test -run='^$$' -fuzz="^$$name$$" -fuzztime=$(FUZZTIME) ./$$dir; exit 1; }; \
	  done; \
	done

# Browser checks in headless Chromium (Debian package `chromium`).
e2e:
	@set -e; url=$$($(GO) run ./cmd/devdb -database postgres); \
	DATABASE_URL="$$url" $(GO) test -count=1 -tags e2e -run E2E -v ./internal/e2e/

# National-scale benchmark (docs/PERFORMANCE.md): generates the data set into its own database
# (cchc_bench) the first time, then measures the dashboard, the report form and a save
# against TechEmpower's Fortunes served in the same run. BENCH_ARGS="-units 1000 ..." to size it.
# make bench: the pages against the national data set, then the deadline rush (make rush);
# both write their figures into docs/PERFORMANCE.md, the only figures that file states.
bench:
	@set -e; url=$$($(GO) run ./cmd/devdb -database cchc_bench); \
	DATABASE_URL="$$url" $(GO) run ./cmd/cchcbench -doc docs/PERFORMANCE.md $(BENCH_ARGS)
	@$(MAKE) --no-print-directory rush RUSH_FLAGS="-doc docs/PERFORMANCE.md $(RUSH_FLAGS)"

generate:
	$(GO) tool templ generate

vet:
	$(GO) vet -tags e2e ./...

fmt:
	gofmt -w cmd internal web migrations docs

# Static checks, no database needed; .ci/run runs them before `make test`. The e2e build tag
# is on so the browser tests are checked too.
#   gofmt        every Go file formatted;
#   go vet       and staticcheck (a go tool, pinned in go.mod);
#   templ drift  every *_templ.go is what `make generate` makes of its .templ, and none is
#                left without its .templ;
#   migrations   every NNNNNN_name.up.sql has its .down.sql and no number is used twice
#                (gaps are allowed; see migrations/embed_test.go).
check:
	@set -e; \
	echo "check: gofmt"; out=$$(gofmt -l cmd internal web migrations docs); \
	if [ -n "$$out" ]; then echo "gofmt: not formatted (run make fmt):"; echo "$$out"; exit 1; fi; \
	echo "check: go vet"; $(GO) vet -tags e2e ./...; \
	echo "check: staticcheck"; $(GO) tool staticcheck -tags e2e ./...; \
	echo "check: templ drift"; \
	$(GO) tool templ generate -check -keep-orphaned-files -log-level error || \
	  { echo "templ: generated files differ from their .templ sources (run make generate)"; exit 1; }; \
	for g in $$(find cmd internal web -name '*_templ.go'); do \
	  [ -f "$${g%_templ.go}.templ" ] || { echo "templ: $$g has no $${g%_templ.go}.templ"; exit 1; }; \
	done; \
	echo "check: migrations"; $(GO) test -count=1 ./migrations/ >/dev/null || $(GO) test -count=1 ./migrations/

# make migration NAME=add_comments: creates the next numbered pair in migrations/ (one more
# than the highest number there), empty, for you to fill in.
migration:
	@set -e; \
	[[ "$(NAME)" =~ ^[a-z0-9_]+$$ ]] || { echo "usage: make migration NAME=lower_case_words"; exit 2; }; \
	last=$$(ls migrations | sed -n 's/^\([0-9]\{6\}\)_.*\.sql$$/\1/p' | sort -n | tail -n1); \
	next=$$(printf '%06d' $$((10#$${last:-0} + 1))); \
	for dir in up down; do \
	  f="migrations/$${next}_$(NAME).$$dir.sql"; \
	  printf -- '-- %s: %s (%s)\n' "$(NAME)" "$$dir" "$$( [ $$dir = up ] && echo 'apply' || echo 'undo exactly what the up file does')" > "$$f"; \
	  echo "created $$f"; \
	done

clean:
	rm -rf .bin

docker-up:
	docker compose up -d --build

# Backups in pg_dump's custom format: `make backup` writes .data/backups/cchc-<time>.dump;
# `make restore FILE=… [DATABASE_URL=…]` loads one (restore into a new, empty database).
BACKUP_DIR ?= .data/backups
backup: build
	@set -e; url=$$($(GO) run ./cmd/devdb); \
	DATABASE_URL="$$url" $(BIN) backup "$(BACKUP_DIR)/cchc-$$(date +%Y%m%d-%H%M%S).dump"

restore: build
	@test -n "$(FILE)" || { echo "usage: make restore FILE=path/to/backup.dump"; exit 2; }
	@set -e; url=$$($(GO) run ./cmd/devdb); \
	DATABASE_URL="$$url" $(BIN) restore "$(FILE)"

# The deadline rush (load test): 500 unit users sign in, open their form, save twice and
# submit while the director reloads the dashboard; against a fresh `cchc serve` on
# 127.0.0.1:18080 with its own database (cchc_rush). RUSH_FLAGS=-users 100 for a quick run.
RUSH_FLAGS ?=
rush: build
	@set -e; url=$$($(GO) run ./cmd/devdb -database cchc_rush); \
	export DATABASE_URL="$$url"; $(BIN) migrate up >/dev/null; $(BIN) seed demo >/dev/null; \
	ADDR=127.0.0.1:18080 LOG_LEVEL=warn $(BIN) serve & pid=$$!; trap "kill $$pid 2>/dev/null" EXIT; \
	for i in $$(seq 1 50); do curl -fs http://127.0.0.1:18080/readyz >/dev/null && break; sleep 0.2; done; \
	$(GO) run ./cmd/rush -base http://127.0.0.1:18080 $(RUSH_FLAGS)

# Several instances and a read replica, on this machine and private ports (docs/OPERATIONS.md):
# a PostgreSQL primary and a streaming replica (pg_basebackup), two `cchc serve` behind nginx
# (deploy/nginx/cchc.conf; Debian's nginx is installed when missing), then the deadline rush
# through nginx while one instance is killed and restarted. About two minutes; it starts
# servers, so it is not part of `make test`. CLUSTER_FLAGS="-users 300" for a longer rush,
# "-keep" to keep the logs and data directories.
CLUSTER_FLAGS ?=
cluster-test:
	$(GO) run ./cmd/clustertest $(CLUSTER_FLAGS)
