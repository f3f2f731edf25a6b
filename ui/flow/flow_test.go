package flow

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"kyukyu/audit/reason"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// clock is the fake time of a test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// rig drives a flow as the window does, with the work done at once: the
// patient source is a map, the audit log a list.
type rig struct {
	t       *testing.T
	f       *Flow
	clock   *clock
	records map[string]*summary.Record // by card serial or insurer number
	// hold keeps the lookups' answers until answer is called.
	hold     bool
	held     []Lookup
	audited  []report.Event
	auditErr error
	// holdAudit keeps the entries' continuations until release is called.
	holdAudit    bool
	pendingAudit []Event
	cancelled    int
	cleared      int
}

func newRig(t *testing.T, cfg Config) *rig {
	r := &rig{t: t, clock: &clock{t: time.Date(2022, 8, 26, 10, 0, 0, 0, summary.Tokyo)}, records: map[string]*summary.Record{
		"aa01":     patient("試験 花子", "06130017"),
		"bb02":     patient("試験 次郎", "01130012"),
		"06130017": patient("試験 花子", "06130017"),
	}}
	cfg.Now = r.clock.now
	r.f = New(cfg)
	return r
}

func patient(name, insurer string) *summary.Record {
	return &summary.Record{Patient: summary.Patient{Name: name, Birth: summary.NewDate(1950, 1, 2),
		Insurance: summary.Insurance{InsurerNumber: insurer, Symbol: "1", Number: "2", Branch: "00"}}}
}

// send handles ev and does the work it asks for.
func (r *rig) send(ev Event) {
	for _, e := range r.f.Handle(ev) {
		switch e := e.(type) {
		case Lookup:
			if r.hold {
				r.held = append(r.held, e)
				continue
			}
			r.answer(e)
		case CancelLookup:
			r.cancelled++
		case Record:
			if r.auditErr != nil {
				r.send(AuditFailed{Err: r.auditErr})
				continue
			}
			r.audited = append(r.audited, e.Event)
			if e.Then != nil && r.holdAudit {
				r.pendingAudit = append(r.pendingAudit, e.Then)
			} else if e.Then != nil {
				r.send(e.Then)
			}
		case Cleared:
			r.cleared++
		}
	}
}

func (r *rig) answer(l Lookup) {
	key := l.Query.Identity.CertSerial
	if in := l.Query.Identity.Insurance; in != nil {
		key = in.InsurerNumber
	}
	rec, ok := r.records[key]
	var err error
	if !ok {
		err = summary.ErrNotFound
	}
	r.send(Found{Seq: l.Seq, Record: rec, Err: err})
}

func card(serial string) *Card { return &Card{Identity: summary.Identity{CertSerial: serial}} }

func (r *rig) insert(c *Card) { r.send(CardEvent{State: CardRead, Reader: "R", Card: c}) }

func (r *rig) shown() string {
	if sh := r.f.View().Shown; sh != nil {
		return sh.View.Patient.Name
	}
	return ""
}

func (r *rig) question() QuestionKind { return r.f.View().Question.Kind }

func (r *rig) reason() {
	r.send(ReasonGiven{Reason: reason.Reason{Key: reason.Unconscious}})
}

func (r *rig) actions() string {
	s := ""
	for _, e := range r.audited {
		s += string(e.Action)
		if e.Result != report.OK {
			s += "!" + string(e.Result)
		}
		s += " "
	}
	return s
}

// Who is shown, after which question, with which card on the reader.
func TestPatientFlow(t *testing.T) {
	for _, tc := range []struct {
		name    string
		steps   func(r *rig)
		shown   string
		q       QuestionKind
		foreign Foreign
		status  string
		audit   string
	}{
		{"a card asks the reason first", func(r *rig) { r.insert(card("aa01")) }, "", AskReason, NoForeign, "state.confirm", "card-read "},
		{"the reason shows, audited first", func(r *rig) { r.insert(card("aa01")); r.reason() }, "試験 花子", NoQuestion, NoForeign, "state.shown", "card-read view "},
		{"declining the reason shows nothing", func(r *rig) { r.insert(card("aa01")); r.send(ReasonDeclined{}) }, "", NoQuestion, NoForeign, "state.notShown", "card-read "},
		{"the same patient again is not asked", func(r *rig) { r.insert(card("aa01")); r.reason(); r.insert(card("aa01")) }, "試験 花子", NoQuestion, NoForeign, "state.shown", "card-read view card-read view "},
		{"another patient asks before replacing", func(r *rig) { r.insert(card("aa01")); r.reason(); r.insert(card("bb02")) }, "試験 花子", AskReplace, NoForeign, "state.confirm", "card-read view card-read "},
		{"keeping marks the other card", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("bb02"))
			r.send(ReplaceAnswer{})
		}, "試験 花子", NoQuestion, OtherCard, "state.kept", "card-read view card-read kept-shown "},
		{"switching asks the other's reason", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("bb02"))
			r.send(ReplaceAnswer{Switch: true})
		}, "試験 花子", AskReason, NoForeign, "state.confirm", "card-read view card-read "},
		{"declining the other's reason keeps and marks", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("bb02"))
			r.send(ReplaceAnswer{Switch: true})
			r.send(ReasonDeclined{})
		}, "試験 花子", NoQuestion, OtherCard, "state.kept", "card-read view card-read kept-shown "},
		{"the other card removed ends the bar, not the patient", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("bb02"))
			r.send(ReplaceAnswer{})
			r.send(CardEvent{State: Removed})
		}, "試験 花子", NoQuestion, NoForeign, "state.removed", "card-read view card-read kept-shown "},
		{"a stopped service keeps the bar", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("bb02"))
			r.send(ReplaceAnswer{})
			r.send(CardEvent{State: NoService, Err: errors.New("pcscd")})
		}, "試験 花子", NoQuestion, OtherCard, "state.noService", "card-read view card-read kept-shown "},
		{"an unknown card under a patient is unconfirmed", func(r *rig) { r.insert(card("aa01")); r.reason(); r.insert(card("ffff")) }, "試験 花子", NoQuestion, Unconfirmed, "state.notFound", "card-read view card-read "},
		{"an unknown card on an empty screen contradicts nothing", func(r *rig) { r.insert(card("ffff")) }, "", NoQuestion, NoForeign, "state.notFound", "card-read "},
		{"showing the card's patient ends the bar", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("bb02"))
			r.send(ReplaceAnswer{})
			in := r.records["bb02"].Patient.Insurance
			r.records["01130012"] = r.records["bb02"]
			r.send(Search{Identity: summary.Identity{Insurance: &in}})
			r.send(ReplaceAnswer{Switch: true})
			r.reason()
		}, "試験 次郎", NoQuestion, NoForeign, "state.shown", "card-read view card-read kept-shown view "},
		{"removal keeps the patient", func(r *rig) { r.insert(card("aa01")); r.reason(); r.send(CardEvent{State: Removed}) }, "試験 花子", NoQuestion, NoForeign, "state.removed", "card-read view "},
		{"a clear shows nothing and ends the bar", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("ffff"))
			r.send(CardEvent{State: Removed})
			r.send(Clear{})
		}, "", NoQuestion, NoForeign, "state.cleared", "card-read view card-read "},
		{"a declined card still on the reader is read again after a clear", func(r *rig) {
			r.insert(card("aa01"))
			r.reason()
			r.insert(card("bb02"))
			r.send(ReplaceAnswer{})
			r.send(Clear{})
		}, "", AskReason, NoForeign, "state.confirm", "card-read view card-read kept-shown "},
		{"the shown patient's own card is not read again after a clear", func(r *rig) { r.insert(card("aa01")); r.reason(); r.send(Clear{}) }, "", NoQuestion, NoForeign, "state.cleared", "card-read view "},
		{"a card that is not a My Number card is audited as failed", func(r *rig) {
			r.send(CardEvent{State: NotMyNumber, Err: errors.New("not JPKI")})
		}, "", NoQuestion, NoForeign, "state.notMyNumber", "card-read!failed "},
		{"a wrong-patient answer shows nobody and is audited", func(r *rig) {
			r.records["aa01"] = nil
			r.hold = true
			r.insert(card("aa01"))
			r.send(Found{Seq: r.held[0].Seq, Err: fmt.Errorf("oqs: %w", summary.ErrWrongPatient)})
		}, "", NoQuestion, NoForeign, "state.wrongPatient", "card-read view!failed "},
		{"a face-auth result is looked up like a card", func(r *rig) {
			r.send(FaceResult{Patient: r.records["06130017"].Patient, Reference: "R1"})
			r.reason()
		}, "試験 花子", NoQuestion, NoForeign, "state.shown", "view "},
		{"a failed face-auth result says why", func(r *rig) { r.send(FaceResult{Err: errors.New("資格確認が正常終了していません")}) }, "", NoQuestion, NoForeign, "state.faceFailed", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, Config{IdleMinutes: 5})
			tc.steps(r)
			v := r.f.View()
			if r.shown() != tc.shown || v.Question.Kind != tc.q || v.Foreign != tc.foreign || v.Status.Text != tc.status || r.actions() != tc.audit {
				t.Errorf("shown %q, question %d, foreign %d, status %s, audit %q;\nwant %q, %d, %d, %s, %q",
					r.shown(), v.Question.Kind, v.Foreign, v.Status.Text, r.actions(), tc.shown, tc.q, tc.foreign, tc.status, tc.audit)
			}
		})
	}
}

// A newer lookup cancels the older one, and only the newest answer counts;
// a clear drops a lookup still running.
func TestOnlyTheNewestLookupCounts(t *testing.T) {
	r := newRig(t, Config{})
	r.hold = true
	r.insert(card("aa01"))
	r.insert(card("bb02"))
	if r.cancelled != 1 || !r.f.View().Busy {
		t.Fatalf("cancelled %d, busy %v", r.cancelled, r.f.View().Busy)
	}
	r.hold = false
	r.answer(r.held[0]) // the old answer comes late
	if r.question() != NoQuestion {
		t.Fatal("an older lookup's answer was offered")
	}
	r.answer(r.held[1])
	if r.question() != AskReason || r.f.View().Question.Next.View.Patient.Name != "試験 次郎" || r.f.View().Busy {
		t.Fatalf("the newest answer was not offered: %+v", r.f.View().Question)
	}
	r.send(CardEvent{State: Removed}) // else the clear reads it again
	r.hold = true
	r.send(Search{Identity: summary.Identity{CertSerial: "aa01"}})
	r.send(Clear{})
	r.hold = false
	r.answer(r.held[2])
	if r.shown() != "" || r.question() != NoQuestion || r.f.View().Busy || r.cleared != 1 {
		t.Errorf("after a clear: shown %q, question %d, busy %v", r.shown(), r.question(), r.f.View().Busy)
	}
	// A cancelled lookup says so.
	r.hold = true
	r.insert(card("aa01"))
	r.send(Found{Seq: r.held[3].Seq, Err: context.Canceled})
	if st := r.f.View().Status.Text; st != "state.cancelled" {
		t.Errorf("status %s after cancelling", st)
	}
}

// Nothing is shown that the audit log does not hold.
func TestAuditFailureShowsNothing(t *testing.T) {
	r := newRig(t, Config{})
	r.insert(card("aa01"))
	r.auditErr = errors.New("disk full")
	r.reason()
	if r.shown() != "" || r.f.View().Status.Text != "audit.failed" {
		t.Errorf("shown %q, status %s", r.shown(), r.f.View().Status.Text)
	}
}

// The idle clock: quiet until 30 s before the clear, then a countdown each
// second; any use starts it again; the idle time of the settings applies
// at once; nothing shown, no clock.
func TestIdleClock(t *testing.T) {
	type step struct {
		do        func(r *rig)
		countdown int
		shown     bool
		wake      time.Duration // from now; -1: none
	}
	wait := func(d time.Duration) func(r *rig) { return func(r *rig) { r.clock.advance(d); r.send(Tick{}) } }
	for _, tc := range []struct {
		name  string
		idle  int
		steps []step
	}{
		{"quiet, countdown, clear", 1, []step{
			{func(*rig) {}, 0, true, 30 * time.Second},
			{wait(29 * time.Second), 0, true, time.Second},
			{wait(time.Second), 30, true, time.Second},
			{wait(time.Second), 29, true, time.Second},
			{wait(500 * time.Millisecond), 29, true, 500 * time.Millisecond},
			{wait(28 * time.Second), 1, true, 500 * time.Millisecond},
			{wait(500 * time.Millisecond), 0, false, -1},
		}},
		{"a use in the countdown starts again", 1, []step{
			{wait(45 * time.Second), 15, true, time.Second},
			{func(r *rig) { r.send(Use{}) }, 0, true, 30 * time.Second},
			{wait(30 * time.Second), 30, true, time.Second},
		}},
		{"5 minutes by default", 5, []step{
			{func(*rig) {}, 0, true, 270 * time.Second},
			{wait(270 * time.Second), 30, true, time.Second},
		}},
		{"a new idle time applies at once", 5, []step{
			{wait(200 * time.Second), 0, true, 70 * time.Second},
			{func(r *rig) { r.send(SetIdle{Minutes: 1}) }, 0, true, 30 * time.Second},
			{wait(60 * time.Second), 0, false, -1},
		}},
		{"never with 0", 0, []step{
			{wait(time.Hour), 0, true, -1},
		}},
		{"a clear stops the clock", 1, []step{
			{func(r *rig) { r.send(Clear{}) }, 0, false, -1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, Config{IdleMinutes: tc.idle})
			r.insert(card("aa01"))
			r.reason()
			for i, s := range tc.steps {
				s.do(r)
				v := r.f.View()
				wake := time.Duration(-1)
				if at, ok := r.f.NextWake(); ok {
					wake = at.Sub(r.clock.now())
				}
				if v.Countdown != s.countdown || (v.Shown != nil) != s.shown || wake != s.wake {
					t.Fatalf("step %d: countdown %d, shown %v, next tick in %v; want %d, %v, %v", i, v.Countdown, v.Shown != nil, wake, s.countdown, s.shown, s.wake)
				}
			}
		})
	}
	r := newRig(t, Config{IdleMinutes: 1})
	r.insert(card("aa01"))
	r.reason()
	r.clock.advance(time.Minute)
	r.send(Tick{})
	if v := r.f.View(); v.Status.Text != "state.idleCleared" || r.cleared != 1 || v.IdleMinutes != 0 {
		t.Errorf("after the idle clear: status %s, cleared %d, note %d", v.Status.Text, r.cleared, v.IdleMinutes)
	}
	// An idle clear does not read a waiting card again: nobody is there.
	r.insert(card("aa01"))
	r.insert(card("bb02"))
	r.send(ReplaceAnswer{})
	r.clock.advance(time.Minute)
	r.send(Tick{})
	if r.question() != NoQuestion || r.f.View().Busy {
		t.Error("an idle clear read the card on the reader again")
	}
}

// A training case opened at start is shown with its practice reason; the
// reasons given do not survive a mode switch.
func TestStartCaseAndModeSwitch(t *testing.T) {
	r := newRig(t, Config{Training: true})
	r.send(OpenAtStart{Identity: summary.Identity{CertSerial: "aa01"}})
	if r.shown() != "試験 花子" || r.audited[0].Reason.Key != reason.TrainingStart || !r.audited[0].Training {
		t.Fatalf("shown %q, audited %+v", r.shown(), r.audited)
	}
	if r.f.Settled() {
		t.Error("settled with a patient shown")
	}
	r.send(Clear{})
	if !r.f.Settled() {
		t.Error("not settled on an empty screen")
	}
	r.send(ModeSwitched{Training: false})
	if r.f.Training() || r.f.View().Training {
		t.Error("still training")
	}
	r.send(Search{Identity: summary.Identity{CertSerial: "aa01"}})
	if r.question() != AskReason {
		t.Error("a reason given before the switch carried over")
	}
}

// The consent switch asks how the consent was confirmed, audits that as
// its own entry, then fetches the shown patient again in normal mode and
// audits that view as consented, without asking the reason. The next
// patient is in emergency mode again.
func TestConsentIsConfirmed(t *testing.T) {
	r := newRig(t, Config{})
	r.insert(card("aa01"))
	r.reason()
	r.send(Consent{On: true})
	if v := r.f.View(); v.Question.Kind != AskConsent || v.Shown.View.Mode != summary.Emergency {
		t.Fatalf("the switch did not ask: %+v", v)
	}
	r.send(ConsentDeclined{})
	if v := r.f.View(); v.Question.Kind != NoQuestion || v.Shown.View.Mode != summary.Emergency || r.actions() != "card-read view " {
		t.Fatalf("declined: %+v, audited %s", v, r.actions())
	}
	r.send(Consent{On: true})
	r.send(ConsentGiven{How: ConsentWritten, By: "看護師 佐藤"})
	v := r.f.View()
	if v.Shown == nil || v.Shown.View.Mode != summary.Normal || v.Question.Kind != NoQuestion {
		t.Fatalf("after consent: %+v", v)
	}
	if r.actions() != "card-read view consent-confirmed view " {
		t.Errorf("audited %s", r.actions())
	}
	c := r.audited[2]
	if c.View == nil || c.View.Patient.Name != "試験 花子" || c.Output != "consent written, confirmed by 看護師 佐藤" {
		t.Errorf("consent entry %+v", c)
	}
	if last := r.audited[len(r.audited)-1]; last.Reason.Key != reason.Consented {
		t.Errorf("consented view audited as %+v", last)
	}
	r.insert(card("bb02"))
	r.send(ReplaceAnswer{Switch: true})
	r.reason()
	if v := r.f.View(); v.Shown.View.Patient.Name != "試験 次郎" || v.Shown.View.Mode != summary.Emergency {
		t.Errorf("the next patient: %+v", v.Shown.View)
	}
}

// A print says what happened: printed, handed to the viewer, or neither;
// a long one asks first; page 1 only is in the audit entry.
func TestPrintDecisions(t *testing.T) {
	noPrinter, noViewer := errors.New("lp: no default destination"), errors.New("xdg-open: no handler")
	for _, tc := range []struct {
		printErr, viewerErr error
		result              report.Result
		status              string
	}{
		{nil, nil, report.OK, "state.printed"},
		{noPrinter, nil, report.Viewer, "state.printViewer"},
		{noPrinter, noViewer, report.Failed, "state.printFailed"},
	} {
		r, st := PrintEnded(tc.printErr, tc.viewerErr)
		if r != tc.result || st.Text != tc.status || st.Cause != tc.printErr {
			t.Errorf("print %v, viewer %v: %q %+v; want %q %s", tc.printErr, tc.viewerErr, r, st, tc.result, tc.status)
		}
	}
	for pages, ask := range map[int]bool{1: false, 10: false, 11: true, 162: true} {
		if AskPages(pages) != ask {
			t.Errorf("%d pages: ask %v", pages, !ask)
		}
	}
	if PrintOutput("", true) != "default printer (p.1)" || PrintOutput("ER-1", false) != "ER-1" {
		t.Error(PrintOutput("", true), PrintOutput("ER-1", false))
	}
}

// A first training run without a card service is calm: the training
// patients need none (Ctrl+O). At a real workstation it is an error.
func TestNoCardServiceIsCalmInTraining(t *testing.T) {
	for _, c := range []struct {
		training bool
		text     string
		calm     bool
	}{{true, "state.noServiceTraining", true}, {false, "state.noService", false}} {
		r := newRig(t, Config{Training: c.training})
		r.send(CardEvent{State: NoService, Err: errors.New("reader: pcscd is not running")})
		st := r.f.View().Status
		if st.Text != c.text || (st.Level == Danger) == c.calm || st.Cause == nil {
			t.Errorf("training %v: status %+v, want %s (calm %v) with the cause behind it", c.training, st, c.text, c.calm)
		}
	}
}

// A view whose audit entry is still being written is shown once it is on
// disk, even when another card is read meanwhile; a clear meanwhile drops it.
func TestViewAfterItsEntry(t *testing.T) {
	r := newRig(t, Config{})
	r.holdAudit = true
	r.insert(card("aa01"))
	r.reason()
	if r.shown() != "" {
		t.Fatal("shown before its audit entry was written")
	}
	r.insert(card("bb02")) // another card while the entry is written
	r.send(r.pendingAudit[0])
	if q := r.f.View().Question; r.shown() != "試験 花子" || q.Kind != AskReason || q.Next.View.Patient.Name != "試験 次郎" {
		t.Errorf("shown %q, question %+v: want the audited patient, and the other's question still open", r.shown(), q)
	}
	r = newRig(t, Config{})
	r.holdAudit = true
	r.insert(card("aa01"))
	r.reason()
	r.send(CardEvent{State: Removed})
	r.send(Clear{})
	r.send(r.pendingAudit[0])
	if r.shown() != "" {
		t.Error("a view audited before a clear was shown after it")
	}
}
