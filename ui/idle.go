package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kyukyu/ui/flow"
)

// idleMinutes is the configured time before an unattended patient is cleared.
func (s *Screen) idleMinutes() int { return s.settings().num(prefIdleMinutes, defaultIdleMinutes) }

// renderIdle shows the countdown and the idle note, and sets the one timer
// for the flow's next tick.
func (s *Screen) renderIdle(v flow.View) {
	if v.Countdown > 0 {
		s.idleText.SetText(tf("idle.countdown", map[string]any{"Seconds": v.Countdown}))
	}
	if (v.Countdown > 0) != s.idleBar.Visible() {
		if v.Countdown > 0 {
			s.idleBar.Show()
		} else {
			s.idleBar.Hide()
		}
		// The bar changes the height of the window's top: lay it out now,
		// or it is drawn only at the next resize.
		s.frame.Refresh()
	}
	note := ""
	if v.IdleMinutes > 0 {
		note = tf("idle.note", map[string]any{"Minutes": v.IdleMinutes})
	}
	if s.idle.Text != note {
		s.idle.SetText(note)
	}
	next, ok := s.flow.NextWake()
	if ok && next.Equal(s.wake) {
		return
	}
	if s.stopIdle != nil {
		s.stopIdle()
		s.stopIdle = nil
	}
	s.wake = next
	if ok {
		s.stopIdle = s.d.After(max(next.Sub(s.d.Clock()), 0), func() {
			s.do(func() {
				s.wake = time.Time{}
				s.send(flow.Tick{})
			})
		})
	}
}

// touch is any sign of a person at the workstation: a key, the pointer
// over the window or a row, scrolling in any pane, a button.
func (s *Screen) touch() {
	s.flow.Handle(flow.Use{}) // a use asks for no work
	s.renderIdle(s.flow.View())
}

// newIdleBar is the countdown strip: what happens, and the button that
// keeps the patient on screen.
func (s *Screen) newIdleBar() fyne.CanvasObject {
	s.idleText = widget.NewLabel("")
	s.idleText.TextStyle.Bold = true
	s.idleText.Importance = widget.WarningImportance
	s.keepBtn = s.newButton(t("idle.keep"), theme.VisibilityIcon(), s.touch)
	s.keepBtn.Importance = widget.HighImportance
	s.idleBar = container.NewHBox(widget.NewIcon(theme.WarningIcon()), s.idleText, s.keepBtn)
	s.idleBar.Hide()
	return s.idleBar
}

// activity wraps the window content to notice the pointer and the scroll
// wheel over the parts that do not take them themselves (the list rows
// do, see rowView).
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

// Fyne gives the pointer to the top-most hoverable object under it only:
// over a button or a check, the activity wrapper behind hears nothing. So
// the main window's own buttons and check count the pointer themselves.
// The pointer over a dialog does not count: a dialog is a modal overlay
// whose own widgets take the pointer (keys count while none of them has
// the focus).

// useButton is a button of the main window whose hover counts as use.
type useButton struct {
	widget.Button
	touch func()
}

func (s *Screen) newButton(label string, icon fyne.Resource, tapped func()) *useButton {
	b := &useButton{Button: widget.Button{Text: label, Icon: icon, OnTapped: tapped}, touch: s.touch}
	b.ExtendBaseWidget(b)
	return b
}

func (b *useButton) MouseIn(e *desktop.MouseEvent)    { b.touch(); b.Button.MouseIn(e) }
func (b *useButton) MouseMoved(e *desktop.MouseEvent) { b.touch(); b.Button.MouseMoved(e) }

// useCheck is a check of the main window whose hover counts as use.
type useCheck struct {
	widget.Check
	touch func()
}

func (s *Screen) newCheck(label string, changed func(bool)) *useCheck {
	c := &useCheck{Check: widget.Check{Text: label, OnChanged: changed}, touch: s.touch}
	c.ExtendBaseWidget(c)
	return c
}

func (c *useCheck) MouseIn(e *desktop.MouseEvent)    { c.touch(); c.Check.MouseIn(e) }
func (c *useCheck) MouseMoved(e *desktop.MouseEvent) { c.touch(); c.Check.MouseMoved(e) }
