package ui

import (
	"os/user"
	"slices"
	"strings"
	"testing"

	"kyukyu/access"
	"kyukyu/audit"
	"kyukyu/config"
	"kyukyu/staff"
	"kyukyu/ui/flow"
	"kyukyu/ui/report"
)

// osAccount is the account the audit log names as the operator.
func osAccount(t *testing.T) string { return mustUser(t).Username }

// policyOf is the rule a machine-wide file sets.
func policyOf(t *testing.T, file string) access.Policy {
	t.Helper()
	m, err := config.Parse("kyukyu.toml", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	return access.FromMachine(m)
}

// systemWho is the account running the test, with its groups, as the
// window finds it at start.
func systemWho(t *testing.T) access.Who {
	t.Helper()
	w, err := access.Current()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// An account outside emergency_viewers is refused in the window: a clear
// screen with one line, audited as denied under the OS account; it still
// trains; a listed account and a listed group view.
func TestWindowRefusesAnUnlistedAccount(t *testing.T) {
	who := systemWho(t)
	r := newRigWith(t, func(d *Deps) {
		d.Access, d.Who = policyOf(t, "emergency_viewers = ['someone-else', '%no-such-group-kyukyu']\n"), who
	})
	r.insert("aa01")
	if r.s.shown != nil || r.s.reason != nil || r.s.status.Text != t2("state.denied.emergency") {
		t.Fatalf("unlisted account: shown %v, reason %v, status %q", r.s.shown != nil, r.s.reason != nil, r.s.status.Text)
	}
	var en audit.Entry
	for _, e := range r.audit.entries(t) { // the card read's entry is written beside it
		if e.Action == audit.Show {
			en = e
		}
	}
	if en.Result != audit.Denied || en.Operator != osAccount(t) || en.Patient != "" || en.Mode != audit.WithoutConsent {
		t.Errorf("denied entry %+v", en)
	}

	train := newRigWith(t, func(d *Deps) {
		d.Access, d.Who, d.Training = policyOf(t, "emergency_viewers = ['someone-else']\n"), who, true
	})
	train.insert("aa01")
	train.giveReason("訓練")
	if train.shownName() != "試験 花子" {
		t.Error("an unlisted account cannot train")
	}

	g, err := user.LookupGroupId(mustUser(t).Gid)
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []string{"'" + who.Account + "'", "'%" + g.Name + "'"} {
		ok := newRigWith(t, func(d *Deps) { d.Access, d.Who = policyOf(t, "emergency_viewers = ['someone-else', "+list+"]\n"), who })
		ok.insert("aa01")
		ok.giveReason("山田")
		if ok.shownName() != "試験 花子" || ok.audit.lastEntry(t).Result != audit.OK {
			t.Errorf("listed %s: shown %q", list, ok.shownName())
		}
	}
}

func mustUser(t *testing.T) *user.User {
	t.Helper()
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// staffCSV is a cards file as IT writes it.
const staffCSV = "uid,staff_id,name,department,groups\n012E4CD35A190B07,S0042,山田,救急科,er-doctors\n"

// A staff card signs in at a shared terminal: 署名 on the window, the
// staff ID beside the OS account in every entry, the rights of the
// card's groups; a clear (Ctrl+L) signs out.
func TestWindowStaffSignIn(t *testing.T) {
	cards, err := staff.ParseCSV([]byte(staffCSV))
	if err != nil {
		t.Fatal(err)
	}
	r := newRigWith(t, func(d *Deps) {
		d.Access, d.Who, d.Staff = policyOf(t, "emergency_viewers = ['%er-doctors']\n"), access.Who{Account: "ER-PC1"}, cards
	})
	r.card(CardEvent{State: flow.StaffCard, Reader: "R", UID: "012E4CD35A190B07"})
	if got := r.s.staffLabel.Text; got != "署名: 山田（救急科）" || r.s.staffLabel.Hidden {
		t.Fatalf("staff label %q", got)
	}
	r.insert("aa01")
	r.giveReason("山田")
	if r.shownName() != "試験 花子" {
		t.Fatal("the signed-in doctor was refused")
	}
	onUI(r.s, func() {
		if e := r.s.produced(report.Print, "default printer"); e.Staff != "S0042" {
			t.Errorf("a print is reported as %+v, without the staff ID", e)
		}
	})
	onUI(r.s, r.s.clearScreen) // Ctrl+L
	r.s.work.Wait()
	if strings.Contains(r.s.staffLabel.Text, "署名") || r.s.shown != nil {
		t.Errorf("after Ctrl+L: staff %q, shown %v", r.s.staffLabel.Text, r.s.shown != nil)
	}
	var got []string
	for _, e := range r.audit.entries(t) {
		got = append(got, string(e.Action)+"/"+e.Staff)
		if e.Operator != osAccount(t) {
			t.Errorf("%s names %q, not the OS account", e.Action, e.Operator)
		}
	}
	slices.Sort(got) // the card read's entry is written beside the lookup, in either order
	if want := "card-read/S0042 show/S0042 sign-in/S0042 sign-out/S0042"; strings.Join(got, " ") != want {
		t.Errorf("audit %s, want %s", strings.Join(got, " "), want)
	}
}
