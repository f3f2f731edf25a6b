# kyukyu: the two commands are `make run` and `make test`.
# Both first make sure the Debian packages are there (scripts/deps.sh: installs
# them as root, otherwise prints the exact apt-get line).
GO ?= go

.PHONY: run test build bench

run:
	bash scripts/deps.sh build
	$(GO) run . -demo

build:
	bash scripts/deps.sh build
	$(GO) build -o kyukyu .

test:
	bash scripts/deps.sh test
	$(GO) vet -tags ci ./...
	$(GO) test -tags ci -count=1 -timeout 25m ./...
	@if command -v x86_64-w64-mingw32-gcc >/dev/null && [ -x scripts/cross-windows.sh ]; then bash scripts/cross-windows.sh; fi

bench:
	bash scripts/deps.sh bench
	for s in bench/*.sh; do bash "$$s" || exit 1; done
