package access

import (
	"errors"
	"os/user"
	"slices"
	"testing"

	"kyukyu/config"
	"kyukyu/summary"
)

func policy(t *testing.T, file string) Policy {
	t.Helper()
	m, err := config.Parse("kyukyu.toml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	return FromMachine(m)
}

func TestListsOfAccountsAndGroups(t *testing.T) {
	p := policy(t, `emergency_viewers = ['HOSP\yamada', 'suzuki', '%er-doctors']
consent_viewers = ['%doctors']
`)
	em, nm := summary.Emergency, summary.Normal
	for _, tc := range []struct {
		name     string
		mode     summary.Mode
		training bool
		who      Who
		denied   string // the Who of the refusal; "" when allowed
	}{
		{"listed with its domain", em, false, Who{Account: `HOSP\yamada`}, ""},
		{"same name, other domain", em, false, Who{Account: `CLINIC\yamada`}, `CLINIC\yamada`},
		{"listed without a domain, any domain", em, false, Who{Account: `HOSP\suzuki`}, ""},
		{"listed without a domain, Unix", em, false, Who{Account: "suzuki"}, ""},
		{"through a group", em, false, Who{Account: "tanaka", Groups: []string{"users", `HOSP\er-doctors`}}, ""},
		{"unlisted", em, false, Who{Account: "ER-PC1", Groups: []string{"users"}}, "ER-PC1"},
		{"unlisted trains", em, true, Who{Account: "ER-PC1"}, ""},
		{"emergency right is not consent right", nm, false, Who{Account: `HOSP\yamada`}, `HOSP\yamada`},
		{"consent through a group", nm, false, Who{Account: "sato", Groups: []string{"doctors"}}, ""},
		{"a staff card's groups", em, false, Who{Account: "ER-PC1", Staff: &Staff{ID: "S0042", Groups: []string{"er-doctors"}}}, ""},
		// At a shared terminal the card says who looks: a listed account does not lend its right.
		{"a staff card without the group", em, false, Who{Account: `HOSP\yamada`, Staff: &Staff{ID: "S0007", Groups: []string{"nurses"}}}, "S0007"},
	} {
		err := p.Check(tc.mode, tc.training, tc.who)
		var d *Denied
		switch {
		case tc.denied == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.denied != "" && !errors.As(err, &d):
			t.Errorf("%s: allowed", tc.name)
		case tc.denied != "" && (d.Who != tc.denied || d.Why != NotListed || d.Mode != tc.mode):
			t.Errorf("%s: %+v", tc.name, d)
		}
	}
	if got := p.Check(em, false, Who{Account: "x"}).Error(); got != "access: x may not view in emergency mode: neither the account nor its groups are in emergency_viewers; ask the administrator to add you or your group" {
		t.Errorf("message %q", got)
	}
}

// Without lists every account may view, as before the lists existed, and
// `kyukyu config` is told which grounds are open.
func TestUnsetListsAreOpen(t *testing.T) {
	p := policy(t, "consent_viewers = ['%doctors']\n")
	if err := p.Check(summary.Emergency, false, Who{Account: "anyone"}); err != nil {
		t.Error(err)
	}
	if open := p.Open(); !slices.Equal(open, []string{config.EmergencyViewers}) {
		t.Errorf("open %v", open)
	}
	if open := FromMachine(&config.Machine{}).Open(); len(open) != 2 {
		t.Errorf("no file: open %v", open)
	}
}

func TestStaffRequired(t *testing.T) {
	p := policy(t, "staff_required = true\nstaff_cards = '/etc/kyukyu/staff.csv'\n")
	var d *Denied
	if err := p.Check(summary.Emergency, false, Who{Account: "ER-PC1"}); !errors.As(err, &d) || d.Why != NoStaff {
		t.Errorf("no staff signed in: %v", err)
	}
	if err := p.Check(summary.Emergency, false, Who{Account: "ER-PC1", Staff: &Staff{ID: "S1"}}); err != nil {
		t.Error(err)
	}
	if err := p.Check(summary.Emergency, true, Who{Account: "ER-PC1"}); err != nil {
		t.Errorf("training: %v", err)
	}
}

// The account and groups come from the system itself.
func TestCurrentIsTheSystemsAccount(t *testing.T) {
	w, err := Current()
	if err != nil {
		t.Fatal(err)
	}
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	if w.Account != u.Username {
		t.Errorf("account %q, the system says %q", w.Account, u.Username)
	}
	g, err := user.LookupGroupId(u.Gid)
	if err != nil {
		t.Fatalf("the primary group %s has no name: %v", u.Gid, err)
	}
	// Windows names the group bare (None) where the token names it with its
	// domain (VM\None): the list's own rule decides.
	if !slices.ContainsFunc(w.Groups, func(have string) bool { return sameName(g.Name, have) }) {
		t.Errorf("groups %v lack the primary group %q", w.Groups, g.Name)
	}
}
