package ui

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// openDialog is a dialog on screen and what Esc means for it: for the
// flow questions Esc is their "no" (keep the patient shown, show nothing),
// for the others it closes them.
type openDialog struct {
	d       dialog.Dialog
	dismiss func()
	patient bool // it shows or acts on the patient: a clear dismisses it
}

// show opens d on top of the dialogs already open; dismiss is what Esc
// does (nil: close it).
func (s *Screen) show(d dialog.Dialog, dismiss func()) { s.open(&openDialog{d: d, dismiss: dismiss}) }

// showPatient opens d, which shows or acts on the patient on screen: a
// clear, the idle clear too, dismisses it with the patient.
func (s *Screen) showPatient(d dialog.Dialog, dismiss func()) {
	s.open(&openDialog{d: d, dismiss: dismiss, patient: true})
}

func (s *Screen) open(od *openDialog) {
	d := od.d
	if od.dismiss == nil {
		od.dismiss = d.Hide
	}
	s.dialogs = append(s.dialogs, od)
	d.SetOnClosed(func() {
		for i, o := range s.dialogs {
			if o == od {
				s.dialogs = append(s.dialogs[:i], s.dialogs[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// dismissPatientDialogs dismisses the dialogs of the patient cleared.
func (s *Screen) dismissPatientDialogs() {
	for _, o := range slices.Clone(s.dialogs) { // closing one takes it off s.dialogs
		if o.patient {
			o.dismiss()
		}
	}
}

// escape closes the top dialog only; with none open it clears the screen.
func (s *Screen) escape() {
	if n := len(s.dialogs); n > 0 {
		s.dialogs[n-1].dismiss()
		return
	}
	s.clearScreen()
}

// openFlow opens a question of the patient flow (the emergency reason,
// another patient); a clear or the next question closes it.
func (s *Screen) openFlow(d dialog.Dialog, dismiss func()) {
	s.dlg = d
	s.show(d, dismiss)
}

// closeDialog closes the open flow dialog (the flow moved on).
func (s *Screen) closeDialog() {
	if s.dlg != nil {
		d := s.dlg
		s.dlg, s.reason, s.replace, s.consentQ = nil, nil, nil, nil
		d.Hide()
	}
}

func (s *Screen) showError(msg string) {
	s.show(dialog.NewError(errors.New(msg), s.win), nil)
}

// showFailure says what failed in the screen's language; the system's own
// message (in its language, often English) waits behind 詳細, as on the
// status line.
func (s *Screen) showFailure(msg string, cause error) {
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(t("failure.title"), t("btn.close"), container.NewVBox(text, causeDetails(cause)), s.win)
	d.Resize(fyne.NewSize(560, 220))
	s.show(d, nil)
}

// causeDetails is a 詳細 button that shows the system's message below it.
func causeDetails(cause error) fyne.CanvasObject {
	msg := widget.NewLabel(cause.Error())
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	var more *widget.Button
	more = widget.NewButtonWithIcon(t("btn.cause"), theme.InfoIcon(), func() {
		msg.Show()
		more.Hide()
	})
	return container.NewVBox(more, msg)
}

func (s *Screen) showInfo(title, msg string) {
	s.show(dialog.NewInformation(title, msg, s.win), nil)
}

// escEntry is a text entry in a dialog: Esc closes the dialog as it does
// without focus (a focused Fyne entry keeps the key to itself).
type escEntry struct {
	widget.Entry
	onEsc func()
}

func (s *Screen) newEntry() *escEntry {
	e := &escEntry{onEsc: s.escape}
	e.ExtendBaseWidget(e)
	return e
}

func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEsc != nil {
		e.onEsc()
		return
	}
	e.Entry.TypedKey(k)
}

// escList is a list in a dialog (the training picker): Esc closes the
// dialog while the list has the focus, as it does without.
type escList struct {
	widget.List
	onEsc func()
}

func (s *Screen) newList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *escList {
	l := &escList{onEsc: s.escape}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *escList) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		l.onEsc()
		return
	}
	l.List.TypedKey(k)
}
