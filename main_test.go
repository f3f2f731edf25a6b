//go:build e2e

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kyukyu/internal/testenv"
)

// The real window, with its GL driver, under Xvfb: scripts/screenshot.sh
// opens the warfarin training patient and takes a picture of the window.
// The picture must show the training banner across the top and the red
// anticoagulant alert above the sections.
func TestRealWindowShowsTheAlertOnTop(t *testing.T) {
	testenv.Tool(t, "Xvfb", "xvfb")
	testenv.Tool(t, "xwininfo", "x11-utils")
	testenv.Tool(t, "import", "imagemagick")
	dir := t.TempDir()
	bin := filepath.Join(dir, "kyukyu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command("bash", "scripts/screenshot.sh", "warfarin-head-injury", shot, "2026-11-25")
	cmd.Env = append(os.Environ(), "KYUKYU_BIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	img := testenv.ReadPNG(t, shot)
	b := img.Bounds()
	if b.Dx() < 800 || b.Dy() < 600 {
		t.Fatalf("window is %dx%d: too small to read", b.Dx(), b.Dy())
	}
	// firstRow is the first row from the top with more than min pixels of a colour.
	firstRow := func(min int, is func(r, g, b uint32) bool) int {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			n := 0
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bb, _ := img.At(x, y).RGBA()
				if is(r>>8, g>>8, bb>>8) {
					n++
				}
			}
			if n > min {
				return y
			}
		}
		return -1
	}
	orange := func(r, g, b uint32) bool { return r > 200 && g > 100 && g < 200 && b < 80 }
	if y := firstRow(b.Dx()/2, orange); y < 0 || y > 40 {
		t.Errorf("no orange 訓練用 banner across the top (first orange row %d)", y)
	}
	// The critical alert is marked by a strong red bar at its left (the
	// theme's error colour, dark or light), not by red text.
	red := func(r, g, b uint32) bool { return r > 150 && r > g+80 && r > b+80 }
	if y := firstRow(5, red); y < 0 || y > b.Dy()/3 {
		t.Errorf("the red bar of the anticoagulant alert is not in the top third of the window (first red row %d of %d)", y, b.Dy())
	}
}

// On an X display without OpenGL (Xvfb without GLX) the real program says
// so in one line, exit 1, before Fyne's driver would panic.
func TestNoOpenGLIsOneLine(t *testing.T) {
	testenv.Tool(t, "Xvfb", "xvfb")
	testenv.Tool(t, "xwininfo", "x11-utils")
	dir := t.TempDir()
	bin := filepath.Join(dir, "kyukyu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	disp := 120
	for ; ; disp++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", disp)); err != nil {
			break
		}
	}
	x := exec.Command("Xvfb", fmt.Sprintf(":%d", disp), "-screen", "0", "1024x768x24", "-nolisten", "tcp", "-extension", "GLX")
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { x.Process.Kill(); x.Wait() }()
	display := fmt.Sprintf(":%d", disp)
	for i := 0; exec.Command("xwininfo", "-display", display, "-root").Run() != nil; i++ {
		if i == 50 {
			t.Fatal("Xvfb did not start")
		}
		time.Sleep(100 * time.Millisecond)
	}
	cmd := exec.Command(bin, "-demo")
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "WAYLAND_DISPLAY=", "KYUKYU_HOME="+filepath.Join(dir, "home"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if got := stderr.String(); !errors.As(err, &exit) || exit.ExitCode() != 1 || strings.Count(got, "\n") != 1 ||
		!strings.HasPrefix(got, "kyukyu: cannot open the window: no OpenGL here (") || !strings.Contains(got, "GLX") {
		t.Errorf("without GLX: %v, stderr %q; want exit 1 and one line saying there is no OpenGL", err, got)
	}
}
