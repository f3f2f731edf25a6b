package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kyukyu/audit/reason"
	"kyukyu/summary"
	"kyukyu/ui/flow"
)

// reasonChoices are the emergency-access reasons the dialog offers, with
// the text key of each; the log stores the reason's key, Other with the
// text the person wrote.
var reasonChoices = []struct {
	key   reason.Key
	label string
}{
	{reason.Unconscious, "reason.unconscious"},
	{reason.CannotUnderstand, "reason.cannotUnderstand"},
	{reason.UrgentDecision, "reason.urgentDecision"},
	{reason.Other, "reason.other"},
}

// reasonForm is the emergency-access dialog: why, and who.
type reasonForm struct {
	choice   *widget.RadioGroup
	other    *escEntry
	operator *escEntry
	problem  *widget.Label
	ok       *widget.Button
	cancel   *widget.Button
}

// askReason asks, before the first view of a patient without consent, the
// reason and the operator; the answer goes to the flow.
func (s *Screen) askReason(p summary.Patient) {
	f := &reasonForm{}
	labels := make([]string, len(reasonChoices))
	byLabel := map[string]reason.Key{}
	for i, c := range reasonChoices {
		labels[i] = t(c.label)
		byLabel[labels[i]] = c.key
	}
	f.choice = widget.NewRadioGroup(labels, nil)
	f.choice.Required = true
	f.choice.SetSelected(labels[0])
	f.other = s.newEntry()
	f.other.SetPlaceHolder(t("reason.otherPlaceholder"))
	f.operator = s.newEntry()
	f.operator.SetPlaceHolder(t("reason.operatorPlaceholder"))
	f.operator.SetText(s.prefs.String(prefOperator))
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.WarningImportance
	// given is the chosen reason with what was written beside it (kept
	// for any reason: nothing the person wrote is lost), or the problem.
	given := func() (reason.Reason, string) {
		r := reason.Reason{Key: byLabel[f.choice.Selected], Text: strings.TrimSpace(f.other.Text)}
		switch {
		case strings.TrimSpace(f.operator.Text) == "":
			return r, t("reason.needOperator")
		case r.Key == reason.Other && r.Text == "":
			return r, t("reason.needText")
		}
		return r, ""
	}
	validate := func() {
		if _, problem := given(); problem != "" {
			f.problem.SetText(problem)
			f.ok.Disable()
			return
		}
		f.problem.SetText("")
		f.ok.Enable()
	}
	f.ok = widget.NewButton(t("reason.ok"), func() {
		r, problem := given()
		if problem != "" {
			return
		}
		op := strings.TrimSpace(f.operator.Text)
		s.prefs.SetString(prefOperator, op)
		s.send(flow.ReasonGiven{Reason: r})
	})
	f.ok.Importance = widget.HighImportance
	cancel := func() { s.send(flow.ReasonDeclined{}) }
	f.cancel = widget.NewButton(t("reason.cancel"), cancel)
	f.choice.OnChanged = func(string) { validate() }
	f.other.OnChanged = func(string) { validate() }
	f.operator.OnChanged = func(string) { validate() }
	f.operator.OnSubmitted = func(string) { f.ok.OnTapped() }
	intro := widget.NewLabel(tf("reason.intro", map[string]any{"Name": nameOf(p)}))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		container.NewGridWrap(fyne.NewSize(560, 110), intro),
		f.choice, f.other,
		widget.NewForm(widget.NewFormItem(t("reason.operator"), f.operator)),
		f.problem,
		container.NewHBox(layout.NewSpacer(), f.cancel, f.ok),
	)
	validate()
	s.reason = f
	d := dialog.NewCustomWithoutButtons(t("reason.title"), body, s.win)
	s.openFlow(d, cancel)
	s.win.Canvas().Focus(f.operator)
}

// replaceAsk is the question before another patient replaces the one shown.
type replaceAsk struct {
	yes, no *widget.Button
}

// askReplace asks before next replaces the patient shown: both by name,
// birth date and age (two patients of one name are told apart), and the
// patient shown kept unless the person chooses otherwise.
func (s *Screen) askReplace(shown, next *flow.Patient) {
	who := func(p *flow.Patient) string {
		pt := p.View.Patient
		return tf("replace.patient", map[string]any{"Name": nameOf(pt), "Birth": dateText(pt.Birth), "Age": p.View.Age})
	}
	msg := widget.NewLabel(tf("replace.message", map[string]any{"Shown": who(shown), "New": who(next)}))
	msg.Wrapping = fyne.TextWrapWord
	msg.TextStyle.Bold = true
	ask := &replaceAsk{}
	keep := func() { s.send(flow.ReplaceAnswer{Switch: false}) }
	ask.no = widget.NewButton(t("replace.keep"), keep)
	ask.no.Importance = widget.HighImportance
	ask.yes = widget.NewButton(t("replace.switch"), func() { s.send(flow.ReplaceAnswer{Switch: true}) })
	s.replace = ask
	body := container.NewVBox(container.NewGridWrap(fyne.NewSize(560, 120), msg), container.NewHBox(layout.NewSpacer(), ask.yes, ask.no))
	s.openFlow(dialog.NewCustomWithoutButtons(t("replace.title"), body, s.win), keep)
	s.win.Canvas().Focus(ask.no)
}

// consentChanged switches between the emergency periods and the normal
// periods the patient consented to; the summary is fetched again (the OQS
// request period follows the mode) and that view is audited as consented.
func (s *Screen) consentChanged(on bool) {
	if s.syncingCheck {
		return
	}
	s.send(flow.Consent{On: on})
}
