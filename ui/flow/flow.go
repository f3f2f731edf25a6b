// Package flow is the window's patient flow as plain Go: who is shown,
// after which reason, with which card on the reader, the face-auth
// results, the idle clock and its countdown, and the mode. The window
// sends it events (card, face, key, scroll, timer, answers), runs the
// effects it returns (lookups, audit entries) and renders its View; the
// flow's rules are tested here with a fake clock, without Fyne or SQLite.
package flow

import (
	"context"
	"errors"
	"time"

	"kyukyu/access"
	"kyukyu/audit/reason"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// ErrNotSetUp marks a source whose settings are missing or wrong: the
// screen points at the settings.
var ErrNotSetUp = errors.New("not set up")

// WarnBefore is how long the countdown before an idle clear runs: long
// enough to reach the mouse, short enough not to be a second timeout.
const WarnBefore = 30 * time.Second

// Config is what the flow is started with.
type Config struct {
	Training bool
	// Now is the idle clock; Today the date lookups are made on (a
	// training run may fix it, the clock still runs).
	Now   func() time.Time
	Today func() summary.Date
	// IdleMinutes before an unattended patient is cleared; 0: never.
	IdleMinutes int
	// Access is the hospital's rule of who may view real patients, Who
	// the account at the workstation (package access).
	Access access.Policy
	Who    access.Who
	// StaffCards: the workstation signs staff in with staff cards;
	// StaffHours is how long a sign-in lasts at most (0: DefaultStaffHours).
	StaffCards bool
	StaffHours int
}

// Flow is the state of the window's patient flow. It is not safe for
// concurrent use: the window calls it from its UI goroutine.
type Flow struct {
	cfg  Config
	view View

	seq      int // the newest lookup; a clear or a mode switch moves it on too
	gen      int // moves on at a clear and a mode switch: a view audited meanwhile is not shown
	pending  *pending
	face     *FaceResult // the face-auth result of the lookup numbered faceSeq
	faceSeq  int
	reasons  map[string]given // patient key → the emergency reason given this session
	preGiven *given           // the reason of a training case opened at start
	lastCard *Card            // the card read last and not removed since
	unread   *Card            // lastCard while its patient was not shown: read again after a clear
	foreign  string           // the other patient's key while View.Foreign is OtherCard
	lastUse  time.Time
	qseq     int
	// staffUntil is when the sign-in of View.Staff ends at the latest.
	staffUntil time.Time
}

type pending struct {
	seq  int
	q    summary.Query
	card *Card
}

type given struct {
	reason reason.Reason
}

// New is the flow of an empty screen.
func New(cfg Config) *Flow {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Today == nil {
		cfg.Today = func() summary.Date { return summary.Today(cfg.Now()) }
	}
	f := &Flow{cfg: cfg, reasons: map[string]given{}}
	f.view.Training = cfg.Training
	return f
}

// View is what the window shows now.
func (f *Flow) View() View {
	v := f.view
	v.Countdown, v.IdleMinutes = f.countdown(), 0
	if v.Shown != nil && f.idle() > 0 {
		v.IdleMinutes = f.cfg.IdleMinutes
	}
	return v
}

// Training reports whether the flow works on the training dataset.
func (f *Flow) Training() bool { return f.cfg.Training }

// Settled reports whether nothing is shown, asked or looked up: the mode
// can change without a patient of one source beside the other.
func (f *Flow) Settled() bool {
	return f.view.Shown == nil && f.pending == nil && f.view.Question.Kind == NoQuestion
}

// Given is the reason recorded for the shown patient.
func (f *Flow) Given() reason.Reason {
	if f.view.Shown == nil {
		return reason.Reason{}
	}
	return f.reasons[f.view.Shown.Key].reason
}

// Handle applies one event and returns the work it asks of the window.
func (f *Flow) Handle(ev Event) []Effect {
	var out []Effect
	emit := func(e ...Effect) { out = append(out, e...) }
	defer func() { f.stampStaff(out) }()
	switch ev := ev.(type) {
	case CardEvent:
		f.card(ev, emit)
	case FaceResult:
		f.faceResult(ev, emit)
	case Found:
		f.found(ev, emit)
	case Use:
		f.use()
	case Tick:
		if f.view.Shown != nil && f.idle() > 0 && !f.cfg.Now().Before(f.lastUse.Add(f.idle())) {
			f.clear(emit)
			f.setStatus(Status{Text: "state.idleCleared", Hint: "hint.waiting"})
			f.signOut("idle clear", emit)
		}
		f.staffTick(emit)
	case Clear:
		f.signOut("screen cleared", emit)
		f.clearByPerson(emit)
	case StaffFound:
		f.staffFound(ev, emit)
	case ConsentGiven:
		f.consentGiven(ev, emit)
	case ConsentDeclined:
		if f.view.Question.Kind == AskConsent {
			f.closeQuestion()
			f.setStatus(Status{Text: "state.shown", Hint: "hint.shown", Level: Success})
		}
	case consentRecorded:
		if ev.seq == f.seq && f.view.Shown == ev.p {
			f.lookup(ev.p.Identity, ev.p.Card, summary.Normal, emit)
		}
	case Search:
		f.use()
		f.lookup(ev.Identity, nil, summary.Emergency, emit)
	case OpenAtStart:
		f.preGiven = &given{reason: reason.Reason{Key: reason.TrainingStart}}
		f.lookup(ev.Identity, nil, summary.Emergency, emit)
	case ReasonGiven:
		q := f.view.Question
		if q.Kind != AskReason {
			return nil
		}
		f.closeQuestion()
		g := given{reason: ev.Reason}
		f.reasons[q.Next.Key] = g
		f.recordAndDisplay(q.Next, g, emit)
	case ReasonDeclined:
		q := f.view.Question
		if q.Kind != AskReason {
			return nil
		}
		f.closeQuestion()
		f.setStatus(Status{Text: "state.notShown", Hint: "hint.notShown", Level: Warning})
		if f.view.Shown != nil && f.view.Shown.Key != q.Next.Key {
			f.keepShown(q.Next, emit)
		}
	case ReplaceAnswer:
		q := f.view.Question
		if q.Kind != AskReplace {
			return nil
		}
		f.closeQuestion()
		if ev.Switch {
			f.admit(q.Next, emit)
		} else {
			f.keepShown(q.Next, emit)
		}
	case Consent:
		if sh := f.view.Shown; sh != nil && ev.On {
			f.askConsent(emit)
		} else if sh != nil {
			f.use()
			f.lookup(sh.Identity, sh.Card, summary.Emergency, emit)
		}
	case SetIdle:
		f.cfg.IdleMinutes = ev.Minutes
		f.use() // the new time counts from now
	case ModeSwitched:
		f.seq++ // nothing of the old source is shown
		f.gen++
		f.cfg.Training, f.view.Training = ev.Training, ev.Training
		f.reasons = map[string]given{}
		f.preGiven = nil
		f.setStatus(Status{Text: "state.modeSwitched", Hint: f.placeholder()})
	case AuditFailed:
		f.setStatus(Status{Text: "audit.failed", Hint: "hint.waiting", Level: Danger, Cause: ev.Err})
	case display:
		if ev.gen == f.gen {
			f.display(ev.p)
		}
	}
	return out
}

// placeholder is the text key of what to do on an empty screen.
func (f *Flow) placeholder() string {
	if f.cfg.Training {
		return "placeholder.training"
	}
	return "placeholder.card"
}

func (f *Flow) setStatus(s Status) { f.view.Status = s }

// cardStatus is the status strip of each reader state: what is happening
// and what to do.
var cardStatus = map[CardState]Status{
	NoService:   {Text: "state.noService", Hint: "hint.noService", Level: Danger},
	NoReader:    {Text: "state.noReader", Hint: "hint.noReader", Level: Warning},
	Waiting:     {Text: "state.waiting", Hint: "hint.waiting", Level: Medium},
	Reading:     {Text: "state.reading", Hint: "hint.reading", Level: High},
	CardRead:    {Text: "state.cardRead", Hint: "hint.cardRead", Level: Success},
	NotMyNumber: {Text: "state.notMyNumber", Hint: "hint.notMyNumber", Level: Warning},
	Removed:     {Text: "state.removed", Hint: "hint.removed", Level: Medium},
	Failed:      {Text: "state.failed", Hint: "hint.failed", Level: Danger},
	StaffCard:   {Text: "state.staffCard", Hint: "hint.staffCard", Level: Medium},
}

// trainingNoService is the status of no card service in training mode:
// the training patients need none (Ctrl+O), so a first run is not an error.
var trainingNoService = Status{Text: "state.noServiceTraining", Hint: "hint.noServiceTraining", Level: Medium}

func (f *Flow) card(ev CardEvent, emit func(...Effect)) {
	st := cardStatus[ev.State]
	if ev.State == NoService && f.cfg.Training {
		st = trainingNoService
	}
	if ev.Err != nil && ev.State != CardRead {
		st.Cause = ev.Err
	}
	f.setStatus(st)
	if e, ok := f.cardAudit(ev); ok {
		emit(Record{Event: e})
	}
	if ev.State == StaffCard {
		f.staffCard(ev, emit)
	}
	if ev.State == CardRead && ev.Card != nil {
		f.lastCard, f.unread = ev.Card, ev.Card
		f.use()
		f.lookup(ev.Card.Identity, ev.Card, summary.Emergency, emit)
	}
	// Removal keeps the patient on screen: the doctor is still reading it.
	// The bar ends when the card leaves (with its reader, too); a stopped
	// card service says nothing about the card, so the bar stays.
	if ev.State == Removed || ev.State == NoReader {
		f.view.Foreign, f.foreign = NoForeign, ""
		f.lastCard, f.unread = nil, nil
	}
}

// cardAudit is the audit entry of a card read or a failed attempt. It
// names no patient: who it was is only known after the lookup, which the
// view's own entry records.
func (f *Flow) cardAudit(ev CardEvent) (report.Event, bool) {
	e := report.Event{Action: report.CardRead, Training: f.cfg.Training, Output: ev.Reader}
	switch ev.State {
	case CardRead:
		return e, true
	case NotMyNumber, Failed:
		e.Result = report.Failed
		if ev.Err != nil {
			e.Output += ": " + ev.Err.Error()
		}
		return e, true
	}
	return e, false
}

// faceResult offers a patient a face-auth reader confirmed, as a card would be.
func (f *Flow) faceResult(r FaceResult, emit func(...Effect)) {
	if r.Err != nil {
		// The reason is one line (the file and e.g. 資格確認が正常終了していません).
		f.setStatus(Status{Text: "state.faceFailed", Hint: "hint.faceFailed", Data: map[string]any{"Why": r.Err.Error()}, Level: Warning, Cause: r.Err})
		return
	}
	f.use()
	in := r.Patient.Insurance
	f.lookup(summary.Identity{Insurance: &in}, nil, summary.Emergency, emit)
	f.face, f.faceSeq = &r, f.seq
}

// lookup asks the source for a patient; a newer lookup cancels an older
// one, and only the newest answer is offered.
func (f *Flow) lookup(id summary.Identity, card *Card, mode summary.Mode, emit func(...Effect)) {
	if !f.mayView(mode, emit) {
		return
	}
	if f.pending != nil {
		emit(CancelLookup{})
	}
	f.seq++
	q := summary.Query{Identity: id, On: f.cfg.Today(), Mode: mode}
	f.pending = &pending{seq: f.seq, q: q, card: card}
	f.view.Busy = true
	f.setStatus(Status{Text: "state.fetching", Hint: "hint.fetching", Level: High})
	emit(Lookup{Seq: f.seq, Query: q})
}

// lookupProblems are the status of each failed lookup, in order.
var lookupProblems = []struct {
	err    error
	status Status
	cause  bool
}{
	{context.Canceled, Status{Text: "state.cancelled", Hint: "hint.cancelled"}, false},
	{summary.ErrNotFound, Status{Text: "state.notFound", Hint: "hint.notFound", Level: Warning}, false},
	// The OQS finds patients by insurance numbers; a card on a PC/SC
	// reader carries only its certificate (the face-auth reader asks the OQS).
	{summary.ErrNoInsurance, Status{Text: "state.lookupFailed", Hint: "hint.oqsNeedsInsurance", Level: Warning}, false},
	// Nothing of the result is shown (the source quarantined the file).
	{summary.ErrWrongPatient, Status{Text: "state.wrongPatient", Hint: "hint.wrongPatient", Level: Danger}, true},
	{ErrNotSetUp, Status{Text: "state.lookupFailed", Hint: "oqs.settings", Level: Warning}, true},
}

func (f *Flow) found(ev Found, emit func(...Effect)) {
	p := f.pending
	if p == nil || ev.Seq != p.seq {
		return // a newer card or search took over
	}
	f.pending, f.view.Busy = nil, false
	if err := ev.Err; err != nil {
		if p.card != nil && p.card == f.lastCard && f.view.Shown != nil && f.view.Shown.Card != p.card {
			// The card's patient is unknown while another is shown: the
			// screen may contradict the card on the reader.
			f.view.Foreign, f.foreign = Unconfirmed, ""
		}
		st := Status{Text: "state.lookupFailed", Hint: "hint.lookupFailed", Level: Danger, Cause: err}
		for _, lp := range lookupProblems {
			if errors.Is(err, lp.err) {
				st = lp.status
				if lp.cause {
					st.Cause = err
				}
				break
			}
		}
		f.setStatus(st)
		if errors.Is(err, summary.ErrWrongPatient) {
			// The refusal is audited as a failed view.
			emit(Record{Event: report.Event{Action: report.View, Result: report.Failed, Training: f.cfg.Training, Mode: p.q.Mode,
				Output: err.Error()}})
		}
		return
	}
	next := &Patient{View: summary.Build(ev.Record, p.q.Mode, p.q.On), Identity: p.q.Identity, Key: Key(ev.Record.Patient), Card: p.card}
	if ev.Seq == f.faceSeq {
		next.Face = f.face
	}
	if sh := f.view.Shown; sh != nil && sh.Key != next.Key {
		f.ask(AskReplace, next)
		return
	}
	f.admit(next, emit)
}

// Key tells patients apart for the other-patient question.
func Key(p summary.Patient) string {
	in := p.Insurance
	return in.InsurerNumber + "|" + in.Symbol + "|" + in.Number + "|" + in.Branch + "|" + p.Name + "|" + p.Birth.String()
}

func (f *Flow) ask(kind QuestionKind, next *Patient) {
	f.qseq++
	f.view.Question = Question{Kind: kind, Seq: f.qseq, Next: next}
	f.setStatus(Status{Text: "state.confirm", Hint: "hint.confirm", Level: High})
}

func (f *Flow) closeQuestion() { f.view.Question = Question{} }

// admit shows a patient once the emergency-access reason is known.
func (f *Flow) admit(next *Patient, emit func(...Effect)) {
	g, ok := f.reasons[next.Key]
	if !ok && f.preGiven != nil && f.cfg.Training {
		g, ok = *f.preGiven, true
		f.preGiven = nil
		f.reasons[next.Key] = g
	}
	if !ok {
		f.ask(AskReason, next)
		return
	}
	f.recordAndDisplay(next, g, emit)
}

// recordAndDisplay writes the audit entry, then shows: nothing is shown
// that the audit log does not hold.
func (f *Flow) recordAndDisplay(next *Patient, g given, emit func(...Effect)) {
	why := g.reason
	if next.View.Mode == summary.Normal {
		why = reason.Reason{Key: reason.Consented}
	}
	emit(Record{Event: report.Event{Action: report.View, Training: f.cfg.Training, Reason: why, View: next.View},
		Then: display{p: next, gen: f.gen}})
}

func (f *Flow) display(p *Patient) {
	f.view.Shown = p
	f.setStatus(Status{Text: "state.shown", Hint: "hint.shown", Level: Success})
	// The reader's card is the shown patient's now: it came from that card,
	// or the card's patient was chosen some other way.
	if p.Card != nil && p.Card == f.lastCard || f.view.Foreign == OtherCard && f.foreign == p.Key {
		f.view.Foreign, f.foreign = NoForeign, ""
		f.unread = nil
	}
	f.lastUse = f.cfg.Now()
}

// keepShown: the person kept the patient on screen although another one
// (next) was looked up. When next came from a card, that card lies on the
// reader: the red bar says so until it is removed. The decision is
// audited with the other patient's view, which was not shown.
func (f *Flow) keepShown(next *Patient, emit func(...Effect)) {
	if next.Card != nil {
		f.view.Foreign, f.foreign = OtherCard, next.Key
	}
	f.setStatus(Status{Text: "state.kept", Hint: "hint.kept", Level: Warning})
	emit(Record{Event: report.Event{Action: report.KeptShown, Training: f.cfg.Training, View: next.View}})
}

// clear takes the patient off the screen; a lookup still running is not
// shown, and nothing is left for the card to contradict.
func (f *Flow) clear(emit func(...Effect)) {
	if f.pending != nil {
		emit(CancelLookup{})
	}
	f.seq++
	f.gen++
	f.pending, f.view.Busy = nil, false
	f.closeQuestion()
	f.view.Shown = nil
	f.view.Foreign, f.foreign = NoForeign, ""
	emit(Cleared{})
}

// clearByPerson is a clear someone asked for. A card still on the reader
// whose patient was not shown is read again: it lay there unread
// (declined, unconfirmed, or its question closed by the clear).
func (f *Flow) clearByPerson(emit func(...Effect)) {
	f.clear(emit)
	f.setStatus(Status{Text: "state.cleared", Hint: "hint.waiting"})
	if c := f.unread; c != nil {
		f.lookup(c.Identity, c, summary.Emergency, emit)
	}
}

// idle is the time before an unattended patient is cleared; 0: never.
func (f *Flow) idle() time.Duration { return time.Duration(f.cfg.IdleMinutes) * time.Minute }

// use is a sign of a person: the idle clock starts again.
func (f *Flow) use() { f.lastUse = f.cfg.Now() }

// countdown is the seconds left while the idle clear is announced; 0 before.
func (f *Flow) countdown() int {
	if f.view.Shown == nil || f.idle() <= 0 {
		return 0
	}
	left := f.lastUse.Add(f.idle()).Sub(f.cfg.Now())
	if left > WarnBefore || left <= 0 {
		return 0
	}
	return int((left + time.Second - 1) / time.Second)
}

// NextWake is when the flow wants a Tick: the countdown's start, each of
// its seconds, the clear, the end of a sign-in; false when no clock runs.
func (f *Flow) NextWake() (time.Time, bool) {
	t, ok := f.idleWake()
	if w, sok := f.staffWake(); sok && (!ok || w.Before(t)) {
		return w, true
	}
	return t, ok
}

// idleWake is NextWake of the idle clear alone.
func (f *Flow) idleWake() (time.Time, bool) {
	if f.view.Shown == nil || f.idle() <= 0 {
		return time.Time{}, false
	}
	end := f.lastUse.Add(f.idle())
	now := f.cfg.Now()
	warn := end.Add(-min(WarnBefore, f.idle()))
	if now.Before(warn) {
		return warn, true
	}
	left := end.Sub(now)
	if left <= 0 {
		return now, true
	}
	// The next whole second before the end.
	return end.Add(-((left - 1) / time.Second) * time.Second), true
}
