package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// warnBefore is how long the countdown before an idle clear runs: long
// enough to reach the mouse, short enough not to be a second timeout.
const warnBefore = 30 * time.Second

// idleTime is the configured time before an unattended patient is cleared.
func (s *Screen) idleTime() time.Duration {
	return time.Duration(s.settings().num(prefIdleMinutes, defaultIdleMinutes)) * time.Minute
}

// armIdle (re)starts the idle clear while a patient is shown: the
// countdown comes warnBefore ahead of the clear.
func (s *Screen) armIdle() {
	s.stopIdleClock()
	if s.shown == nil || s.idleTime() <= 0 {
		return
	}
	seq := s.seq
	quiet := max(s.idleTime()-warnBefore, 0)
	s.stopIdle = s.d.After(quiet, func() {
		s.do(func() {
			if seq == s.seq && s.shown != nil {
				s.countdown(seq, int((s.idleTime()-quiet)/time.Second))
			}
		})
	})
	s.idle.SetText(tf("idle.note", map[string]any{"Minutes": int(s.idleTime() / time.Minute)}))
}

// countdown shows the seconds left before the clear, one a second, with
// 続けて表示 to keep reading.
func (s *Screen) countdown(seq, left int) {
	if left <= 0 {
		s.clearScreen()
		s.setStatus(t("state.idleCleared"), t("hint.waiting"), widget.MediumImportance)
		return
	}
	s.idleText.SetText(tf("idle.countdown", map[string]any{"Seconds": left}))
	s.idleBar.Show()
	s.stopIdle = s.d.After(time.Second, func() {
		s.do(func() {
			if seq == s.seq && s.shown != nil {
				s.countdown(seq, left-1)
			}
		})
	})
}

// stopIdleClock stops the idle clear and its countdown.
func (s *Screen) stopIdleClock() {
	if s.stopIdle != nil {
		s.stopIdle()
		s.stopIdle = nil
	}
	s.idleBar.Hide()
	s.idle.SetText("")
}

// touch is any sign of a person at the workstation: a key, the pointer
// over the window or a row, scrolling, a button.
func (s *Screen) touch() {
	if s.shown != nil {
		s.armIdle()
	}
}

// newIdleBar is the countdown strip: what happens, and the button that
// keeps the patient on screen.
func (s *Screen) newIdleBar() fyne.CanvasObject {
	s.idleText = widget.NewLabel("")
	s.idleText.TextStyle.Bold = true
	s.idleText.Importance = widget.WarningImportance
	s.keepBtn = widget.NewButtonWithIcon(t("idle.keep"), theme.VisibilityIcon(), s.touch)
	s.keepBtn.Importance = widget.HighImportance
	s.idleBar = container.NewHBox(widget.NewIcon(theme.WarningIcon()), s.idleText, s.keepBtn)
	s.idleBar.Hide()
	return s.idleBar
}

// activity wraps the window content to notice the pointer over the parts
// that do not take the pointer themselves (the list rows do, see rowView).
type activity struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

func newActivity(content fyne.CanvasObject, touch func()) *activity {
	a := &activity{content: content, touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activity) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.content) }
func (a *activity) MouseIn(*desktop.MouseEvent)         { a.touch() }
func (a *activity) MouseMoved(*desktop.MouseEvent)      { a.touch() }
func (a *activity) MouseOut()                           {}
