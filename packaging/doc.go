// Package packaging holds what `make package` (scripts/package.sh) builds
// the installers from — the WiX source of the MSI and the .desktop entry of
// the .deb — and the end-to-end test that builds both and checks them.
package packaging
