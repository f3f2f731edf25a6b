package app

import (
	"bytes"
	"strings"
	"testing"
)

// Without a display the window says so in one line and points at the
// command line, instead of a driver's stack trace.
func TestNoDisplayIsOneLine(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	var out bytes.Buffer
	if code := mainWith(nil, &out, getenv); code != 1 {
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
	if code := mainWith([]string{"-h"}, &out, func(string) string { return "" }); code != 0 {
		t.Errorf("-h exit %d", code)
	}
	for _, c := range []string{"summary", "pdf", "card", "vcard", "audit", "backup", "restore", "ips", "demo", "drugs", "oqs-sim", "-demo", "-patient", "-date"} {
		if !strings.Contains(out.String(), c) {
			t.Errorf("kyukyu -h does not mention %s:\n%s", c, out.String())
		}
	}
	out.Reset()
	if code := mainWith([]string{"sumary"}, &out, func(string) string { return "" }); code != 2 || !strings.Contains(out.String(), `unknown command "sumary"`) {
		t.Errorf("a misspelt command: exit %d, %q", code, out.String())
	}
}
