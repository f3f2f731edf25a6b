// Package testenv lets a test that cannot run here say why: under CI=true
// it fails, so a CI run is never a partial run that looks green; on a
// developer's machine it skips with the same reason.
package testenv

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the test runs in CI (CI=true, as CI systems set it).
func InCI() bool { return os.Getenv("CI") == "true" }

// Unavailable ends t because something it needs is missing.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	why := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("cannot run under CI=true: %s", why)
	}
	t.Skip(why)
}

// Tool returns the path of the program name, or ends t saying which
// Debian package provides it (scripts/deps.sh test installs them all).
func Tool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Unavailable(t, "%s is missing: apt-get install %s (or scripts/deps.sh test)", name, debianPackage)
	}
	return p
}

// ReadPNG decodes the PNG at path (a screenshot, a rendered page, the icon)
// or ends t.
func ReadPNG(t testing.TB, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// Slow leaves t to `make test` (CI, without -short): `make check` (-short)
// stays an edit loop of seconds, and CI still runs every test. why says
// what makes t slow.
func Slow(t testing.TB, why string) {
	t.Helper()
	if testing.Short() {
		t.Skip(why + ": make test runs it")
	}
}
