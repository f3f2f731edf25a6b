package cli

import (
	"bytes"
	"encoding/json"
	"kyukyu/audit"
	"kyukyu/buildinfo"
	"kyukyu/diaglog"
	"kyukyu/training/trainingtest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// run runs the command line in process with its own data directory.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runIn(t, newHome(t), stdin, args...)
}

// newHome is a fresh data directory with a training database (most tests
// show a training patient).
func newHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	trainingtest.Copy(t, dir)
	return dir
}

// runIn is run with the data folder home, for runs that share one store.
func runIn(t *testing.T, home, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("KYUKYU_HOME", home)
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Now: func() time.Time { return time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC) }}
	code = Main(args, env)
	return code, out.String(), errb.String()
}

func TestSummaryJSONOfTheSample(t *testing.T) {
	code, out, errs := run(t, "", "summary", "-demo", "shinryo-taro", "-date", "2022-08-26", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		CreatedOn string `json:"createdOn"`
		Mode      string `json:"mode"`
		Patient   struct{ Name string }
		Sections  []struct {
			Item, From, To string
			Rows           []map[string]any
		}
		Alerts []any `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.CreatedOn != "2022-08-26" || v.Mode != "emergency" || v.Patient.Name != "診療 太郎" || v.Alerts == nil {
		t.Errorf("header: %+v", v)
	}
	want := map[string]string{"visits": "2022-06-01..2022-08-26:2", "dispensing": "2022-07-13..2022-08-26:1", "medications": "2022-06-01..2022-08-26:2", "checkups": "..2022-08-26:0"}
	for _, s := range v.Sections {
		if w, ok := want[s.Item]; ok {
			if got := s.From + ".." + s.To + ":" + string(rune('0'+len(s.Rows))); got != w {
				t.Errorf("%s: %s, want %s", s.Item, got, w)
			}
		}
	}
	row := v.Sections[1].Rows[0]
	for _, k := range []string{"date", "institution", "drug", "ingredient", "code", "usage", "quantity", "class"} {
		if _, ok := row[k]; !ok {
			t.Errorf("medication row lacks %q: %v", k, row)
		}
	}
	if row["date"] != "2022-08-02" {
		t.Errorf("date %v", row["date"])
	}
}

func TestBadArgumentsAreOneLineExit2(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"summary", "-demo", "nobody"}, []string{`"nobody"`, "shinryo-taro", "warfarin-head-injury"}},
		{[]string{"summary", "-demo", "shinryo-taro", "-date", "2023-02-30"}, []string{`"2023-02-30"`, "YYYY-MM-DD"}},
		{[]string{"summary", "-demo", "shinryo-taro", "-mode", "urgent"}, []string{`"urgent"`, "emergency, normal"}},
		{[]string{"summary"}, []string{"-demo ID"}},
		{[]string{"nosuch"}, []string{`"nosuch"`, "summary"}},
		{[]string{"demo", "show"}, []string{"kyukyu demo list"}},
		{[]string{"summary", "-demo", "shinryo-taro", "-jsn"}, []string{"-jsn"}},
		{[]string{"audit", "export", "-form", "2026-11-01"}, []string{"-form"}},
		{[]string{"backup", "-keep", "x", "-to", "d"}, []string{"-keep"}},
	} {
		code, out, errs := run(t, "", c.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and one line", c.args, code, out, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%v: %q lacks %q", c.args, errs, w)
			}
		}
	}
}

func TestDemoListAndText(t *testing.T) {
	code, out, _ := run(t, "", "demo", "list")
	if code != 0 || !strings.HasPrefix(out, "shinryo-taro ") || strings.Count(out, "\n") < 12 {
		t.Errorf("demo list: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "summary", "-demo", "no-records")
	if code != 0 || !strings.Contains(out, "訓練用") || strings.Count(out, "\n  該当なし\n") != 7 ||
		!strings.Contains(out, "【現在服用中の可能性がある薬】\n    記録の範囲では該当なし\n※該当がなくても服用していないとは限りません") {
		t.Errorf("text summary of a patient without records: exit %d\n%s", code, out)
	}
	// The terminal tags rows and says why as the screen and the paper do,
	// in Japanese, not with the class key ([anticoagulant]).
	code, out, _ = run(t, "", "summary", "-demo", "warfarin-head-injury")
	if code != 0 || !strings.Contains(out, "［抗凝固］ワルファリンK錠1mg「NIG」 (ワルファリンカリウム)") || strings.Contains(out, "[anticoagulant]") ||
		!strings.Contains(out, "    → 出血時は中和・拮抗を検討") {
		t.Errorf("text summary of the warfarin patient: exit %d\n%s", code, out)
	}
}

// Every alert of every training patient carries kind and severity, a
// medication alert its status, ingredient(s) and a YYYY-MM-DD coveredThrough
// where a supply is known; the JSON has the current list.
func TestSummaryJSONAlertFields(t *testing.T) {
	home := t.TempDir() // one training store for all patients, built once
	code, list, _ := runIn(t, home, "", "demo", "list")
	if code != 0 {
		t.Fatal("demo list failed")
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		id := strings.Fields(line)[0]
		code, out, errs := runIn(t, home, "", "summary", "-demo", id, "-json")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", id, code, errs)
		}
		var v struct {
			Alerts  []map[string]any `json:"alerts"`
			Current []map[string]any `json:"current"`
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		if v.Current == nil {
			t.Errorf("%s: no current list in the JSON", id)
		}
		for _, a := range v.Alerts {
			seen++
			if a["kind"] == nil || a["severity"] == nil {
				t.Errorf("%s: alert without kind or severity: %v", id, a)
			}
			if a["drugs"] == nil {
				continue // not about medication
			}
			if a["status"] == nil || a["ingredient"] == nil && a["ingredients"] == nil {
				t.Errorf("%s: medication alert without status or ingredient: %v", id, a)
			}
			if c, ok := a["coveredThrough"]; ok && !date.MatchString(c.(string)) {
				t.Errorf("%s: coveredThrough %v", id, c)
			}
			if a["status"] == "current" && a["coveredThrough"] == nil {
				t.Errorf("%s: current without coveredThrough: %v", id, a)
			}
		}
	}
	if seen < 10 {
		t.Errorf("only %d alerts over the training patients", seen)
	}
}

// `kyukyu version` prints the version of FyneApp.toml and the Go version;
// the diagnostic log in the data folder records the command, not its
// arguments.
func TestVersionAndDiagnosticLog(t *testing.T) {
	home := t.TempDir()
	t.Setenv("KYUKYU_HOME", home)
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	if code := Main([]string{"version"}, env); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := "kyukyu " + buildinfo.Version + " ("
	if !strings.HasPrefix(out.String(), want) || strings.Contains(out.String(), "unknown") || !strings.Contains(out.String(), runtime.Version()) || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("version printed %q, want one line starting %q with %s", out.String(), want, runtime.Version())
	}
	out.Reset()
	if code := Main([]string{"summary", "-insurance", "06139999:記号:1234567:01", "-json"}, env); code == 0 {
		t.Fatal("summary without a connector succeeded")
	}
	b, err := os.ReadFile(filepath.Join(home, diaglog.Folder, diaglog.FileName))
	if err != nil {
		t.Fatal(err)
	}
	log := string(b)
	for _, want := range []string{"msg=command name=version", "msg=\"command done\" name=version exit=0", "name=summary exit=2"} {
		if !strings.Contains(log, want) {
			t.Errorf("diagnostic log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "1234567") || strings.Contains(log, "06139999") {
		t.Errorf("diagnostic log holds the typed insurance number:\n%s", log)
	}
}

// IT checks the machine-wide file before deploying it: a good one lists
// what it locks, a bad one gives one line with the line and the key.
func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "kyukyu.toml")
	if err := os.WriteFile(good, []byte("mode = \"oqs\"\ninstitution = \"1312345678\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KYUKYU_CONFIG", good)
	code, out, errs := run(t, "", "config")
	if code != 0 || !strings.Contains(out, good+": set by the administrator") || !strings.Contains(out, "institution   1312345678") || strings.Contains(out, "printer") {
		t.Errorf("good file: exit %d\n%s%s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("mode = \"oqs\"\nidle_minutes = -5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = run(t, "", "config", "-file", bad)
	if want := "kyukyu config: " + bad + " line 2: idle_minutes: must be a whole number of minutes from 1 to 720, not -5\n"; code != 1 || errs != want {
		t.Errorf("bad file: exit %d, stderr %q, want %q", code, errs, want)
	}
	// An empty file locks nothing, and says so.
	empty := filepath.Join(dir, "empty.toml")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, "", "config", "-file", empty)
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "nothing: the file sets no key, so every setting is per user (keys: mode, ") {
		t.Errorf("empty file: exit %d\n%s%s", code, out, errs)
	}
	// The writer's password is not shown on a screen someone may be sharing.
	withURL := filepath.Join(dir, "url.toml")
	if err := os.WriteFile(withURL, []byte("audit_url = \"postgres://kyukyu_writer:s3cret@audit.local/kyukyu\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, "", "config", "-file", withURL)
	if code != 0 || strings.Contains(out, "s3cret") || !strings.Contains(out, "postgres://kyukyu_writer:xxxxx@audit.local/kyukyu") {
		t.Errorf("audit_url: exit %d\n%s%s", code, out, errs)
	}
	// …in every form PostgreSQL takes one; a passfile is named, not read.
	pass := filepath.Join(dir, "pgpass")
	if err := os.WriteFile(pass, []byte("audit.local:5432:kyukyu:ws:s3cret-in-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"postgres://ws@audit.local/kyukyu?password=s3cret&sslmode=verify-full",
		"postgres://ws@audit.local/kyukyu?sslpassword=s3cret&passfile=" + pass} {
		if err := os.WriteFile(withURL, []byte("audit_url = '"+u+"'\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs = run(t, "", "config", "-file", withURL)
		if code != 0 || strings.Contains(out, "s3cret") || !strings.Contains(out, "xxxxx") {
			t.Errorf("audit_url %s: exit %d\n%s%s", u, code, out, errs)
		}
	}
}

// A locked audit_url is locked: -audit-url cannot change it (not even to
// nothing, which would keep entries from the central log), and -h shows
// it without its password.
func TestLockedAuditURL(t *testing.T) {
	home := useHome(t)
	machineFile(t, "audit_url = \"postgres://kyukyu_ws_er_1:s3cret@127.0.0.1:1/kyukyu?connect_timeout=1\"\n")
	for _, args := range [][]string{{"summary", "-demo", "shinryo-taro", "-audit-url", ""},
		{"audit", "verify", "-audit-url", "postgres://other:typed-pw@127.0.0.1:1/x"}, {"audit", "sync", "-audit-url="}} {
		code, out, errs := runHome(t, args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "audit_url is locked by the machine-wide file") || strings.Contains(errs, "typed-pw") {
			t.Errorf("%q: exit %d %q %q", args, code, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(home, audit.FileName)); err == nil {
		t.Errorf("a refused command wrote the log")
	}
	for _, args := range [][]string{{"summary", "-h"}, {"audit", "verify", "-h"}} {
		code, out, _ := runHome(t, args...)
		if code != 0 || strings.Contains(out, "s3cret") || !strings.Contains(out, "kyukyu_ws_er_1:xxxxx@") {
			t.Errorf("%q: exit %d, help shows %q", args, code, out)
		}
	}
}

// -h is a question, not a mistake: every command answers it with its help
// on standard output and exit 0, with no error line.
func TestHelpFlagExitsZero(t *testing.T) {
	for _, args := range [][]string{{"summary", "-h"}, {"backup", "-h"}, {"face", "-h"}, {"config", "-h"},
		{"audit", "-h"}, {"audit", "verify", "-h"}, {"card", "-h"}, {"card", "read", "-h"}, {"version", "-help"}} {
		code, out, errs := run(t, "", args...)
		if code != 0 || errs != "" || !strings.HasPrefix(out, "  kyukyu "+args[0]+" ") || strings.Contains(out, "help requested") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// The virtual staff card needs its UID, and only it takes one.
func TestVcardStaffNeedsUID(t *testing.T) {
	for _, args := range [][]string{{"vcard", "-kind", "staff"}, {"vcard", "-kind", "staff", "-uid", "0102"},
		{"vcard", "-kind", "staff", "-uid", "zz"}, {"vcard", "-uid", "01020304"}} {
		if code, _, errs := run(t, "", args...); code != 2 || !strings.Contains(errs, "-uid: a staff card (-kind staff) needs -uid") {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
}

// A taper in the text output: each step's 特別指示 beside its 用法 (as the
// window and the paper show it), and today's step in 現在服用中 and the JSON.
func TestSummaryShowsTheTaperSteps(t *testing.T) {
	code, out, errs := run(t, "", "summary", "-demo", "prednisolone-taper")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"【1日1回朝食後】【1～7日目】", "【1日1回朝食後】【22～28日目】"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %s:\n%s", want, out)
		}
	}
	code, out, errs = run(t, "", "summary", "-demo", "prednisolone-taper", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Current []struct {
			Ingredient string  `json:"ingredient"`
			MgPerDay   float64 `json:"mgPerDay"`
		} `json:"current"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Current) != 1 || v.Current[0].MgPerDay != 15 {
		t.Errorf("current %+v, want prednisolone 15 mg/day (day 11 of the taper)", v.Current)
	}
}
