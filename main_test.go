//go:build e2e

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kyukyu/internal/testenv"
)

// window builds kyukyu and runs scripts/screenshot.sh on the warfarin
// training patient with env added; it returns the script's OUT path.
func window(t *testing.T, env ...string) string {
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
	cmd.Env = append(append(os.Environ(), "KYUKYU_BIN="+bin), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	return shot
}

// firstRow is the first row from the top with more than min pixels of a
// colour; -1 for none.
func firstRow(img image.Image, min int, is func(r, g, b uint32) bool) int {
	b := img.Bounds()
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

// red is the theme's error colour, dark or light: the strong bar at the
// left of a critical alert.
func red(r, g, b uint32) bool { return r > 150 && r > g+80 && r > b+80 }

// The real window, with its GL driver, under Xvfb: scripts/screenshot.sh
// opens the warfarin training patient and takes a picture of the window.
// The picture must show the training banner across the top and the red
// anticoagulant alert above the sections.
func TestRealWindowShowsTheAlertOnTop(t *testing.T) {
	img := testenv.ReadPNG(t, window(t))
	b := img.Bounds()
	if b.Dx() < 800 || b.Dy() < 600 {
		t.Fatalf("window is %dx%d: too small to read", b.Dx(), b.Dy())
	}
	orange := func(r, g, b uint32) bool { return r > 200 && g > 100 && g < 200 && b < 80 }
	if y := firstRow(img, b.Dx()/2, orange); y < 0 || y > 40 {
		t.Errorf("no orange 訓練用 banner across the top (first orange row %d)", y)
	}
	// The critical alert is marked by a strong red bar at its left (the
	// theme's error colour, dark or light), not by red text.
	if y := firstRow(img, 5, red); y < 0 || y > b.Dy()/3 {
		t.Errorf("the red bar of the anticoagulant alert is not in the top third of the window (first red row %d of %d)", y, b.Dy())
	}
}

// The idle clear in the real window, untouched for a minute (idle_minutes
// 1): the countdown bar is drawn (it pushes the alert down) within a
// second of its start, 30 s before the clear, and then the patient is gone
// (no red alert bar). A picture is taken every few tenths of a second.
func TestRealWindowDrawsTheIdleCountdown(t *testing.T) {
	dir := window(t, "KYUKYU_IDLE=1", "KYUKYU_WATCH=68")
	files, _ := filepath.Glob(filepath.Join(dir, "*.ppm"))
	type shot struct {
		at  time.Duration
		red int // the alert's first red row; -1: no patient
	}
	var shots []shot
	for _, f := range files {
		ms, err := strconv.Atoi(strings.TrimSuffix(filepath.Base(f), ".ppm"))
		if err != nil {
			continue
		}
		img, err := readPPM(f)
		if err != nil {
			continue // a picture cut short by the end of the watch
		}
		shots = append(shots, shot{time.Duration(ms) * time.Millisecond, firstRow(img, 5, red)})
	}
	slices.SortFunc(shots, func(a, b shot) int { return int(a.at - b.at) })
	if len(shots) < 60 {
		t.Fatalf("only %d pictures in 68 s", len(shots))
	}
	at := func(i int) time.Duration { return shots[i].at }
	shown := -1 // the first picture with the patient
	for i, s := range shots {
		if s.red >= 0 {
			shown = i
			break
		}
	}
	if shown < 0 {
		t.Fatal("the patient never showed")
	}
	// The window settles within seconds; the alert's place from 15 s on,
	// before any countdown, is where it rests.
	settled := shown
	for settled < len(shots)-1 && at(settled)-at(shown) < 15*time.Second {
		settled++
	}
	rest := shots[settled].red
	counting, cleared := -1, -1
	for i := settled; i < len(shots); i++ {
		if counting < 0 && shots[i].red > rest+20 {
			counting = i
		}
		if shots[i].red < 0 {
			cleared = i
			break
		}
	}
	if counting < 0 || cleared < 0 || counting > cleared {
		t.Fatalf("countdown drawn at picture %d, patient cleared at %d (of %d): want the countdown, then the clear", counting, cleared, len(shots))
	}
	// The clear comes 30 s after the countdown's start, at a whole tick: the
	// start lies after the last picture before the clear less 30 s.
	latestStart := at(cleared-1) - 30*time.Second
	if delay := at(counting) - latestStart; delay > time.Second+at(cleared)-at(cleared-1) {
		t.Errorf("the countdown was first seen %v after its start at the latest (pictures %v apart)", delay, at(cleared)-at(cleared-1))
	}
	if at(counting)-at(shown) < 25*time.Second {
		t.Errorf("the countdown showed %v after the patient, want about 30 s", at(counting)-at(shown))
	}
	t.Logf("patient at %v, countdown drawn at %v, cleared at %v", at(shown), at(counting), at(cleared))
}

// readPPM reads a binary PPM (P6, 8 bits), as ImageMagick's import writes it.
func readPPM(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	var w, h, maxVal int
	var magic string
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxVal); err != nil || magic != "P6" || maxVal != 255 {
		return nil, fmt.Errorf("%s: not an 8-bit P6 PPM (%v)", path, err)
	}
	if _, err := r.ReadByte(); err != nil { // the one whitespace before the pixels
		return nil, err
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	px := make([]byte, 3)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if _, err := io.ReadFull(r, px); err != nil {
				return nil, fmt.Errorf("%s: cut short: %w", path, err)
			}
			img.SetNRGBA(x, y, color.NRGBA{px[0], px[1], px[2], 255})
		}
	}
	return img, nil
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
