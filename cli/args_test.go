package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// walk is every command and subcommand with flags it accepts; the test
// below checks it covers the whole table, so a new command joins it.
func walk(t *testing.T) map[string][]string {
	dir := t.TempDir()
	return map[string][]string{
		"summary":              {"-demo", "shinryo-taro", "-json"},
		"pdf":                  {"-demo", "shinryo-taro", "-o", filepath.Join(dir, "s.pdf")},
		"ips":                  {"-demo", "shinryo-taro", "-o", filepath.Join(dir, "s.json")},
		"demo list":            nil,
		"drugs classify":       nil,
		"card read":            {"-wait", "1s", "-json"},
		"card readers":         nil,
		"vcard":                {"-patient", "shinryo-taro", "-addr", "127.0.0.1:1"},
		"audit verify":         {"-audit-url", ""},
		"audit export":         {"-from", "2026-11-01", "-to", "2026-11-30"},
		"audit sync":           {"-timeout", "1s"},
		"audit central-init":   {"-url", "postgres://x@127.0.0.1:1/x", "-auditor-password", "pw"},
		"audit central-enroll": {"-url", "postgres://x@127.0.0.1:1/x", "-workstation", "ER-1", "-password", "pw"},
		"audit report":         {"-url", "postgres://x@127.0.0.1:1/x", "-month", "2026-11", "-o", filepath.Join(dir, "r.pdf")},
		"audit serve":          {"-url", "postgres://x@127.0.0.1:1/x", "-listen", "127.0.0.1:1"},
		"backup":               {"-to", dir, "-keep", "2"},
		"restore":              {"-from", filepath.Join(dir, "none.tar.gz")},
		"config":               {"-file", filepath.Join(dir, "none.toml")},
		"version":              {"-json"},
		"face":                 {faceFixture("face_ok.xml"), "-json"},
		"oqs-sim":              {"-dir", dir, "-delay", "1s"},
		"staff add":            {"-url", "postgres://x@127.0.0.1:1/x", "-uid", "04A1B2C3", "-id", "S1", "-name", "山田"},
		"staff remove":         {"-url", "postgres://x@127.0.0.1:1/x", "-uid", "04A1B2C3"},
		"staff list":           {"-url", "postgres://x@127.0.0.1:1/x"},
	}
}

// No command drops what was typed: a stray argument before or after the
// flags is refused by name, on one line that gives every form of the
// command, exit 2, before anything is read or started.
func TestEveryCommandRefusesAStrayArgument(t *testing.T) {
	w := walk(t)
	subs := map[string][]string{"audit": keys(auditCommands), "card": keys(cardCommands), "demo": {"list"}, "drugs": {"classify"}, "staff": keys(staffCommands)}
	for _, n := range names() {
		forms := []string{n}
		if s, ok := subs[n]; ok {
			forms = nil
			for _, sub := range s {
				forms = append(forms, n+" "+sub)
			}
		}
		for _, f := range forms {
			if _, ok := w[f]; !ok {
				t.Errorf("kyukyu %s is not walked", f)
			}
		}
	}
	for form, flags := range w {
		cmd := strings.Fields(form)
		tries := [][]string{append(append(slices.Clone(cmd), flags...), "stray")}
		if len(flags) > 0 {
			tries = append(tries, append(append(slices.Clone(cmd), "stray"), flags...))
		}
		for _, args := range tries {
			code, out, errs := run(t, "", args...)
			if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, `"stray"`) ||
				!strings.Contains(errs, "usage: "+synopsis(cmd[0])) {
				t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line naming \"stray\" with the usage", args, code, out, errs)
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// -oqs takes one file; a second file after it is refused, not dropped with
// the flags after it (the issue's `-oqs drug.xml checkup.xml -mode normal -json`).
func TestOQSTakesOneFilePerFlag(t *testing.T) {
	a, b := filepath.Join("..", "testdata", "oqs", "YZKsiquc01res_sample.xml"), filepath.Join("..", "testdata", "oqs", "TKKsiquc01res_sample.xml")
	code, out, errs := run(t, "", "summary", "-oqs", a, b, "-mode", "normal", "-json")
	if code != 2 || out != "" || !strings.Contains(errs, `unexpected argument "`+b+`" (-oqs takes one file: repeat it`) {
		t.Errorf("two files after one -oqs: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	// Flags after a positional argument are parsed: -jsn is named, not ignored.
	code, _, errs = run(t, "", "summary", "-demo", "shinryo-taro", "stray", "-jsn")
	if code != 2 || !strings.Contains(errs, "-jsn") {
		t.Errorf("a wrong flag after a stray argument: exit %d, %q", code, errs)
	}
	// After -- everything is an argument, and refused as one.
	code, _, errs = run(t, "", "summary", "-demo", "shinryo-taro", "--", "-json")
	if code != 2 || !strings.Contains(errs, `unexpected argument "-json"`) {
		t.Errorf("-json after --: exit %d, %q", code, errs)
	}
}

// Help is in one place: kyukyu -h, --help and help print the same text to
// standard output, exit 0; kyukyu COMMAND -h and kyukyu help COMMAND print
// the same text too, whose first lines are the command's in kyukyu help.
func TestHelpInOnePlace(t *testing.T) {
	code, full, errs := run(t, "", "help")
	if code != 0 || errs != "" || !strings.Contains(full, "kyukyu ips "+patientForm+" -o FILE") || !strings.Contains(full, "-patient") {
		t.Fatalf("kyukyu help: exit %d, stderr %q\n%s", code, errs, full)
	}
	for _, h := range []string{"-h", "--help", "-help"} {
		if code, out, errs := run(t, "", h); code != 0 || errs != "" || out != full {
			t.Errorf("kyukyu %s: exit %d, stderr %q, stdout differs from kyukyu help:\n%s", h, code, errs, out)
		}
	}
	for form := range walk(t) {
		cmd := strings.Fields(form)
		code, out, errs := run(t, "", append(cmd, "-h")...)
		if code != 0 || errs != "" || out == "" {
			t.Errorf("kyukyu %s -h: exit %d, stdout %q, stderr %q", form, code, out, errs)
			continue
		}
		head, _, _ := strings.Cut(out, "\nflags of ")
		if !strings.Contains(full, head) {
			t.Errorf("kyukyu %s -h starts with\n%s\nwhich is not in kyukyu help", form, head)
		}
		if len(cmd) == 1 {
			if code, h, _ := run(t, "", "help", cmd[0]); code != 0 || h != out {
				t.Errorf("kyukyu help %s: exit %d\n%s\nwant what kyukyu %s -h prints\n%s", cmd[0], code, h, cmd[0], out)
			}
		}
	}
}

// A usage error gives every form the command accepts: the patient commands
// name -insurance, audit every subcommand.
func TestUsageErrorsListEveryForm(t *testing.T) {
	for _, n := range names() {
		code, _, errs := run(t, "", n, "-nosuchflag")
		if code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%s -nosuchflag: exit %d, %q", n, code, errs)
		}
		for _, f := range commands[n].forms {
			if !strings.Contains(errs, "kyukyu "+n+" "+f) {
				t.Errorf("%s: the usage error %q lacks the form %q", n, errs, f)
			}
		}
	}
	if _, _, errs := run(t, "", "ips", "-demo", "shinryo-taro"); !strings.Contains(errs, "-o FILE") || !strings.Contains(errs, "-insurance") {
		t.Errorf("ips without -o: %q", errs)
	}
}
