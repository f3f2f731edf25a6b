package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/widget"

	"kyukyu/summary"
	"kyukyu/ui/flow"
	"kyukyu/ui/report"
)

// The window's flow rules live in package flow; this file sends it the
// window's events, runs the work it asks for and renders its View.

// Start begins listening to the card monitor; it stops with ctx.
func (s *Screen) Start(ctx context.Context) {
	s.ctx = ctx
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
					s.send(ev)
					s.handled.Add(1)
				})
			case f, ok := <-faces:
				if !ok {
					faces = nil
					continue
				}
				s.do(func() {
					s.send(f)
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

// send hands the flow an event on the UI goroutine, shows its new state
// and runs the work it asks for.
func (s *Screen) send(ev flow.Event) {
	effects := s.flow.Handle(ev)
	s.render()
	for _, e := range effects {
		s.run(e)
	}
}

// run does one piece of the flow's work; slow work runs off the UI
// goroutine and answers with an event.
func (s *Screen) run(e flow.Effect) {
	switch e := e.(type) {
	case flow.Lookup:
		s.cancel()
		ctx, cancel := context.WithCancel(s.ctx)
		s.cancelLookup = cancel
		src := s.d.Source
		s.work.Add(1)
		go func() {
			defer s.work.Done()
			rec, err := src.Lookup(ctx, e.Query)
			s.do(func() { s.send(flow.Found{Seq: e.Seq, Record: rec, Err: err}) })
		}()
	case flow.CancelLookup:
		s.cancel()
	case flow.FindStaff:
		s.findStaff(e.UID)
	case flow.Record:
		s.record(e.Event, func(err error) {
			switch {
			case err != nil:
				s.showFailure(t("audit.failed"), err)
				s.send(flow.AuditFailed{Err: err})
			case e.Then != nil:
				s.send(e.Then)
			}
		})
	case flow.Cleared:
		s.cancelLookup = nil
		s.closeDialog() // the patient's own dialogs went as render took her off
		s.removeTempFiles()
	}
}

// audit records ev off the UI goroutine and runs then on success.
func (s *Screen) audit(ev report.Event, then func()) {
	s.record(ev, func(err error) {
		if err != nil {
			s.showFailure(t("audit.failed"), err)
			return
		}
		then()
	})
}

// record records ev off the UI goroutine; done gets the log's answer on it.
func (s *Screen) record(ev report.Event, done func(error)) {
	if s.d.Audit == nil {
		done(nil)
		return
	}
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		err := s.d.Audit.Record(context.WithoutCancel(s.ctx), ev) // an entry is written even as the window closes
		s.do(func() { done(err) })
	}()
}

// cancel cancels the running lookup (取消): its answer says so.
func (s *Screen) cancel() {
	if s.cancelLookup != nil {
		s.cancelLookup()
		s.cancelLookup = nil
	}
}

// levels are the status strip's importance of each flow level.
var levels = map[flow.Level]widget.Importance{
	flow.Medium: widget.MediumImportance, flow.High: widget.HighImportance, flow.Success: widget.SuccessImportance,
	flow.Warning: widget.WarningImportance, flow.Danger: widget.DangerImportance,
}

// render shows the flow's View: each part is touched only when it changed.
func (s *Screen) render() {
	v := s.flow.View()
	if v.Shown != s.shown {
		// The dialogs of the patient leaving go with her, whoever comes
		// next: a page question answered later would print her summary
		// under the next patient's name.
		s.dismissPatientDialogs()
		if v.Shown == nil {
			s.showNothing()
		} else {
			s.display(v.Shown)
		}
	}
	if st := v.Status; !sameStatus(st, s.lastStatus) {
		s.say(st)
		s.lastStatus = st
	}
	if v.Busy != s.progress.Visible() {
		if v.Busy {
			s.progress.Show()
			s.progress.Start()
			s.cancelBtn.Show()
		} else {
			s.progress.Stop()
			s.progress.Hide()
			s.cancelBtn.Hide()
		}
	}
	s.showForeignBar(v.Foreign)
	if q := v.Question; q.Seq != s.question {
		s.closeDialog()
		s.question = q.Seq
		switch q.Kind {
		case flow.AskReason:
			s.askReason(q.Next.View.Patient)
		case flow.AskReplace:
			s.askReplace(v.Shown, q.Next)
		case flow.AskConsent:
			s.askConsent(q.Next)
		}
	}
	if v.Shown != nil && v.Question.Kind != flow.AskConsent && s.consent.Checked != (v.Shown.View.Mode == summary.Normal) {
		s.setConsentChecked(v.Shown.View.Mode == summary.Normal) // a declined or refused switch
	}
	if txt := staffText(v.Staff, s.prefs.String(prefOperator)); txt != s.staffLabel.Text {
		s.staffLabel.SetText(txt)
		s.staffLabel.Hidden = txt == ""
		s.staffLabel.Refresh()
	}
	s.renderIdle(v)
}

// say shows a status on the strip: what, what to do, the cause behind 詳細.
func (s *Screen) say(st flow.Status) {
	s.setStatus(tf(st.Text, st.Data), tf(st.Hint, st.Data), levels[st.Level])
	if st.Cause != nil {
		s.setCause(st.Cause)
	}
}

// restStatus puts the flow's status back on the strip after a status of
// the window's own (printing, a dialog's question) ended.
func (s *Screen) restStatus() {
	s.lastStatus = flow.Status{}
	s.render()
}

// sameStatus reports whether two statuses read the same.
func sameStatus(a, b flow.Status) bool {
	if a.Text != b.Text || a.Hint != b.Hint || a.Level != b.Level || a.Cause != b.Cause || len(a.Data) != len(b.Data) {
		return false
	}
	for k, v := range a.Data {
		if b.Data[k] != v {
			return false
		}
	}
	return true
}
