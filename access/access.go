// Package access decides who may view a real patient. Viewing without
// consent is a right the hospital grants to named accounts (MHLW's rules
// for 救急時医療情報閲覧), so the machine-wide file may list, per legal
// ground, the OS accounts and %groups allowed; a staff member signed in
// with a staff card is checked by the card's groups instead of the shared
// terminal's account. Training is never restricted.
package access

import (
	"fmt"
	"runtime"
	"strings"

	"kyukyu/config"
	"kyukyu/summary"
)

// Who is the person at the workstation.
type Who struct {
	Account string   // the OS account: HOSP\yamada on Windows, yamada elsewhere
	Groups  []string // the account's groups, named as the system names them
	Staff   *Staff   // the staff member signed in with a card; nil when none
}

// Staff is a staff member as the staff card directory knows them.
type Staff struct {
	UID        string   // the card's UID, upper-case hex
	ID         string   // the hospital's staff ID (職員ID)
	Name       string   // shown on the screen beside 署名
	Department string   // shown in brackets after the name; may be empty
	Groups     []string // what the viewer lists name as %group
}

// Policy is the hospital's rule: who may view in which mode.
type Policy struct {
	// Viewers lists per mode the accounts and %groups allowed; a mode
	// without a list is open to everyone (the behaviour before the lists).
	Viewers map[summary.Mode][]string
	// StaffRequired: a real view needs a staff member signed in.
	StaffRequired bool
}

// listKeys names the machine-wide key of each mode's list.
var listKeys = map[summary.Mode]string{summary.Emergency: config.EmergencyViewers, summary.Normal: config.ConsentViewers}

// FromMachine is the policy the machine-wide file sets.
func FromMachine(m *config.Machine) Policy {
	p := Policy{Viewers: map[summary.Mode][]string{}}
	for mode, key := range listKeys {
		if l, ok := m.List(key); ok {
			p.Viewers[mode] = l
		}
	}
	v, _ := m.Value(config.StaffRequired)
	p.StaffRequired = v == "true"
	return p
}

// Open lists the keys of the modes anyone may view in (no list set), for
// the warning of `kyukyu config`.
func (p Policy) Open() []string {
	var keys []string
	for _, mode := range []summary.Mode{summary.Emergency, summary.Normal} {
		if _, ok := p.Viewers[mode]; !ok {
			keys = append(keys, listKeys[mode])
		}
	}
	return keys
}

// Why says why a view was refused.
type Why string

const (
	NotListed Why = "not-listed" // neither the account nor a group is on the mode's list
	NoStaff   Why = "no-staff"   // staff_required, and nobody is signed in
)

// Denied is a refused view.
type Denied struct {
	Mode summary.Mode
	Why  Why
	Who  string // the account, or the staff ID when one is signed in
	Key  string // the list that does not name them (NotListed)
}

func (d *Denied) Error() string {
	if d.Why == NoStaff {
		return fmt.Sprintf("access: %s may not view real patients: staff_required is set and no staff member is signed in with a staff card", d.Who)
	}
	return fmt.Sprintf("access: %s may not view in %s mode: neither the account nor its groups are in %s; ask the administrator to add you or your group", d.Who, d.Mode, d.Key)
}

// Check decides a view in mode by w: nil when allowed, else a *Denied.
func (p Policy) Check(mode summary.Mode, training bool, w Who) error {
	if training {
		return nil
	}
	if p.StaffRequired && w.Staff == nil {
		return &Denied{Mode: mode, Why: NoStaff, Who: w.Account}
	}
	list, ok := p.Viewers[mode]
	if !ok {
		return nil
	}
	who, account, groups := w.Account, w.Account, w.Groups
	if w.Staff != nil {
		// At a shared terminal the account is the terminal's: the card says who.
		who, account, groups = w.Staff.ID, "", w.Staff.Groups
	}
	for _, e := range list {
		if g, ok := strings.CutPrefix(e, "%"); ok {
			for _, have := range groups {
				if sameName(g, have) {
					return nil
				}
			}
		} else if account != "" && sameName(e, account) {
			return nil
		}
	}
	return &Denied{Mode: mode, Why: NotListed, Who: who, Key: listKeys[mode]}
}

// foldCase: Windows names are case-insensitive, Unix names are not.
var foldCase = runtime.GOOS == "windows"

// sameName reports whether a list entry names name. An entry without a
// domain (yamada) names the account or group of that name in any domain
// (HOSP\yamada); one with a domain names only that one.
func sameName(entry, name string) bool {
	eq := func(a, b string) bool { return a == b || foldCase && strings.EqualFold(a, b) }
	if eq(entry, name) {
		return true
	}
	_, short, ok := strings.Cut(name, `\`)
	return ok && !strings.Contains(entry, `\`) && eq(entry, short)
}
