// Package packaging holds what `make package` (scripts/package.sh) builds
// the installers from — the WiX source of the MSI, the .desktop entry and
// the man page of the .deb — and the end-to-end tests: the one that builds
// both and checks them (e2e), and the one that installs the MSI on Wine 10
// and runs it there (e2e,wine: make test-windows).
package packaging
