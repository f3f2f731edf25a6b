package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kyukyu/summary"
	"kyukyu/summary/alerttext"
	"kyukyu/ui/flow"
)

// searchForm is the manual search by the insurance numbers.
type searchForm struct {
	insurer, symbol, number, branch *escEntry
	problem                         *widget.Label
	submit                          *widget.Button
	content                         fyne.CanvasObject
}

// insurance is what was typed, spaces trimmed.
func (f *searchForm) insurance() summary.Insurance {
	return summary.Insurance{
		InsurerNumber: strings.TrimSpace(f.insurer.Text),
		Symbol:        strings.TrimSpace(f.symbol.Text),
		Number:        strings.TrimSpace(f.number.Text),
		Branch:        strings.TrimSpace(f.branch.Text),
	}
}

// validate allows the search only when the numbers are valid, and shows
// the first problem once the person has typed: an empty form is not wrong.
func (f *searchForm) validate() {
	if err := summary.ValidateInsurance(f.insurance()); err != nil {
		f.problem.SetText("")
		if f.typed() {
			f.problem.SetText(alerttext.Insurance(err, tf))
		}
		f.submit.Disable()
		return
	}
	f.problem.SetText("")
	f.submit.Enable()
}

// typed reports whether anything but the preset branch was entered.
func (f *searchForm) typed() bool {
	in := f.insurance()
	return in.InsurerNumber != "" || in.Symbol != "" || in.Number != "" || in.Branch != "00"
}

func (s *Screen) newSearchForm(submit func(summary.Insurance)) *searchForm {
	f := &searchForm{insurer: s.newEntry(), symbol: s.newEntry(), number: s.newEntry(), branch: s.newEntry()}
	f.insurer.SetPlaceHolder(t("search.insurerPlaceholder"))
	f.branch.SetText("00")
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.WarningImportance
	f.problem.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(t("search.insurer"), f.insurer),
		widget.NewFormItem(t("search.symbol"), f.symbol),
		widget.NewFormItem(t("search.number"), f.number),
		widget.NewFormItem(t("search.branch"), f.branch),
	)
	f.submit = widget.NewButtonWithIcon(t("search.submit"), theme.SearchIcon(), func() { submit(f.insurance()) })
	f.submit.Importance = widget.HighImportance
	for _, e := range []*escEntry{f.insurer, f.symbol, f.number, f.branch} {
		e.OnChanged = func(string) { f.validate() }
		e.OnSubmitted = func(string) {
			if !f.submit.Disabled() {
				f.submit.OnTapped()
			}
		}
	}
	f.content = container.NewVBox(form, f.problem, f.submit)
	f.validate()
	return f
}

// showSearch opens the manual search (Ctrl+F).
func (s *Screen) showSearch() {
	s.touch()
	var d dialog.Dialog
	f := s.newSearchForm(func(in summary.Insurance) {
		d.Hide()
		s.send(flow.Search{Identity: summary.Identity{Insurance: &in}})
	})
	d = dialog.NewCustom(t("search.title"), t("btn.cancel"), f.content, s.win)
	d.Resize(fyne.NewSize(620, 380))
	s.show(d, nil)
	s.win.Canvas().Focus(f.insurer)
}
