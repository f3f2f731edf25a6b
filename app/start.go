package app

import (
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"

	"kyukyu/buildinfo"
	"kyukyu/diaglog"
	"kyukyu/internal/home"
)

// startLog is the diagnostic log of the window's life: in the data folder,
// else — the data folder being what failed — in the user's cache folder.
type startLog struct{ l *diaglog.Log }

// openStartLog makes the diagnostic log (never patient data) slog's
// default; a log that cannot open anywhere stops nothing.
func openStartLog() *startLog {
	l, err := openLogIn(home.Dir)
	if err != nil {
		l, err = openLogIn(cacheDir)
	}
	if err != nil {
		return &startLog{}
	}
	slog.SetDefault(l.Logger())
	slog.Info("window", "version", buildinfo.Get().String())
	return &startLog{l}
}

func openLogIn(dir func() (string, error)) (*diaglog.Log, error) {
	d, err := dir()
	if err != nil {
		return nil, err
	}
	return diaglog.Open(d)
}

// cacheDir is where the log goes when the data folder cannot hold it:
// ~/.cache/kyukyu, %LocalAppData%\kyukyu, ~/Library/Caches/kyukyu.
func cacheDir() (string, error) {
	d, err := os.UserCacheDir()
	return filepath.Join(d, "kyukyu"), err
}

// path is the log file, "" when none could be opened.
func (s *startLog) path() string {
	if s.l == nil {
		return ""
	}
	return s.l.Path()
}

func (s *startLog) close() {
	if s.l != nil {
		slog.Info("window closed")
		s.l.Close()
	}
}

// fail ends a start that cannot go on: one line on stderr and in the
// diagnostic log, and on Windows, where the window has no console, a
// message box with the line and where the log is. Exit status 1.
func (s *startLog) fail(stderr io.Writer, err error) int {
	line := "kyukyu: " + err.Error()
	slog.Error("window start failed", "why", err.Error())
	if p := s.path(); p != "" {
		line += " (log: " + p + ")"
	}
	fmt.Fprintln(stderr, line)
	alert(line)
	return 1
}

// noWindow says why no window can open here, before Fyne would panic on
// it: GLFW cannot reach the display (none, unreachable, a WAYLAND_DISPLAY
// without a compositor) or make an OpenGL context there.
func noWindow(getenv func(string) string) (err error) {
	// Only the display named is tried (GLFW's own choice would also try
	// Wayland's default socket and have libwayland print on stderr); the
	// hint stays for Fyne's start, which makes the same choice.
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		switch x, w := getenv("DISPLAY") != "", getenv("WAYLAND_DISPLAY") != ""; {
		case x && !w:
			glfw.InitHint(glfw.PlatformHint, int(glfw.PlatformX11))
		case w && !x:
			if d := getenv("WAYLAND_DISPLAY"); !filepath.IsAbs(d) && getenv("XDG_RUNTIME_DIR") == "" {
				return fmt.Errorf("cannot open the window: WAYLAND_DISPLAY=%s is in XDG_RUNTIME_DIR, which is not set — use the command line: kyukyu summary|pdf …", d)
			}
			glfw.InitHint(glfw.PlatformHint, int(glfw.PlatformWayland))
		}
	}
	// The binding logs a platform error (a display it cannot connect to)
	// instead of returning it, and panics at the next call: both become
	// this error.
	var said strings.Builder
	out, flags := log.Writer(), log.Flags()
	log.SetOutput(&said)
	log.SetFlags(0)
	defer func() {
		log.SetOutput(out)
		log.SetFlags(flags)
		if r := recover(); r != nil {
			why := strings.TrimSpace(said.String())
			if why == "" {
				why = fmt.Sprint(r)
			}
			err = fmt.Errorf("cannot open the window: %s — use the command line: kyukyu summary|pdf …", oneLine(why))
		}
	}()
	if err := glfw.Init(); err != nil {
		return fmt.Errorf("cannot open the window: %v — use the command line: kyukyu summary|pdf …", err)
	}
	defer glfw.Terminate()
	glfw.WindowHint(glfw.Visible, glfw.False)
	w, err := glfw.CreateWindow(1, 1, "window check", nil, nil)
	if err != nil {
		return fmt.Errorf("cannot open the window: no OpenGL here (%v) — use the command line: kyukyu summary|pdf …", oneLine(err.Error()))
	}
	w.Destroy()
	return nil
}

// oneLine joins what a driver said over several lines.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// showAndRun runs the window until it closes. A driver that panics on the
// way (a display lost after the check) is a failed start with its stack
// in the diagnostic log, not a stack trace on the terminal.
func showAndRun(w fyne.Window) (err error) {
	defer func() {
		if r := recover(); r != nil {
			slog.Error("window driver panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = errors.New(fmt.Sprint("the window stopped: ", r))
		}
	}()
	w.ShowAndRun()
	return nil
}
