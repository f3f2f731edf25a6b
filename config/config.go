// Package config reads the machine-wide settings a hospital's IT deploys
// once to every workstation: a TOML file at KYUKYU_CONFIG, else
// %ProgramData%\kyukyu\kyukyu.toml on Windows and /etc/kyukyu/kyukyu.toml
// elsewhere. A key set there is locked: the window shows it as set by the
// administrator and a user cannot change it; every other setting stays per
// user. The file has no tables, only the keys below.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// The keys, named as the window's per-user settings are.
const (
	Mode        = "mode"         // "training" or "oqs"
	OQSReq      = "oqs_req"      // the connector's request folder
	OQSRes      = "oqs_res"      // its result folder
	OQSFace     = "oqs_face"     // the folder of the face-auth reader's confirmations
	Institution = "institution"  // 医療機関コード, 10 digits
	AuditURL    = "audit_url"    // the central audit log, postgres://…
	Printer     = "printer"      // the printer's name as the system knows it
	Reader      = "reader"       // part of the card reader's name
	IdleMinutes = "idle_minutes" // minutes without use before the screen clears

	// Who may view real patients: lists of OS accounts and %groups (package access).
	EmergencyViewers = "emergency_viewers" // may view without consent (救急時)
	ConsentViewers   = "consent_viewers"   // may view with the patient's consent
	// Staff cards sign staff in at shared terminals.
	StaffCards    = "staff_cards"     // a CSV file of the cards, or "central": the central log's staff_cards table
	StaffRequired = "staff_required"  // true: a real view needs a signed-in staff member
	StaffHours    = "staff_max_hours" // hours a sign-in lasts at most (default DefaultStaffHours)
	// ERWorkstations are the ER's workstations, comma-separated: the audit
	// review flags views elsewhere.
	ERWorkstations = "er_workstations"
)

// Keys lists every key, in the order documentation shows them.
var Keys = []string{Mode, OQSReq, OQSRes, OQSFace, Institution, AuditURL, Printer, Reader, IdleMinutes,
	EmergencyViewers, ConsentViewers, StaffCards, StaffRequired, StaffHours, ERWorkstations}

// StaffCentral is the value of staff_cards that reads the cards from the
// central database (audit_url) instead of a file.
const StaffCentral = "central"

// DefaultStaffHours and MaxStaffHours bound a staff sign-in: a shift.
const (
	DefaultStaffHours = 12
	MaxStaffHours     = 24
)

// MaxIdleMinutes bounds idle_minutes: a patient's data left on a screen
// for longer than a shift is a leak, not a setting.
const MaxIdleMinutes = 720

// EnvPath is the environment variable that overrides the file's path.
const EnvPath = "KYUKYU_CONFIG"

// Machine is the machine-wide file as read: each key it sets, as text.
type Machine struct {
	Path   string              // the file read; "" when there is none
	values map[string]string   // by key; a list as its items joined by ", "
	lists  map[string][]string // the list keys' items
}

// Refused is what a workstation runs with when its machine-wide file is
// refused: training only, with the mode locked, until IT mends the file.
func Refused(path string) *Machine {
	return &Machine{Path: path, values: map[string]string{Mode: "training"}}
}

// Locked reports whether the file sets key, so a user may not change it.
func (m *Machine) Locked(key string) bool {
	_, ok := m.values[key]
	return ok
}

// Value returns what the file sets key to (idle_minutes as decimal text).
func (m *Machine) Value(key string) (string, bool) {
	v, ok := m.values[key]
	return v, ok
}

// List returns the items of a list key (emergency_viewers, consent_viewers);
// false when the file does not set it.
func (m *Machine) List(key string) ([]string, bool) {
	v, ok := m.lists[key]
	return v, ok
}

// Error is a file kyukyu refuses: its one line names the file, the line
// and the key, and says what to do.
type Error struct {
	Path string
	Line int    // 0 when unknown
	Key  string // "" for a syntax error before any key
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, ": %s", e.Key)
	}
	fmt.Fprintf(&b, ": %s", e.Msg)
	return b.String()
}

// DefaultPath is where the machine-wide file lives on this system.
func DefaultPath() string {
	if p := os.Getenv(EnvPath); p != "" {
		return p
	}
	if runtime.GOOS == "windows" {
		pd := os.Getenv("ProgramData")
		if pd == "" {
			pd = `C:\ProgramData`
		}
		return filepath.Join(pd, "kyukyu", "kyukyu.toml")
	}
	return "/etc/kyukyu/kyukyu.toml"
}

// LoadMachine reads the file at DefaultPath. No file means nothing is
// locked; a file named by KYUKYU_CONFIG must exist. Only administrators
// may be able to change the file and its folder (on Linux: owned by root,
// not group- or world-writable; on Windows: no write right for Users,
// Authenticated Users or Everyone), else it is refused as a malformed one.
func LoadMachine() (*Machine, error) {
	return loadMachine(DefaultPath(), os.Getenv(EnvPath) != "")
}

func loadMachine(path string, named bool) (*Machine, error) {
	m, err := Load(path)
	if errors.Is(err, fs.ErrNotExist) && !named {
		return &Machine{}, nil
	}
	if err != nil {
		return nil, err
	}
	// A file a user could edit is no administrator's setting.
	if why := untrusted(path); why != "" {
		return nil, &Error{Path: path, Msg: "refused: " + why}
	}
	return m, nil
}

// Load reads and checks the file at path (its content: IT checks a file
// with it before deploying it).
func Load(path string) (*Machine, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the machine-wide settings: %w", path, err)
	}
	return Parse(path, b)
}

// Parse checks b, the content of the file at path.
func Parse(path string, b []byte) (*Machine, error) {
	var raw map[string]any
	md, err := toml.Decode(string(b), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			switch {
			case strings.Contains(msg, "escape"):
				msg += ` (write Windows folders in single quotes: 'C:\OQS\req')`
			case strings.Contains(msg, "invalid UTF-8"):
				// Notepad on a Japanese Windows may save as ANSI, that is Shift_JIS.
				msg += " (save the file as UTF-8: it is in another encoding, e.g. Shift_JIS)"
			}
			return nil, &Error{Path: path, Line: pe.Position.Line, Key: pe.LastKey, Msg: msg}
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	m := &Machine{Path: path, values: map[string]string{}, lists: map[string][]string{}}
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue // inside a table: the table itself is refused below
		}
		key := k[0]
		var v string
		var err error
		if listKeys[key] {
			var items []string
			if items, err = checkList(raw[key]); err == nil {
				m.lists[key], v = items, strings.Join(items, ", ")
			}
		} else {
			v, err = check(key, raw[key])
		}
		if err != nil {
			return nil, &Error{Path: path, Line: lineOf(b, key), Key: key, Msg: err.Error()}
		}
		m.values[key] = v
	}
	if m.values[StaffRequired] == "true" && m.values[StaffCards] == "" {
		// Nobody could ever sign in, so nobody could view a real patient.
		return nil, &Error{Path: path, Line: lineOf(b, StaffRequired), Key: StaffRequired, Msg: "needs staff_cards: set where the staff cards are, or remove the line"}
	}
	return m, nil
}

var digits = regexp.MustCompile(`^[0-9]{10}$`)

// listKeys are the keys whose value is a list of accounts and groups.
var listKeys = map[string]bool{EmergencyViewers: true, ConsentViewers: true}

// checkList validates a list of accounts (HOSP\yamada, yamada) and groups (%er-doctors).
func checkList(v any) ([]string, error) {
	const form = `a list of accounts and %groups in quotes, e.g. ['HOSP\yamada', '%er-doctors']`
	raw, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("must be %s, not %s", form, show(v))
	}
	if len(raw) == 0 {
		return nil, errors.New("is empty, which would let nobody view: name accounts and %groups, or remove the line to leave viewing open")
	}
	var items []string
	for _, x := range raw {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("must be %s, not %s among them", form, show(x))
		}
		s = strings.TrimSpace(s)
		if s == "" || s == "%" || strings.ContainsAny(s, "\t\n,") {
			return nil, fmt.Errorf("%q is not an account or %%group (no commas, tabs or empty names)", s)
		}
		items = append(items, s)
	}
	return items, nil
}

// check validates one key's value and returns it as text.
func check(key string, v any) (string, error) {
	if !slices.Contains(Keys, key) {
		return "", fmt.Errorf("unknown key; the keys are %s", strings.Join(Keys, ", "))
	}
	switch key {
	case IdleMinutes:
		n, ok := v.(int64)
		if !ok || n < 1 || n > MaxIdleMinutes {
			return "", fmt.Errorf("must be a whole number of minutes from 1 to %d, not %s", MaxIdleMinutes, show(v))
		}
		return fmt.Sprint(n), nil
	case StaffHours:
		n, ok := v.(int64)
		if !ok || n < 1 || n > MaxStaffHours {
			return "", fmt.Errorf("must be a whole number of hours from 1 to %d, not %s", MaxStaffHours, show(v))
		}
		return fmt.Sprint(n), nil
	case StaffRequired:
		b, ok := v.(bool)
		if !ok {
			return "", fmt.Errorf("must be true or false, without quotes, not %s", show(v))
		}
		return fmt.Sprint(b), nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("must be a string in quotes, not %s", show(v))
	}
	switch key {
	case Mode:
		if s != "training" && s != "oqs" {
			return "", fmt.Errorf(`must be "training" or "oqs", not %q`, s)
		}
	case StaffCards:
		if s != StaffCentral && !isAbs(s) {
			return "", fmt.Errorf(`must be "central" or the full path of a CSV file, not %q`, s)
		}
	case OQSReq, OQSRes, OQSFace:
		if !isAbs(s) {
			return "", fmt.Errorf("must be a full folder path (C:\\… or \\\\server\\share\\… on Windows, /… elsewhere), not %q", s)
		}
	case Institution:
		if !digits.MatchString(s) {
			return "", fmt.Errorf("the 医療機関コード must be 10 digits, not %q", s)
		}
	case AuditURL:
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			return "", errors.New("must be a PostgreSQL URL such as postgres://kyukyu@audit.example.local/kyukyu")
		}
	default: // printer, reader, er_workstations
		if strings.TrimSpace(s) == "" {
			return "", errors.New("is empty: remove the line to leave it to each user")
		}
	}
	return s, nil
}

// isAbs accepts absolute paths of both systems: one file may be written
// on a Linux machine for Windows workstations.
func isAbs(p string) bool {
	return strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\\`) ||
		len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') && ('A' <= p[0]&^0x20 && p[0]&^0x20 <= 'Z')
}

func show(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case map[string]any:
		return "a table"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
}

// lineOf finds the line that sets key at the top of the file.
func lineOf(b []byte, key string) int {
	re := regexp.MustCompile(`^\s*(` + regexp.QuoteMeta(key) + `|"` + regexp.QuoteMeta(key) + `"|'` + regexp.QuoteMeta(key) + `')\s*=|^\s*\[+\s*"?` + regexp.QuoteMeta(key) + `"?\s*\]`)
	for i, line := range strings.Split(string(b), "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

// Redacted is a PostgreSQL URL (audit_url) with every password replaced
// by xxxxx: user:pw@, and password= or sslpassword= in its query. A
// passfile is named, never read, so its contents are never shown. What is
// not a URL is not shown at all.
func Redacted(conn string) string {
	u, err := url.Parse(conn)
	if err != nil || u.Scheme == "" {
		if conn == "" {
			return ""
		}
		return "(not a URL; hidden)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	changed := false
	for k := range q {
		if strings.EqualFold(k, "password") || strings.EqualFold(k, "sslpassword") {
			q.Set(k, "xxxxx")
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.String()
}
