package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kyukyu/audit/reason"
	"kyukyu/reader"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// stateTexts are the status strip's words for each reader state: what is
// happening and what to do.
var stateTexts = map[reader.State]struct {
	status, hint string
	importance   widget.Importance
}{
	reader.NoService:   {"state.noService", "hint.noService", widget.DangerImportance},
	reader.NoReader:    {"state.noReader", "hint.noReader", widget.WarningImportance},
	reader.Waiting:     {"state.waiting", "hint.waiting", widget.MediumImportance},
	reader.Reading:     {"state.reading", "hint.reading", widget.HighImportance},
	reader.CardRead:    {"state.cardRead", "hint.cardRead", widget.SuccessImportance},
	reader.NotMyNumber: {"state.notMyNumber", "hint.notMyNumber", widget.WarningImportance},
	reader.Removed:     {"state.removed", "hint.removed", widget.MediumImportance},
	reader.Failed:      {"state.failed", "hint.failed", widget.DangerImportance},
}

// Start begins listening to the card monitor; it stops with ctx.
func (s *Screen) Start(ctx context.Context) {
	if s.d.Cards == nil && s.d.Faces == nil {
		s.setStatus(t("state.noMonitor"), t("hint.noMonitor"), widget.WarningImportance)
	} else {
		s.setStatus(t("state.starting"), "", widget.MediumImportance)
	}
	s.watchCentral(ctx)
	cards, faces := s.d.Cards, s.d.Faces
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case faces = <-s.newFaces: // the mode changed
			case ev, ok := <-cards:
				if !ok {
					cards = nil
					continue
				}
				s.do(func() {
					s.onCard(ev)
					s.handled.Add(1)
				})
			case f, ok := <-faces:
				if !ok {
					faces = nil
					continue
				}
				s.do(func() {
					s.onFace(f)
					s.handled.Add(1)
				})
			}
		}
	}()
}

// centralEvery is how often the count of entries waiting for the central
// audit log is read.
const centralEvery = 5 * time.Second

// watchCentral shows, discreetly, how many audit entries wait for the
// central log; nothing while none waits.
func (s *Screen) watchCentral(ctx context.Context) {
	if s.d.Central == nil {
		return
	}
	go func() {
		tick := time.NewTicker(centralEvery)
		defer tick.Stop()
		for {
			st := s.d.Central()
			s.do(func() { s.central.SetText(centralText(st)) })
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}

func centralText(st CentralStatus) string {
	switch {
	case st.Pending == 0:
		return ""
	case st.Unreachable > 0:
		return tf("central.unreachable", map[string]any{"N": st.Pending, "Minutes": int(st.Unreachable / time.Minute)})
	}
	return tf("central.pending", map[string]any{"N": st.Pending})
}

// onCard handles one reader event on the UI goroutine.
func (s *Screen) onCard(ev reader.Event) {
	st := stateTexts[ev.State]
	s.setStatus(t(st.status), t(st.hint), st.importance)
	if ev.Err != nil && ev.State != reader.CardRead {
		s.setCause(ev.Err)
	}
	if e, ok := s.cardAudit(ev); ok {
		s.audit(e, func() {})
	}
	if ev.State == reader.CardRead && ev.Card != nil {
		s.lastCard = ev.Card
		s.touch()
		s.lookup(ev.Card.Identity(), ev.Card, summary.Emergency)
	}
	// Removal keeps the patient on screen: the doctor is still reading it.
	// The bar ends when the card leaves (with its reader, too); a stopped
	// card service says nothing about the card, so the bar stays.
	if ev.State == reader.Removed || ev.State == reader.NoReader {
		s.cardGone()
	}
}

// cardAudit is the audit entry of a card read or a failed attempt. It
// names no patient: who it was is only known after the lookup, which the
// view's own entry records.
func (s *Screen) cardAudit(ev reader.Event) (report.Event, bool) {
	e := report.Event{Action: report.CardRead, Training: s.d.Training, Operator: s.prefs.String(prefOperator), Output: ev.Reader}
	switch ev.State {
	case reader.CardRead:
		return e, true
	case reader.NotMyNumber, reader.Failed:
		e.Failed = true
		if ev.Err != nil {
			e.Output += ": " + ev.Err.Error()
		}
		return e, true
	}
	return e, false
}

// onFace offers a patient a face-auth reader confirmed, as a card would be.
func (s *Screen) onFace(f FaceResult) {
	if f.Err != nil {
		// The reason is one line (the file and e.g. 資格確認が正常終了していません).
		s.setStatus(t("state.faceFailed"), tf("hint.faceFailed", map[string]any{"Why": f.Err.Error()}), widget.WarningImportance)
		s.setCause(f.Err)
		return
	}
	s.touch()
	in := f.Patient.Insurance
	s.lookup(summary.Identity{Insurance: &in}, nil, summary.Emergency)
	s.face, s.faceSeq = &f, s.seq
}

// lookup asks the source for a patient off the UI goroutine; a newer lookup
// cancels an older one, and only the newest result is offered.
func (s *Screen) lookup(id summary.Identity, card *reader.CardInfo, mode summary.Mode) {
	if s.cancelLookup != nil {
		s.cancelLookup()
	}
	s.seq++
	seq := s.seq
	ctx, cancel := context.WithCancel(context.Background())
	s.cancelLookup = cancel
	s.progress.Show()
	s.progress.Start()
	s.cancelBtn.Show()
	s.setStatus(t("state.fetching"), t("hint.fetching"), widget.HighImportance)
	q := summary.Query{Identity: id, On: summary.Today(s.d.Now()), Mode: mode}
	src := s.d.Source
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		rec, err := src.Lookup(ctx, q)
		s.do(func() { s.arrived(seq, q, card, rec, err) })
	}()
}

func (s *Screen) cancel() {
	if s.cancelLookup != nil {
		s.cancelLookup()
	}
}

func (s *Screen) stopProgress() {
	s.progress.Stop()
	s.progress.Hide()
	s.cancelBtn.Hide()
	s.cancelLookup = nil
}

func (s *Screen) arrived(seq int, q summary.Query, card *reader.CardInfo, rec *summary.Record, err error) {
	if seq != s.seq {
		return // a newer card or search took over
	}
	s.stopProgress()
	if err != nil && card != nil && card == s.lastCard && s.shown != nil && s.shown.card != card {
		// The card's patient is unknown while another is shown: the
		// screen may contradict the card on the reader.
		s.markForeign(&foreignCard{unconfirmed: true})
	}
	switch {
	case errors.Is(err, context.Canceled):
		s.setStatus(t("state.cancelled"), t("hint.cancelled"), widget.MediumImportance)
		return
	case errors.Is(err, summary.ErrNotFound):
		s.setStatus(t("state.notFound"), t("hint.notFound"), widget.WarningImportance)
		return
	case errors.Is(err, summary.ErrNoInsurance):
		// The OQS finds patients by insurance numbers; a card on a PC/SC
		// reader carries only its certificate (the face-auth reader asks the OQS).
		s.setStatus(t("state.lookupFailed"), t("hint.oqsNeedsInsurance"), widget.WarningImportance)
		return
	case errors.Is(err, summary.ErrWrongPatient):
		// Nothing of the result is shown, and the refusal is audited as a
		// failed view: the source kept the file (quarantine).
		s.setStatus(t("state.wrongPatient"), t("hint.wrongPatient"), widget.DangerImportance)
		s.setCause(err)
		s.audit(report.Event{Action: report.View, Failed: true, Training: s.d.Training, Mode: q.Mode,
			Operator: s.prefs.String(prefOperator), Output: err.Error()}, func() {})
		return
	case errors.Is(err, ErrNotSetUp):
		s.setStatus(t("state.lookupFailed"), t("oqs.settings"), widget.WarningImportance)
		s.setCause(err)
		return
	case err != nil:
		s.setStatus(t("state.lookupFailed"), t("hint.lookupFailed"), widget.DangerImportance)
		s.setCause(err)
		return
	}
	view := summary.Build(rec, q.Mode, q.On)
	next := &shown{view: view, id: q.Identity, key: patientKey(rec.Patient), card: card}
	if seq == s.faceSeq {
		next.face = s.face
	}
	if s.shown != nil && s.shown.key != next.key {
		s.askReplace(next)
		return
	}
	s.admit(next)
}

// patientKey tells patients apart for the wrong-patient question.
func patientKey(p summary.Patient) string {
	in := p.Insurance
	return in.InsurerNumber + "|" + in.Symbol + "|" + in.Number + "|" + in.Branch + "|" + p.Name + "|" + p.Birth.String()
}

// admit shows a patient after the emergency-access reason is known.
func (s *Screen) admit(next *shown) {
	given, ok := s.reasons[next.key]
	if !ok && s.preReason != nil && s.d.Training {
		given, ok = *s.preReason, true
		s.preReason = nil
		s.reasons[next.key] = given
	}
	if ok {
		s.recordAndDisplay(next, given)
		return
	}
	s.setStatus(t("state.confirm"), t("hint.confirm"), widget.HighImportance)
	s.askReason(next.view.Patient, func(g reasonGiven) {
		s.reasons[next.key] = g
		s.recordAndDisplay(next, g)
	}, func() {
		if s.shown != nil && s.shown.key != next.key {
			s.keepShown(next)
		}
	})
}

// recordAndDisplay writes the audit entry, then shows; nothing is shown
// that the audit log does not hold.
func (s *Screen) recordAndDisplay(next *shown, g reasonGiven) {
	why := g.reason
	if next.view.Mode == summary.Normal {
		why = reason.Reason{Key: reason.Consented}
	}
	ev := report.Event{Action: report.View, Training: s.d.Training, Operator: g.operator, Reason: why, View: next.view}
	s.audit(ev, func() { s.display(next) })
}

// audit records ev off the UI goroutine and runs then on success.
func (s *Screen) audit(ev report.Event, then func()) {
	if s.d.Audit == nil {
		then()
		return
	}
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		err := s.d.Audit.Record(context.Background(), ev)
		s.do(func() {
			if err != nil {
				s.showFailure(t("audit.failed"), err)
				return
			}
			then()
		})
	}()
}

// replaceAsk is the question before another patient replaces the one shown.
type replaceAsk struct {
	yes, no *widget.Button
}

func (s *Screen) askReplace(next *shown) {
	s.closeDialog()
	s.setStatus(t("state.confirm"), t("hint.confirm"), widget.HighImportance)
	msg := widget.NewLabel(tf("replace.message", map[string]any{"Shown": nameOf(s.shown.view.Patient), "New": nameOf(next.view.Patient)}))
	msg.Wrapping = fyne.TextWrapWord
	msg.TextStyle.Bold = true
	ask := &replaceAsk{}
	keep := func() {
		s.closeDialog()
		s.keepShown(next)
	}
	ask.no = widget.NewButton(t("replace.keep"), keep)
	ask.yes = widget.NewButton(t("replace.switch"), func() {
		s.closeDialog()
		s.admit(next)
	})
	ask.yes.Importance = widget.HighImportance
	s.replace = ask
	body := container.NewVBox(container.NewGridWrap(fyne.NewSize(520, 90), msg), container.NewHBox(layout.NewSpacer(), ask.no, ask.yes))
	s.openFlow(dialog.NewCustomWithoutButtons(t("replace.title"), body, s.win), keep)
}

// keepShown: the person kept the patient on screen although another one
// (next) was looked up. When next came from a card, that card lies on the
// reader: the red bar says so above everything until it is removed. The
// decision is audited with the other patient's view, which was not shown.
func (s *Screen) keepShown(next *shown) {
	if next.card != nil {
		s.markForeign(&foreignCard{key: next.key})
	}
	s.setStatus(t("state.kept"), t("hint.kept"), widget.WarningImportance)
	ev := report.Event{Action: report.KeptShown, Training: s.d.Training, Operator: s.prefs.String(prefOperator), View: next.view}
	s.audit(ev, func() {})
}

// foreignCard is a card on the reader that is not the shown patient's:
// another patient's, or one whose patient could not be confirmed.
type foreignCard struct {
	key         string // the other patient's key; "" when unconfirmed
	unconfirmed bool
}

// markForeign shows the red bar for a card that contradicts the screen.
func (s *Screen) markForeign(f *foreignCard) {
	s.foreign = f
	s.showForeignBar()
}

// showForeignBar shows the bar in its wording, or hides it.
func (s *Screen) showForeignBar() {
	if s.foreign == nil {
		s.foreignBar.Hide()
		return
	}
	key := "foreign.bar"
	if s.foreign.unconfirmed {
		key = "foreign.unconfirmed"
	}
	s.foreignText.Text = "⚠ " + t(key)
	s.foreignText.Refresh()
	s.foreignBar.Show()
}

// cardGone ends the other patient's card warning: the card left the reader.
func (s *Screen) cardGone() {
	s.foreign = nil
	s.lastCard = nil
	s.showForeignBar()
}

// clearScreen takes the patient off the screen (画面クリア, idle).
func (s *Screen) clearScreen() {
	s.cancel()
	s.seq++ // a lookup still running is not shown
	s.stopProgress()
	s.closeDialog()
	s.stopIdleClock()
	s.removeTempFiles()
	s.foreign = nil // nothing is shown that the card could contradict
	s.showForeignBar()
	s.showNothing()
	s.setStatus(t("state.cleared"), t("hint.waiting"), widget.MediumImportance)
}
