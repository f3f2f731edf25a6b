package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kyukyu/access"
	"kyukyu/summary"
	"kyukyu/ui/flow"
)

// The window's side of the hospital's rights, the staff sign-in and the
// confirmed consent (the rules are package flow's).

// StaffDirectory finds the staff member of a staff card's UID (package
// staff: a CSV file or the central database).
type StaffDirectory interface {
	Lookup(ctx context.Context, uid string) (access.Staff, error)
}

// findStaff asks the directory off the UI goroutine; the flow gets the answer.
func (s *Screen) findStaff(uid string) {
	dir := s.d.Staff
	s.work.Add(1)
	go func() {
		defer s.work.Done()
		st, err := dir.Lookup(context.Background(), uid)
		s.do(func() { s.send(flow.StaffFound{UID: uid, Staff: st, Err: err}) })
	}()
}

// staffText is who works at the workstation, beside the mode: the staff
// member signed in (署名: 山田（救急科）), else the operator name typed in
// the settings, a label only (the audit log names the OS account); "" for none.
func staffText(st *access.Staff, operator string) string {
	switch {
	case st == nil && operator == "":
		return ""
	case st == nil:
		return tf("operator.label", map[string]any{"Name": operator})
	case st.Department == "":
		return tf("staff.signedIn", map[string]any{"Name": st.Name})
	}
	return tf("staff.signedInDept", map[string]any{"Name": st.Name, "Department": st.Department})
}

// modeHeader is the legal ground of the shown view, on the patient's header.
var modeHeader = map[summary.Mode]string{summary.Emergency: "header.mode.emergency", summary.Normal: "header.mode.consent"}

// consentAsk is the open consent question.
type consentAsk struct {
	how *widget.RadioGroup
	by  *escEntry
	ok  *widget.Button
}

// askConsent asks who confirmed the patient's consent and how, before the
// with-consent periods are shown.
func (s *Screen) askConsent(p *flow.Patient) {
	labels := make([]string, len(flow.ConsentHows))
	byLabel := map[string]flow.ConsentHow{}
	for i, h := range flow.ConsentHows {
		labels[i] = t("consent.how." + string(h))
		byLabel[labels[i]] = h
	}
	f := &consentAsk{how: widget.NewRadioGroup(labels, nil), by: s.newEntry()}
	f.how.Required = true
	f.by.SetPlaceHolder(t("consent.byPlaceholder"))
	if st := s.flow.View().Staff; st != nil {
		f.by.SetText(st.Name)
	} else {
		f.by.SetText(s.prefs.String(prefOperator))
	}
	f.ok = widget.NewButton(t("consent.ok"), func() {
		by := strings.TrimSpace(f.by.Text)
		if h, ok := byLabel[f.how.Selected]; ok && by != "" {
			s.send(flow.ConsentGiven{How: h, By: by})
		}
	})
	f.ok.Importance = widget.HighImportance
	validate := func(string) {
		if f.how.Selected == "" || strings.TrimSpace(f.by.Text) == "" {
			f.ok.Disable()
		} else {
			f.ok.Enable()
		}
	}
	f.how.OnChanged, f.by.OnChanged = validate, validate
	validate("")
	decline := func() { s.send(flow.ConsentDeclined{}) }
	intro := widget.NewLabel(tf("consent.intro", map[string]any{"Name": nameOf(p.View.Patient)}))
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(container.NewGridWrap(fyne.NewSize(560, 70), intro), f.how,
		widget.NewForm(widget.NewFormItem(t("consent.by"), f.by)),
		container.NewHBox(layout.NewSpacer(), widget.NewButton(t("reason.cancel"), decline), f.ok))
	s.consentQ = f
	s.openFlow(dialog.NewCustomWithoutButtons(t("consent.title"), body, s.win), decline)
}
