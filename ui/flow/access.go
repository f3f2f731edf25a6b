package flow

import (
	"errors"
	"time"

	"kyukyu/access"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// The hospital's rights (package access), the staff sign-in with a staff
// card, and the confirmed consent.

// StaffFound is the staff directory's answer for a staff card's UID: the
// staff member, or Err (staff.ErrUnknown for a card not registered).
type StaffFound struct {
	UID   string
	Staff access.Staff
	Err   error
}

// FindStaff asks the staff directory who a staff card's UID belongs to;
// the answer is StaffFound.
type FindStaff struct{ UID string }

// ConsentHow is how the patient's consent was confirmed; its words are
// the screen's (consent.how.<key>), the audit keeps the key.
type ConsentHow string

const (
	ConsentOral    ConsentHow = "oral"    // 本人の口頭同意
	ConsentWritten ConsentHow = "written" // 書面
	ConsentFamily  ConsentHow = "family"  // 家族等
)

// ConsentHows are the ways the consent question offers, in its order.
var ConsentHows = []ConsentHow{ConsentOral, ConsentWritten, ConsentFamily}

// ConsentGiven answers the consent question: how, and who confirmed it.
type ConsentGiven struct {
	How ConsentHow
	By  string
}

// ConsentDeclined closes the consent question without switching.
type ConsentDeclined struct{}

// consentRecorded continues a confirmed consent once its entry is on disk.
type consentRecorded struct {
	p   *Patient
	seq int
}

func (StaffFound) event()      {}
func (ConsentGiven) event()    {}
func (ConsentDeclined) event() {}
func (consentRecorded) event() {}
func (FindStaff) effect()      {}

// deniedStatus is the status strip's text of each refusal.
var deniedStatus = map[access.Why]map[summary.Mode]string{
	access.NotListed: {summary.Emergency: "state.denied.emergency", summary.Normal: "state.denied.consent"},
	access.NoStaff:   {summary.Emergency: "state.denied.noStaff", summary.Normal: "state.denied.noStaff"},
}

// who is the person the rights are checked for: the account, and the
// staff member signed in.
func (f *Flow) who() access.Who {
	w := f.cfg.Who
	w.Staff = f.view.Staff
	return w
}

// mayView checks the right to a view in mode. A refusal clears the screen,
// says why and is audited as denied, naming no patient.
func (f *Flow) mayView(mode summary.Mode, emit func(...Effect)) bool {
	var d *access.Denied
	if !errors.As(f.cfg.Access.Check(mode, f.cfg.Training, f.who()), &d) {
		return true
	}
	f.clear(emit)
	f.refuse(d, emit)
	return false
}

// refuse audits a refused view as denied, naming no patient, and says why.
func (f *Flow) refuse(d *access.Denied, emit func(...Effect)) {
	emit(Record{Event: report.Event{Action: report.View, Result: report.Denied, Mode: d.Mode, Output: d.Error()}})
	f.setStatus(Status{Text: deniedStatus[d.Why][d.Mode], Hint: "hint.denied", Data: map[string]any{"Who": d.Who}, Level: Danger})
}

// staffCard signs in the staff member of a staff card, when the
// workstation has staff cards.
func (f *Flow) staffCard(ev CardEvent, emit func(...Effect)) {
	if f.cfg.StaffCards && ev.UID != "" {
		f.use()
		emit(FindStaff{UID: ev.UID})
	}
}

// staffFound signs the card's staff member in (another one signed in is
// signed out first), or says the card is not registered.
func (f *Flow) staffFound(ev StaffFound, emit func(...Effect)) {
	if ev.Err != nil {
		f.setStatus(Status{Text: "state.staffUnknown", Hint: "hint.staffUnknown", Level: Warning, Cause: ev.Err})
		emit(Record{Event: report.Event{Action: report.SignIn, Training: f.cfg.Training, Result: report.Failed, Output: "staff card " + ev.UID + ": " + ev.Err.Error()}})
		return
	}
	if sh := f.view.Staff; sh != nil && sh.UID != ev.Staff.UID {
		f.signOut("another staff card", emit)
	}
	s := ev.Staff
	f.view.Staff = &s
	f.staffUntil = f.cfg.Now().Add(f.staffMax())
	f.setStatus(Status{Text: "state.signedIn", Hint: "hint.signedIn", Data: map[string]any{"Name": s.Name}, Level: Success})
	emit(Record{Event: report.Event{Action: report.SignIn, Training: f.cfg.Training, Staff: s.ID, Output: "staff card " + s.UID}})
	if sh := f.view.Shown; sh != nil {
		f.mayView(sh.View.Mode, emit) // the patient left on screen is now seen by them
	}
}

// staffMax is how long a sign-in lasts at most.
func (f *Flow) staffMax() time.Duration {
	if f.cfg.StaffHours > 0 {
		return time.Duration(f.cfg.StaffHours) * time.Hour
	}
	return DefaultStaffHours * time.Hour
}

// DefaultStaffHours is a sign-in's maximum when the hospital sets none.
const DefaultStaffHours = 12

// signOut ends the sign-in, audited with the staff ID and why.
func (f *Flow) signOut(why string, emit func(...Effect)) {
	s := f.view.Staff
	if s == nil {
		return
	}
	f.view.Staff = nil
	emit(Record{Event: report.Event{Action: report.SignOut, Training: f.cfg.Training, Staff: s.ID, Output: why}})
}

// staffWake is when the sign-in ends by itself: at its maximum, or after
// the idle time without use when no patient keeps the idle clock.
func (f *Flow) staffWake() (time.Time, bool) {
	if f.view.Staff == nil {
		return time.Time{}, false
	}
	end := f.staffUntil
	if idle := f.idle(); idle > 0 && f.lastUse.Add(idle).Before(end) {
		end = f.lastUse.Add(idle)
	}
	return end, true
}

// staffTick ends a sign-in whose time has come; at its maximum the
// patient shown under it is cleared too.
func (f *Flow) staffTick(emit func(...Effect)) {
	end, ok := f.staffWake()
	if !ok || f.cfg.Now().Before(end) {
		return
	}
	if !f.cfg.Now().Before(f.staffUntil) {
		if f.view.Shown != nil {
			f.clear(emit)
		}
		f.signOut("maximum sign-in time", emit)
		f.setStatus(Status{Text: "state.signedOutMax", Hint: "hint.signIn", Level: Warning})
		return
	}
	f.signOut("idle", emit)
}

// askConsent asks how the shown patient's consent was confirmed before
// the with-consent periods are shown; without the right, it is refused.
func (f *Flow) askConsent(emit func(...Effect)) {
	sh := f.view.Shown
	if sh == nil {
		return
	}
	f.use()
	var d *access.Denied
	if errors.As(f.cfg.Access.Check(summary.Normal, f.cfg.Training, f.who()), &d) {
		f.refuse(d, emit) // the emergency view stays: only the switch is refused
		return
	}
	f.ask(AskConsent, sh)
}

// consentGiven audits the confirmation as its own entry, then fetches the
// with-consent periods.
func (f *Flow) consentGiven(ev ConsentGiven, emit func(...Effect)) {
	q := f.view.Question
	if q.Kind != AskConsent {
		return
	}
	f.closeQuestion()
	emit(Record{Event: report.Event{Action: report.ConsentConfirmed, Training: f.cfg.Training, View: q.Next.View,
		Output: "consent " + string(ev.How) + ", confirmed by " + ev.By}, Then: consentRecorded{p: q.Next, seq: f.seq}})
}

// stampStaff puts the signed-in staff member's ID on every entry.
func (f *Flow) stampStaff(out []Effect) {
	if f.view.Staff == nil {
		return
	}
	for i, e := range out {
		if r, ok := e.(Record); ok && r.Event.Staff == "" {
			r.Event.Staff = f.view.Staff.ID
			out[i] = r
		}
	}
}
