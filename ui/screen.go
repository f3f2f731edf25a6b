package ui

import (
	"context"
	"image/color"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kyukyu/reader"
	"kyukyu/summary"
	"kyukyu/summary/alerttext"
)

// shown is the patient on screen.
type shown struct {
	view *summary.View
	id   summary.Identity
	key  string
	card *reader.CardInfo
}

// Screen is the main window and its flows.
type Screen struct {
	app   fyne.App
	win   fyne.Window
	d     Deps
	prefs fyne.Preferences
	ui    sync.Mutex // held by every update from a background goroutine (see do)

	shown *shown
	rows  []listRow

	banner     fyne.CanvasObject
	foreignBar fyne.CanvasObject
	status     *widget.Label
	hint       *widget.Label
	modeLabel  *widget.Label
	progress   *widget.ProgressBarInfinite
	cancelBtn  *widget.Button
	idle       *widget.Label
	idleBar    fyne.CanvasObject // the countdown before an idle clear
	idleText   *widget.Label
	keepBtn    *widget.Button

	placeholder *widget.Label
	header      *fyne.Container
	alerts      *fyne.Container
	list        *widget.List
	body        *fyne.Container
	consent     *widget.Check

	printBtn, saveBtn, clearBtn, searchBtn, pickBtn, settingsBtn *widget.Button

	// Flow state, touched on the UI goroutine only.
	seq          int
	cancelLookup context.CancelFunc
	reasons      map[string]reasonGiven // patient key → the emergency reason given this session
	preReason    *reasonGiven           // the reason of a training case opened at start
	dlg          dialog.Dialog          // the open flow dialog, closed by a clear
	dialogs      []*openDialog          // every open dialog, the top one last
	picker       *widget.List           // the open training picker's list, nil when closed
	foreign      *shown                 // another patient whose card lies on the reader, not shown
	reason       *reasonForm            // the open emergency-access form
	replace      *replaceAsk            // the open "another patient?" question
	stopIdle     func() bool
	tempFiles    []string
	syncingCheck bool

	// work counts background jobs and handled card events, so tests wait for them.
	work    sync.WaitGroup
	handled atomic.Int64
}

type reasonGiven struct{ reason, operator string }

// New builds the main window of app.
func New(app fyne.App, d Deps) *Screen {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.After == nil {
		d.After = realAfter
	}
	s := &Screen{app: app, d: d, prefs: app.Preferences(), reasons: map[string]reasonGiven{}}
	s.win = app.NewWindow(t("app.title"))
	s.build()
	s.setShortcuts()
	s.showNothing()
	s.win.Resize(fyne.NewSize(1200, 860))
	return s
}

// Window is the main window.
func (s *Screen) Window() fyne.Window { return s.win }

func (s *Screen) build() {
	s.status = widget.NewLabel("")
	s.status.TextStyle.Bold = true
	s.hint = widget.NewLabel("")
	s.hint.Truncation = fyne.TextTruncateEllipsis
	s.modeLabel = widget.NewLabel(s.modeText())
	s.modeLabel.TextStyle.Bold = true
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.progress.Hide()
	s.cancelBtn = widget.NewButtonWithIcon(t("btn.cancel"), theme.CancelIcon(), s.cancel)
	s.cancelBtn.Hide()
	s.idle = widget.NewLabel("")
	s.idle.Importance = widget.LowImportance
	strip := container.NewBorder(nil, nil, s.status,
		container.NewHBox(container.NewGridWrap(fyne.NewSize(120, 10), s.progress), s.cancelBtn, s.idle, s.modeLabel), s.hint)

	s.pickBtn = widget.NewButtonWithIcon(t("btn.pick"), theme.AccountIcon(), s.showPicker)
	s.searchBtn = widget.NewButtonWithIcon(t("btn.search"), theme.SearchIcon(), s.showSearch)
	s.printBtn = widget.NewButtonWithIcon(t("btn.print"), theme.DocumentPrintIcon(), s.printPDF)
	s.saveBtn = widget.NewButtonWithIcon(t("btn.save"), theme.DocumentSaveIcon(), s.savePDF)
	s.clearBtn = widget.NewButtonWithIcon(t("btn.clear"), theme.VisibilityOffIcon(), s.clearScreen)
	s.settingsBtn = widget.NewButtonWithIcon(t("btn.settings"), theme.SettingsIcon(), s.showSettings)
	s.consent = widget.NewCheck(t("consent.toggle"), s.consentChanged)
	tools := []fyne.CanvasObject{}
	if s.d.Training {
		tools = append(tools, s.pickBtn)
	}
	tools = append(tools, s.searchBtn, s.printBtn, s.saveBtn, s.clearBtn, layout.NewSpacer(), s.settingsBtn)
	toolbar := container.NewHBox(tools...)

	s.foreignBar = foreignCardBar()
	s.foreignBar.Hide()
	top := []fyne.CanvasObject{s.foreignBar}
	if s.d.Training {
		s.banner = trainingBanner()
		top = append(top, s.banner)
	}
	top = append(top, strip, s.newIdleBar(), toolbar, widget.NewSeparator())

	s.placeholder = widget.NewLabel("")
	s.placeholder.Alignment = fyne.TextAlignCenter
	s.placeholder.SizeName = theme.SizeNameHeadingText
	s.placeholder.Wrapping = fyne.TextWrapWord
	s.header = container.NewVBox()
	s.alerts = container.NewVBox()
	s.list = widget.NewList(func() int { return len(s.rows) },
		func() fyne.CanvasObject { return newRowView(s.touch, s.scrollList) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if s.shown != nil && id < len(s.rows) {
				o.(*rowView).show(s.shown.view, s.rows[id])
			}
		})
	s.list.OnSelected = func(id widget.ListItemID) { s.touch(); s.showRowDetail(id) }
	s.body = container.NewStack()
	s.win.SetContent(newActivity(container.NewBorder(container.NewVBox(top...), nil, nil, nil, s.body), s.touch))
}

// foreignCardBar is the red bar above everything while another patient's
// card lies on the reader and the person kept the patient shown.
func foreignCardBar() fyne.CanvasObject {
	l := canvas.NewText("⚠ "+t("foreign.bar"), color.White)
	l.TextStyle.Bold = true
	l.TextSize = theme.TextSize() * 1.3
	bg := canvas.NewRectangle(foreignRed)
	return container.NewStack(bg, container.NewPadded(l))
}

// foreignRed is the bar's field: white bold text on it is 8.4:1.
var foreignRed = color.NRGBA{0xa0, 0x00, 0x00, 0xff}

// scrollList scrolls the list by a wheel or touchpad movement over a row
// (the rows take the scroll events to notice the reading).
func (s *Screen) scrollList(dy float32) {
	s.list.ScrollToOffset(s.list.GetScrollOffset() - dy)
}

// trainingBanner is the 訓練用 mark, always on top in training mode.
func trainingBanner() fyne.CanvasObject {
	l := canvas.NewText(t("training.banner"), theme.Color(theme.ColorNameBackground))
	l.TextStyle.Bold = true
	l.Alignment = fyne.TextAlignCenter
	l.TextSize = theme.TextSize() * 1.1
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	return container.NewStack(bg, container.NewPadded(l))
}

func (s *Screen) modeText() string {
	if s.d.Training {
		return t("mode.training")
	}
	return t("mode.oqs")
}

// showNothing is the empty screen: what to do next, nothing of a patient.
func (s *Screen) showNothing() {
	s.shown = nil
	s.rows = nil
	key := "placeholder.card"
	if s.d.Training {
		key = "placeholder.training"
	}
	s.placeholder.SetText(t(key))
	s.body.Objects = []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(700, 200), s.placeholder))}
	s.body.Refresh()
	s.header.RemoveAll()
	s.alerts.RemoveAll()
	s.setPatientActions(false)
	s.setConsentChecked(false)
	s.list.UnselectAll()
	s.list.Refresh()
}

func (s *Screen) setPatientActions(on bool) {
	for _, b := range []*widget.Button{s.printBtn, s.saveBtn, s.clearBtn} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if on {
		s.consent.Enable()
	} else {
		s.consent.Disable()
	}
}

// display puts a patient on screen.
func (s *Screen) display(sh *shown) {
	s.shown = sh
	s.rows = flatten(sh.view)
	s.fillHeader()
	s.fillAlerts()
	lh := lineHeight()
	s.list.UnselectAll()
	for i, r := range s.rows {
		s.list.SetItemHeight(i, lh*float32(rowLines(sh.view, r)))
	}
	s.list.Refresh()
	s.list.ScrollToTop()
	s.body.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(s.header, s.alerts), nil, nil, nil, s.list)}
	s.body.Refresh()
	s.setPatientActions(true)
	s.setStatus(t("state.shown"), t("hint.shown"), widget.SuccessImportance)
	if s.foreign != nil && s.foreign.key == sh.key {
		s.cardGone()
	}
	s.setConsentChecked(sh.view.Mode == summary.Normal)
	s.armIdle()
}

func (s *Screen) fillHeader() {
	v := s.shown.view
	p := v.Patient
	name := widget.NewLabel(p.Name)
	name.TextStyle.Bold = true
	name.SizeName = theme.SizeNameHeadingText
	kana := widget.NewLabel(p.Kana)
	birth := widget.NewLabel(tf("patient.birth", map[string]any{"Birth": p.Birth.Japanese(), "Age": v.Age, "Sex": p.Sex.Japanese()}))
	birth.TextStyle.Bold = true
	in := p.Insurance
	ins := widget.NewLabel(tf("patient.insurance", map[string]any{"Insurer": in.InsurerNumber, "Symbol": in.Symbol, "Number": in.Number, "Branch": in.Branch}))
	objs := []fyne.CanvasObject{
		container.NewBorder(nil, nil, container.NewHBox(name, kana), birth),
		container.NewBorder(nil, nil, ins, s.consent),
	}
	warnings := slices.Clone(v.Warnings)
	if s.shown.card != nil {
		warnings = append(warnings, s.shown.card.Warnings...)
	}
	for _, w := range warnings {
		l := widget.NewLabel("⚠ " + w)
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	s.header.Objects = objs
	s.header.Refresh()
}

var severityStyle = map[summary.Severity]struct {
	importance widget.Importance
	tint       fyne.ThemeColorName
}{
	summary.SeverityCritical: {widget.DangerImportance, theme.ColorNameError},
	summary.SeverityWarning:  {widget.WarningImportance, theme.ColorNameWarning},
	summary.SeverityInfo:     {widget.HighImportance, theme.ColorNamePrimary},
}

func (s *Screen) fillAlerts() {
	var objs []fyne.CanvasObject
	for _, a := range s.shown.view.Alerts { // in summary's order, as on paper
		st := severityStyle[a.Severity]
		x := alerttext.Render(a, tf)
		title := widget.NewLabel(x.Tag + x.Title)
		title.TextStyle.Bold = true
		title.Importance = st.importance
		title.Wrapping = fyne.TextWrapWord
		lines := []fyne.CanvasObject{title}
		detail := strings.Join(append(x.Lines, "→ "+x.Why), "\n")
		if x.Reversal != "" {
			detail += "\n" + x.Reversal
		}
		if detail != "" {
			d := widget.NewLabel(detail)
			d.Wrapping = fyne.TextWrapWord
			lines = append(lines, d)
		}
		objs = append(objs, container.NewStack(canvas.NewRectangle(alertTint(st.tint)), container.NewVBox(lines...)))
	}
	// The drugs likely taken today, then what the data cannot show.
	heading := widget.NewLabel(tf(alerttext.CurrentHeading, nil))
	heading.TextStyle.Bold = true
	var current []string
	for _, c := range s.shown.view.Current {
		current = append(current, "・"+alerttext.CurrentLine(c, tf))
	}
	if len(current) == 0 {
		current = []string{tf(alerttext.CurrentNone, nil)}
	}
	list := widget.NewLabel(strings.Join(current, "\n"))
	list.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel("※" + tf(alerttext.CannotShow, nil))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.WarningImportance
	objs = append(objs, heading, list, note)
	s.alerts.Objects = objs
	s.alerts.Refresh()
}

// showRowDetail shows a whole row, for text the columns cut short.
func (s *Screen) showRowDetail(id widget.ListItemID) {
	if s.shown == nil || id >= len(s.rows) || s.rows[id].kind != rowData {
		return
	}
	r := s.rows[id]
	sec := &s.shown.view.Sections[r.sec]
	cells, _ := dataCells(sec, r.i)
	var parts []string
	for i, c := range cells {
		txt := strings.TrimSpace(c.top + " " + c.bottom)
		if txt != "" {
			parts = append(parts, t(columns[itemLayout[sec.Item]][i].key)+": "+txt)
		}
	}
	l := widget.NewLabel(strings.Join(parts, "\n"))
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(sec.Title, t("btn.close"), container.NewGridWrap(fyne.NewSize(640, 260), l), s.win)
	d.SetOnClosed(s.list.UnselectAll)
	s.show(d, nil)
}

func (s *Screen) setConsentChecked(on bool) {
	s.syncingCheck = true
	s.consent.SetChecked(on)
	s.syncingCheck = false
}

// do runs f on the UI goroutine. Drivers run fyne.Do callbacks one at a
// time on the main thread, but Fyne's test driver runs them on the calling
// goroutine: the lock keeps the screen's updates serial there too, so the
// end-to-end tests drive the same code as the window.
func (s *Screen) do(f func()) {
	fyne.Do(func() {
		s.ui.Lock()
		defer s.ui.Unlock()
		f()
	})
}

// setStatus shows the reader or lookup state and what to do.
func (s *Screen) setStatus(text, hint string, imp widget.Importance) {
	s.status.SetText(text)
	s.status.Importance = imp
	s.status.Refresh()
	s.hint.SetText(hint)
}
