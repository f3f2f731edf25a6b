package app

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"kyukyu/cli"
	"kyukyu/summary"
	"kyukyu/ui"
)

// Without a display the window says so in one line and points at the
// command line, instead of a driver's stack trace.
func TestNoDisplayIsOneLine(t *testing.T) {
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
