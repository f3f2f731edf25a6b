package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"kyukyu/ui/flow"
)

// showPicker lists the training cases with what each teaches (Ctrl+O).
func (s *Screen) showPicker() {
	if !s.d.Training {
		return
	}
	s.touch()
	if s.picker != nil {
		// A second Ctrl+O goes to the picker already open, not a second one.
		s.win.Canvas().Focus(s.picker)
		return
	}
	var d dialog.Dialog
	chosen := -1
	list := s.newList(func() int { return len(s.d.Cases) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			teaches := widget.NewLabel("")
			teaches.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, teaches)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.d.Cases[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(c.Name + "（" + c.ID + "）")
			box.Objects[1].(*widget.Label).SetText(c.Teaches)
		})
	open := widget.NewButton(t("picker.open"), func() {
		d.Hide()
		s.openCase(s.d.Cases[chosen].ID)
	})
	open.Importance = widget.HighImportance
	open.Disable()
	vcard := widget.NewButton(t("picker.vcard"), func() {
		d.Hide()
		s.startVCard(s.d.Cases[chosen].ID)
	})
	vcard.Disable()
	list.OnSelected = func(i widget.ListItemID) {
		chosen = i
		open.Enable()
		if s.d.VCard != nil {
			vcard.Enable()
		}
	}
	help := widget.NewLabel(t("picker.help"))
	help.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(help, container.NewHBox(open, vcard), nil, nil, list)
	d = dialog.NewCustom(t("picker.title"), t("btn.close"), body, s.win)
	d.Resize(fyne.NewSize(820, 620))
	d.SetOnClosed(func() { s.picker = nil })
	s.picker = list
	s.show(d, nil)
	s.win.Canvas().Focus(list)
}

// openCase looks a training patient up as its card would be.
func (s *Screen) openCase(id string) {
	s.send(flow.Search{Identity: s.d.CaseIdentity(id)})
}

// OpenCase opens a training case given at start (-patient), with the
// emergency reason recorded as practice, so a screenshot shows the summary.
func (s *Screen) OpenCase(id string) {
	s.do(func() {
		s.send(flow.OpenAtStart{Identity: s.d.CaseIdentity(id)})
	})
}

// startVCard starts the virtual card of a case, or says what to install.
func (s *Screen) startVCard(id string) {
	switch n := s.d.VCard.Needs(); {
	case n.Unsupported:
		s.showInfo(t("vcard.title"), t("vcard.unsupported"))
		return
	case len(n.Install) > 0:
		s.showInfo(t("vcard.title"), tf("vcard.missing", map[string]any{"Install": "sudo apt-get install " + strings.Join(n.Install, " ")}))
		return
	case n.Start != "":
		s.showInfo(t("vcard.title"), tf("vcard.notRunning", map[string]any{"Command": "sudo systemctl start " + n.Start}))
		return
	}
	if err := s.d.VCard.Start(id); err != nil {
		s.showFailure(t("vcard.failed"), err)
		return
	}
	s.setStatus(t("vcard.started"), t("hint.waiting"), widget.HighImportance)
}
