package app

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/cli"
	"kyukyu/diaglog"
	"kyukyu/summary"
	"kyukyu/ui"
)

// Without a display the window says so in one line and points at the
// command line, instead of a driver's stack trace.
func TestNoDisplayIsOneLine(t *testing.T) {
	t.Setenv("KYUKYU_HOME", t.TempDir())
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	var out bytes.Buffer
	if code := mainWith(nil, &out, &out, getenv, nil); code != 1 {
		t.Errorf("exit %d without a display, want 1", code)
	}
	got := out.String()
	if strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "kyukyu: no display found (DISPLAY/WAYLAND_DISPLAY unset) — use the command line: kyukyu summary|pdf") {
		t.Errorf("said %q", got)
	}
	for _, k := range []string{"DISPLAY", "WAYLAND_DISPLAY"} {
		env = map[string]string{k: ":0"}
		if why := noDisplay("linux", getenv); why != "" {
			t.Errorf("%s set, still %q", k, why)
		}
	}
	if why := noDisplay("windows", func(string) string { return "" }); why != "" {
		t.Errorf("Windows always has a display, said %q", why)
	}
}

// kyukyu -h lists every subcommand and the window's flags, exit 0.
func TestHelpListsEverySubcommand(t *testing.T) {
	var out bytes.Buffer
	if code := mainWith([]string{"-h"}, &out, io.Discard, func(string) string { return "" }, nil); code != 0 {
		t.Errorf("-h exit %d", code)
	}
	for _, c := range []string{"summary", "pdf", "card", "vcard", "audit", "backup", "restore", "ips", "demo", "drugs", "oqs-sim", "-demo", "-patient", "-date"} {
		if !strings.Contains(out.String(), c) {
			t.Errorf("kyukyu -h does not mention %s:\n%s", c, out.String())
		}
	}
	out.Reset()
	if code := mainWith([]string{"sumary"}, io.Discard, &out, func(string) string { return "" }, nil); code != 2 || !strings.Contains(out.String(), `unknown command "sumary"`) {
		t.Errorf("a misspelt command: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := mainWith([]string{"-demoo"}, io.Discard, &out, func(string) string { return "" }, nil); code != 2 || strings.Count(out.String(), "\n") != 1 || !strings.Contains(out.String(), "-demoo") {
		t.Errorf("a misspelt flag: exit %d, %q; want exit 2 and one line", code, out.String())
	}
}

// Switching modes in the window releases the previous mode's source: the
// training store is closed when OQS takes over, and OQS settings that are
// not set up give a source that says so rather than an error.
func TestModesReleaseThePreviousSource(t *testing.T) {
	t.Setenv("KYUKYU_HOME", t.TempDir())
	m := &modes{ctx: t.Context(), settings: func() ui.Workstation { return ui.Workstation{} }}
	defer m.Close()
	train, err := m.wire(true)
	if err != nil {
		t.Fatal(err)
	}
	if !train.Training || len(train.Cases) == 0 || train.VCard == nil {
		t.Fatalf("training parts %+v", train)
	}
	id := train.CaseIdentity(train.Cases[0].ID)
	if _, err := train.Source.Lookup(t.Context(), summary.Query{Identity: id, On: summary.NewDate(2026, 11, 25), Mode: summary.Emergency}); err != nil {
		t.Fatalf("the training store does not answer: %v", err)
	}
	real, err := m.wire(false)
	if err != nil {
		t.Fatal(err)
	}
	if real.Training || real.Cases != nil {
		t.Errorf("OQS parts carry training parts: %+v", real)
	}
	if _, err := train.Source.Lookup(t.Context(), summary.Query{Identity: id, On: summary.NewDate(2026, 11, 25), Mode: summary.Emergency}); err == nil {
		t.Error("the training store still answers after the switch to OQS")
	}
	if _, err := real.Source.Lookup(t.Context(), summary.Query{Identity: id}); !errors.Is(err, ui.ErrNotSetUp) {
		t.Errorf("OQS without folders: %v, want ErrNotSetUp", err)
	}
}

// The window's command line drops nothing either: a stray argument before
// or after its flags, a wrong -patient or -date is one line with the forms,
// exit 2, before any window (no display is needed to be told).
func TestWindowRefusesWhatItCannotUse(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"stray", "-demo"}, `unknown command "stray"`},
		{[]string{"-demo", "stray"}, `unknown command "stray"`},
		{[]string{"-demo", "-patient", "nosuch"}, `-patient: unknown training patient "nosuch"; known: shinryo-taro, `},
		{[]string{"-demo", "-date", "2026-02-30"}, "-date: "},
	} {
		var out, errs bytes.Buffer
		code := mainWith(c.args, &out, &errs, func(string) string { return ":0" }, nil)
		if code != 2 || out.Len() != 0 || strings.Count(errs.String(), "\n") != 1 || !strings.Contains(errs.String(), c.want) ||
			!strings.HasSuffix(errs.String(), "; "+cli.WindowUsage+"\n") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", c.args, code, out.String(), errs.String(), c.want)
		}
	}
}

// kyukyu -h (here, or with other flags) prints kyukyu help's text on
// standard output: help is in one place.
func TestWindowHelpIsTheHelp(t *testing.T) {
	var want bytes.Buffer
	cli.Help(&want)
	for _, args := range [][]string{{"-h"}, {"-demo", "--help"}} {
		var out, errs bytes.Buffer
		if code := mainWith(args, &out, &errs, func(string) string { return "" }, nil); code != 0 || errs.Len() != 0 || out.String() != want.String() {
			t.Errorf("%q: exit %d, stderr %q, stdout is not kyukyu help's text:\n%s", args, code, errs.String(), out.String())
		}
	}
}

// A window that cannot open — an unreachable X display, a WAYLAND_DISPLAY
// without a compositor, or without the folder its socket is in — is one
// line naming the cause and the diagnostic log, exit 1, not Fyne's panic;
// the log has the line too. (No OpenGL: main's end-to-end tests, with an
// Xvfb without GLX.)
func TestWindowThatCannotOpenIsOneLine(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"DISPLAY": ":77", "WAYLAND_DISPLAY": ""}, "X11: Failed to open display :77"},
		{map[string]string{"DISPLAY": "", "WAYLAND_DISPLAY": "wayland-77", "XDG_RUNTIME_DIR": t.TempDir()}, "Wayland: Failed to connect to display"},
		{map[string]string{"DISPLAY": "", "WAYLAND_DISPLAY": "wayland-77", "XDG_RUNTIME_DIR": ""}, "XDG_RUNTIME_DIR, which is not set"},
	} {
		home := t.TempDir()
		t.Setenv("KYUKYU_HOME", home)
		for k, v := range c.env {
			t.Setenv(k, v)
		}
		var errs bytes.Buffer
		code := mainWith([]string{"-demo"}, io.Discard, &errs, os.Getenv, nil)
		logFile := filepath.Join(home, diaglog.Folder, diaglog.FileName)
		got := errs.String()
		if code != 1 || strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "kyukyu: cannot open the window: ") ||
			!strings.Contains(got, c.want) || !strings.HasSuffix(got, " (log: "+logFile+")\n") {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and one line with %q and the log", c.env, code, got, c.want)
		}
		if b, _ := os.ReadFile(logFile); !strings.Contains(string(b), `msg="window start failed"`) || !strings.Contains(string(b), c.want) {
			t.Errorf("%v: the diagnostic log lacks the failure:\n%s", c.env, b)
		}
	}
}

// A data folder that cannot be used stops the start with one line; the
// diagnostic log, which cannot be there, goes to the user's cache folder.
// A refused machine-wide file is in the log as well.
func TestBrokenDataFolderIsLoggedInTheCache(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	t.Setenv("KYUKYU_HOME", file)
	t.Setenv("XDG_CACHE_HOME", cache) // os.UserCacheDir on Linux and the BSDs
	var errs bytes.Buffer
	code := mainWith([]string{"-demo"}, io.Discard, &errs, func(string) string { return ":0" }, nil)
	logFile := filepath.Join(cache, "kyukyu", diaglog.Folder, diaglog.FileName)
	if got := errs.String(); code != 1 || strings.Count(got, "\n") != 1 || !strings.Contains(got, "cannot create the data directory "+file) ||
		!strings.HasSuffix(got, " (log: "+logFile+")\n") {
		t.Errorf("exit %d, stderr %q", code, got)
	}
	if b, _ := os.ReadFile(logFile); !strings.Contains(string(b), "cannot create the data directory") {
		t.Errorf("the diagnostic log in the cache lacks the failure:\n%s", b)
	}

	home := t.TempDir()
	t.Setenv("KYUKYU_HOME", home)
	bad := filepath.Join(t.TempDir(), "kyukyu.toml")
	if err := os.WriteFile(bad, []byte("mode = \"nonsense\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KYUKYU_CONFIG", bad)
	mainWith([]string{"-demo"}, io.Discard, io.Discard, func(string) string { return "" }, nil)
	if b, _ := os.ReadFile(filepath.Join(home, diaglog.Folder, diaglog.FileName)); !strings.Contains(string(b), "machine-wide file refused") {
		t.Errorf("the diagnostic log lacks the refused machine-wide file:\n%s", b)
	}
}
