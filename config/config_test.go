package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A file as a hospital's IT would write it for Windows workstations.
const hospitalFile = `# kyukyu machine-wide settings, deployed by GPO
mode = "oqs"
oqs_req = 'C:\OQS\req'
oqs_res = '\\oqs-server\share\res'
oqs_face = "C:/OQS/face"
institution = "1312345678"
audit_url = "postgres://kyukyu@audit.hospital.local:5432/kyukyu?sslmode=verify-full"
printer = "ER-Printer-1"
idle_minutes = 10
`

func TestKeysSetAreLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kyukyu.toml")
	if err := os.WriteFile(path, []byte(hospitalFile), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvPath, path)
	m, err := LoadMachine()
	if err != nil {
		t.Fatal(err)
	}
	if m.Path != path {
		t.Errorf("path %q", m.Path)
	}
	want := map[string]string{Mode: "oqs", OQSReq: `C:\OQS\req`, OQSRes: `\\oqs-server\share\res`, OQSFace: "C:/OQS/face",
		Institution: "1312345678", AuditURL: "postgres://kyukyu@audit.hospital.local:5432/kyukyu?sslmode=verify-full",
		Printer: "ER-Printer-1", IdleMinutes: "10"}
	for _, k := range Keys {
		v, ok := m.Value(k)
		if w, set := want[k]; ok != set || v != w || m.Locked(k) != set {
			t.Errorf("%s: %q %v locked %v, want %q %v", k, v, ok, m.Locked(k), w, set)
		}
	}
}

func TestBadFileIsOneLineNamingKeyAndLine(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"mode = \"oqs\"\nidle_minutes = \"ten\"\n", "line 2: idle_minutes: must be a whole number of minutes from 1 to 720, not \"ten\""},
		{"idle_minutes = 0\n", "line 1: idle_minutes: must be a whole number of minutes from 1 to 720, not 0"},
		{"\n\nmode = \"emergency\"\n", `line 3: mode: must be "training" or "oqs", not "emergency"`},
		{"institution = \"131234567\"\n", `line 1: institution: the 医療機関コード must be 10 digits, not "131234567"`},
		{"institution = 1312345678\n", `line 1: institution: must be a string in quotes, not 1312345678`},
		{"oqs_req = \"OQS/req\"\n", `line 1: oqs_req: must be a full folder path`},
		{"# settings\noqs_res = \"C:\\OQS\\res\"\n", `line 2: oqs_res: invalid escape in string '\O' (write Windows folders in single quotes: 'C:\OQS\req')`},
		{"audit_url = \"http://audit\"\n", `line 1: audit_url: must be a PostgreSQL URL`},
		{"printer = \"ER\"\nprinter_name = \"ER\"\n", `line 2: printer_name: unknown key; the keys are mode, oqs_req`},
		{"mode = \"oqs\"\n[oqs]\nreq = '/srv/req'\n", `line 2: oqs: unknown key`},
		{"printer = \"  \"\n", `line 1: printer: is empty: remove the line to leave it to each user`},
		{"mode = \"oqs\"\nmode = \"training\"\n", `line 2: mode: Key 'mode' has already been defined.`},
		// "# 救急外来\nprinter = \"救急外来\"" saved by Notepad as ANSI (Shift_JIS).
		{"# \x8b\x7e\x8b\x7d\x8a\x4f\x97\x88\nprinter = \"ER\"\n", `line 1: invalid UTF-8 byte: 0x8b (save the file as UTF-8`},
	} {
		_, err := Parse("kyukyu.toml", []byte(tc.file))
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: %v, want a config error", tc.file, err)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "kyukyu.toml "+tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("%q:\n got %q\nwant %q…", tc.file, msg, "kyukyu.toml "+tc.want)
		}
	}
}

func TestNoFileLocksNothing(t *testing.T) {
	m, err := loadMachine(filepath.Join(t.TempDir(), "kyukyu.toml"), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys {
		if m.Locked(k) {
			t.Errorf("%s locked without a file", k)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv(EnvPath, "/srv/kyukyu.toml")
	if p := DefaultPath(); p != "/srv/kyukyu.toml" {
		t.Errorf("with %s: %q", EnvPath, p)
	}
	t.Setenv(EnvPath, "")
	t.Setenv("ProgramData", `D:\PD`)
	want := "/etc/kyukyu/kyukyu.toml"
	if runtime.GOOS == "windows" {
		want = `D:\PD\kyukyu\kyukyu.toml`
	}
	if p := DefaultPath(); p != want {
		t.Errorf("default %q, want %q", p, want)
	}
}

// KYUKYU_CONFIG naming a file that is not there is a mistake, not "no settings".
func TestMissingNamedFileIsAnError(t *testing.T) {
	t.Setenv(EnvPath, filepath.Join(t.TempDir(), "nope.toml"))
	if _, err := LoadMachine(); err == nil || !strings.Contains(err.Error(), "nope.toml: cannot read the machine-wide settings") {
		t.Errorf("err %v", err)
	}
}

// A refused file leaves the workstation in training mode, locked there.
func TestRefusedLocksTrainingMode(t *testing.T) {
	m := Refused("/etc/kyukyu/kyukyu.toml")
	if v, ok := m.Value(Mode); !ok || v != "training" || !m.Locked(Mode) {
		t.Fatalf("mode = %q, %v; want training, locked", v, ok)
	}
	if m.Locked(OQSRes) {
		t.Fatal("a refused file locks more than the mode")
	}
}

// Who may view, and the staff cards, as a hospital's IT writes them.
func TestViewersAndStaffKeys(t *testing.T) {
	m, err := Parse("kyukyu.toml", []byte(`emergency_viewers = ['HOSP\yamada', "%er-doctors", "suzuki"]
consent_viewers = ["%doctors"]
staff_cards = 'C:\kyukyu\staff.csv'
staff_required = true
staff_max_hours = 8
`))
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := m.List(EmergencyViewers); !ok || strings.Join(l, "|") != `HOSP\yamada|%er-doctors|suzuki` {
		t.Errorf("emergency_viewers %q %v", l, ok)
	}
	if v, _ := m.Value(EmergencyViewers); v != `HOSP\yamada, %er-doctors, suzuki` || !m.Locked(ConsentViewers) {
		t.Errorf("emergency_viewers shown as %q", v)
	}
	for k, want := range map[string]string{StaffCards: `C:\kyukyu\staff.csv`, StaffRequired: "true", StaffHours: "8"} {
		if v, ok := m.Value(k); !ok || v != want {
			t.Errorf("%s = %q, want %q", k, v, want)
		}
	}
	if _, ok := (&Machine{}).List(ConsentViewers); ok {
		t.Error("a list is set without a file")
	}
	for _, tc := range []struct{ file, want string }{
		{"emergency_viewers = []\n", "line 1: emergency_viewers: is empty, which would let nobody view"},
		{"emergency_viewers = 'yamada'\n", `line 1: emergency_viewers: must be a list of accounts and %groups in quotes`},
		{"consent_viewers = ['yamada', 3]\n", `line 1: consent_viewers: must be a list of accounts and %groups in quotes, e.g. ['HOSP\yamada', '%er-doctors'], not 3 among them`},
		{"consent_viewers = ['%']\n", `line 1: consent_viewers: "%" is not an account or %group`},
		{"staff_required = 'yes'\n", `line 1: staff_required: must be true or false, without quotes, not "yes"`},
		{"staff_max_hours = 48\n", `line 1: staff_max_hours: must be a whole number of hours from 1 to 24, not 48`},
		{"staff_cards = 'staff.csv'\n", `line 1: staff_cards: must be "central" or the full path of a CSV file, not "staff.csv"`},
		{"mode = 'oqs'\nstaff_required = true\n", `line 2: staff_required: needs staff_cards`},
	} {
		_, err := Parse("kyukyu.toml", []byte(tc.file))
		if err == nil || !strings.HasPrefix(err.Error(), "kyukyu.toml "+tc.want) {
			t.Errorf("%q:\n got %v\nwant %q…", tc.file, err, tc.want)
		}
	}
}

// The example file of the README is one kyukyu accepts, every key in it.
func TestREADMEExampleParses(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(b), "### The machine-wide file")
	_, rest, _ = strings.Cut(rest, "```toml\n")
	example, _, _ := strings.Cut(rest, "```")
	m, err := Parse("README.md", []byte(example))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys {
		if !m.Locked(k) {
			t.Errorf("the README's example does not show %s", k)
		}
	}
}
