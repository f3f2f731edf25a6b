package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// shortcuts: every action of the main window has a key (Ctrl, or Cmd on macOS).
func (s *Screen) setShortcuts() {
	c := s.win.Canvas()
	for key, action := range map[fyne.KeyName]func(){
		fyne.KeyP:     s.printPDF,
		fyne.KeyS:     s.savePDF,
		fyne.KeyF:     s.showSearch,
		fyne.KeyO:     s.showPicker,
		fyne.KeyE:     func() { s.consent.SetChecked(!s.consent.Checked) },
		fyne.KeyL:     s.clearScreen,
		fyne.KeyComma: s.showSettings,
	} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { action() })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		s.touch()
		if e.Name == fyne.KeyEscape {
			s.escape()
		}
	})
}
