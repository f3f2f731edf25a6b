package flow

import (
	"errors"
	"strings"
	"testing"
	"time"

	"kyukyu/access"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

var (
	erOnly   = access.Policy{Viewers: map[summary.Mode][]string{summary.Emergency: {"%er-doctors"}, summary.Normal: {"%er-doctors"}}}
	terminal = access.Who{Account: "ER-PC1", Groups: []string{"users"}}
	yamada   = access.Staff{UID: "012E4CD35A190B07", ID: "S0042", Name: "山田", Department: "救急科", Groups: []string{"er-doctors"}}
	sato     = access.Staff{UID: "04A1B2C3", ID: "N0107", Name: "佐藤", Groups: []string{"nurses"}}
)

func (r *rig) staffCard(s access.Staff, err error) {
	for _, e := range r.f.Handle(CardEvent{State: StaffCard, Reader: "R", UID: s.UID}) {
		if fs, ok := e.(FindStaff); ok && fs.UID == s.UID {
			r.send(StaffFound{UID: s.UID, Staff: s, Err: err})
		}
	}
}

// An account outside the list is refused: the screen is cleared, the
// status says so, the refusal is audited as denied naming no patient; in
// training nothing is refused.
func TestUnlistedAccountIsRefused(t *testing.T) {
	r := newRig(t, Config{Access: erOnly, Who: terminal})
	r.insert(card("aa01"))
	v := r.f.View()
	if v.Shown != nil || v.Question.Kind != NoQuestion || v.Status.Text != "state.denied.emergency" || v.Status.Level != Danger || v.Status.Data["Who"] != "ER-PC1" {
		t.Fatalf("unlisted: %+v", v)
	}
	if d := r.audited[1]; d.Action != "view" || d.Result != report.Denied || d.View != nil || d.Mode != summary.Emergency || !strings.Contains(d.Output, "ER-PC1") {
		t.Errorf("denied entry %+v", d)
	}
	tr := newRig(t, Config{Access: erOnly, Who: terminal, Training: true})
	tr.insert(card("aa01"))
	tr.reason()
	if tr.shown() != "試験 花子" {
		t.Error("training was refused")
	}
	listed := newRig(t, Config{Access: erOnly, Who: access.Who{Account: "tanaka", Groups: []string{"er-doctors"}}})
	listed.insert(card("aa01"))
	listed.reason()
	if listed.shown() != "試験 花子" {
		t.Error("a listed group was refused")
	}
}

// A staff card signs its staff member in at a shared terminal: the rights
// are the card's groups, every entry carries the staff ID, and the
// sign-in ends at the idle clear, at a clear, and at its maximum.
func TestStaffSignIn(t *testing.T) {
	r := newRig(t, Config{Access: erOnly, Who: terminal, StaffCards: true, IdleMinutes: 5, StaffHours: 1})
	r.staffCard(sato, nil)
	if v := r.f.View(); v.Staff == nil || v.Staff.ID != "N0107" || v.Status.Text != "state.signedIn" {
		t.Fatalf("sign-in: %+v", v)
	}
	r.insert(card("aa01"))
	if r.f.View().Status.Text != "state.denied.emergency" || r.audited[len(r.audited)-1].Staff != "N0107" {
		t.Errorf("a nurse without the group viewed: %+v / %+v", r.f.View(), r.audited[len(r.audited)-1])
	}
	r.staffCard(yamada, nil)
	r.insert(card("aa01"))
	r.reason()
	if r.shown() != "試験 花子" {
		t.Fatalf("the doctor's card: %+v", r.f.View())
	}
	if got := r.actions(); got != "sign-in card-read view!denied sign-out sign-in card-read view " {
		t.Errorf("audited %s", got)
	}
	for i, e := range r.audited {
		want := "N0107"
		if i >= 4 {
			want = "S0042"
		}
		if e.Staff != want {
			t.Errorf("entry %d %s names staff %q, want %q", i, e.Action, e.Staff, want)
		}
	}
	// The idle clear signs out.
	wake, ok := r.f.NextWake()
	if !ok {
		t.Fatal("no clock runs")
	}
	r.clock.t = wake.Add(30 * time.Second)
	r.send(Tick{})
	if v := r.f.View(); v.Shown != nil || v.Staff != nil {
		t.Fatalf("after the idle clear: %+v", v)
	}
	if last := r.audited[len(r.audited)-1]; last.Action != "sign-out" || last.Staff != "S0042" || last.Output != "idle clear" {
		t.Errorf("sign-out entry %+v", last)
	}
	// A clear signs out too; the maximum without patient or use, too.
	r.staffCard(yamada, nil)
	r.send(Clear{})
	if r.f.View().Staff != nil {
		t.Error("still signed in after a clear")
	}
	r2 := newRig(t, Config{StaffCards: true, StaffHours: 1})
	r2.staffCard(yamada, nil)
	for range 3 {
		r2.clock.advance(25 * time.Minute)
		r2.send(Use{})
		if w, ok := r2.f.NextWake(); ok && !r2.clock.t.Before(w) {
			r2.send(Tick{})
		}
	}
	if w, ok := r2.f.NextWake(); !ok || w.Sub(r2.clock.t) > 0 {
		r2.clock.t = w
	}
	r2.send(Tick{})
	if v := r2.f.View(); v.Staff != nil || v.Status.Text != "state.signedOutMax" {
		t.Errorf("after the maximum: %+v", v)
	}
}

// A card the directory does not know signs nobody in, and is audited as a
// failed sign-in; staff_required refuses real views until someone signs in.
func TestUnknownStaffCardAndStaffRequired(t *testing.T) {
	r := newRig(t, Config{Access: access.Policy{StaffRequired: true}, Who: terminal, StaffCards: true})
	r.staffCard(access.Staff{UID: "DEADBEEF"}, errors.New("not registered"))
	if v := r.f.View(); v.Staff != nil || v.Status.Text != "state.staffUnknown" || r.audited[0].Result != report.Failed {
		t.Errorf("unknown card: %+v %+v", v, r.audited)
	}
	r.insert(card("aa01"))
	if v := r.f.View(); v.Status.Text != "state.denied.noStaff" || v.Question.Kind != NoQuestion {
		t.Errorf("no staff: %+v", v)
	}
	r.staffCard(sato, nil)
	r.insert(card("aa01"))
	r.reason()
	if r.shown() != "試験 花子" {
		t.Error("a signed-in nurse was refused without lists")
	}
	// Without staff cards a staff card is only a status.
	plain := newRig(t, Config{})
	plain.staffCard(yamada, nil)
	if plain.f.View().Staff != nil {
		t.Error("signed in without staff_cards")
	}
}

// Consent viewing is its own right: without it the switch is refused and
// the emergency view stays.
func TestConsentNeedsItsRight(t *testing.T) {
	pol := access.Policy{Viewers: map[summary.Mode][]string{summary.Normal: {"%doctors"}}}
	r := newRig(t, Config{Access: pol, Who: terminal})
	r.insert(card("aa01"))
	r.reason()
	r.send(Consent{On: true})
	v := r.f.View()
	if v.Question.Kind != NoQuestion || v.Shown == nil || v.Shown.View.Mode != summary.Emergency || v.Status.Text != "state.denied.consent" {
		t.Errorf("consent without the right: %+v", v)
	}
	if last := r.audited[len(r.audited)-1]; last.Result != report.Denied || last.Mode != summary.Normal {
		t.Errorf("denied entry %+v", last)
	}
}

// A staff member who signs in at a screen left showing a patient sees it
// only with the right to it.
func TestSignInOverAShownPatient(t *testing.T) {
	r := newRig(t, Config{Access: erOnly, Who: terminal, StaffCards: true})
	r.staffCard(yamada, nil)
	r.insert(card("aa01"))
	r.reason()
	r.staffCard(sato, nil)
	if v := r.f.View(); v.Shown != nil || v.Staff == nil || v.Staff.ID != "N0107" || v.Status.Text != "state.denied.emergency" {
		t.Errorf("the nurse's sign-in left the patient: %+v", v)
	}
	if last := r.audited[len(r.audited)-1]; last.Result != report.Denied || last.Staff != "N0107" {
		t.Errorf("last entry %+v", last)
	}
}
