# kyukyu. `make run` opens the training window; `make test` is everything, as CI runs it
# (.ci/run); while developing `make check` (fast, no pcscd, no Xvfb, no network);
# `make package` builds the MSI and the .deb into dist/.
# Each first makes sure the Debian packages are there (scripts/deps.sh: installs them as root,
# otherwise prints the exact apt-get line), and Go: scripts/go.sh names a Go of go.mod's
# version, fetching it through the Go module proxy when the one on PATH is older or missing.
ifndef GO
GO := $(shell bash scripts/go.sh)
ifeq ($(GO),)
$(error no Go to build kyukyu with: see the line above)
endif
endif
# The scripts and tests that run go themselves find the same one.
ifneq ($(GO),go)
export PATH := $(dir $(GO)):$(PATH)
endif
# The Windows cross-compiler, for the Windows vet and build.
WINDOWS_ENV = CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc

.PHONY: run test test-windows check build package bench

run: build
	./bin/kyukyu -demo

# -v names each package as it compiles: the only sign of life in a cold build.
build:
	bash scripts/deps.sh build
	@echo "building kyukyu (first build takes several minutes)…"
	$(GO) build -v -ldflags "$$(bash scripts/ldflags.sh)" -o bin/kyukyu .

# Unit and in-memory tests (README: the measured time). End-to-end tests (pcscd, Xvfb, packages,
# PostgreSQL) carry the e2e build tag; -short leaves out the long crash tests, the slow
# whole-window and every-page runs, the CLI's folder exchange and the clone-and-build, which
# `make test` keeps (testenv.Slow). Most of what is left waits (settle times, timeouts, commits)
# rather than computes: four packages and eight parallel tests at once, not one per core; the
# longest packages are named first: go starts them in that order, and ./... alone ran ui last.
check:
	bash scripts/deps.sh check
	$(GO) vet -tags ci ./...
	$(GO) test -tags ci -short -count=1 -p 4 -parallel 8 -timeout 5m ./ui ./pdf ./cli ./oqs ./backup ./...

test:
	bash scripts/deps.sh test
	$(GO) vet -tags ci,e2e ./...
	$(WINDOWS_ENV) $(GO) vet -tags ci ./...
	$(WINDOWS_ENV) $(GO) vet -tags ci,e2e ./...
	$(GO) test -tags ci,e2e -count=1 -timeout 25m ./...
	bash scripts/cross-windows.sh

# The Windows build run under Wine 10 in a Debian 13 root (made once under /var/cache): the
# Windows unit tests, the MSI, the installed CLI, the window (scripts/test-windows.sh). As root.
test-windows:
	bash scripts/deps.sh test
	$(GO) vet -tags ci,e2e,wine ./packaging
	bash scripts/test-windows.sh

package:
	bash scripts/deps.sh package
	bash scripts/package.sh

bench:
	bash scripts/deps.sh bench
	for s in bench/*.sh; do bash "$$s" || exit 1; done
