package ui

import (
	"context"
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

	"kyukyu/summary"
	"kyukyu/summary/alerttext"
	"kyukyu/ui/flow"
)

// Screen is the main window and its flows.
type Screen struct {
	app   fyne.App
	win   fyne.Window
	d     Deps
	prefs fyne.Preferences
	ui    sync.Mutex // held by every update from a background goroutine (see do)

	flow  *flow.Flow
	shown *flow.Patient // the patient rendered, the flow's View.Shown
	rows  []listRow

	banner      fyne.CanvasObject
	foreignBar  fyne.CanvasObject
	foreignText *canvas.Text
	status      *widget.Label
	hint        *widget.Label
	modeLabel   *widget.Label
	staffLabel  *widget.Label // 署名: the staff member signed in
	progress    *widget.ProgressBarInfinite
	cancelBtn   *useButton
	causeBtn    *useButton // 詳細: the technical cause of the status
	cause       error
	idle        *widget.Label
	central     *widget.Label     // entries waiting for the central audit log, when any
	idleBar     fyne.CanvasObject // the countdown before an idle clear
	idleText    *widget.Label
	keepBtn     *useButton

	placeholder *widget.Label
	header      *fyne.Container
	alerts      *fyne.Container
	moreHint    *fyne.Container // "more below" under the alerts while they scroll
	list        *widget.List
	listBox     *fyne.Container // the list, sized again when its width changes
	body        *fyne.Container
	frame       *fyne.Container // the window's top parts above the body
	consent     *useCheck

	printBtn, saveBtn, clearBtn, searchBtn, pickBtn, settingsBtn *useButton

	ctx context.Context // the window's life (Start's): printing and the lookups end with it

	// The rendering of the flow, touched on the UI goroutine only.
	lastStatus   flow.Status        // the flow's status on the strip; zero after a status of the window's own
	question     int                // the flow question open (its Seq)
	wake         time.Time          // when the idle timer fires
	stopIdle     func() bool        // stops the idle timer
	cancelLookup context.CancelFunc // cancels the running lookup
	dlg          dialog.Dialog      // the open flow dialog, closed by a clear
	dialogs      []*openDialog      // every open dialog, the top one last
	settingsOpen bool               // the settings dialog is open: Ctrl+, goes to it
	picker       *escList           // the open training picker's list, nil when closed
	reason       *reasonForm        // the open emergency-access form
	replace      *replaceAsk        // the open "another patient?" question
	consentQ     *consentAsk        // the open consent question
	tempFiles    []string
	syncingCheck bool

	newFaces chan (<-chan FaceResult) // a new mode's face-auth results, to the listening loop

	// work counts background jobs and handled card events, so tests wait for them.
	work    sync.WaitGroup
	handled atomic.Int64
}

// New builds the main window of app.
func New(app fyne.App, d Deps) *Screen {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.After == nil {
		d.After = realAfter
	}
	if d.Clock == nil {
		d.Clock = time.Now
	}
	s := &Screen{app: app, d: d, prefs: app.Preferences(), ctx: context.Background(), newFaces: make(chan (<-chan FaceResult))}
	s.flow = flow.New(flow.Config{Training: d.Training, Now: d.Clock, Today: func() summary.Date { return summary.Today(d.Now()) }, IdleMinutes: s.idleMinutes(),
		Access: d.Access, Who: d.Who, StaffCards: d.Staff != nil, StaffHours: d.StaffHours})
	s.win = app.NewWindow(t("app.title"))
	s.build()
	s.setShortcuts()
	s.showNothing()
	s.win.Resize(s.windowSize())
	s.win.SetOnClosed(s.rememberSize)
	return s
}

// defaultSize opens within a 1366×768 screen less a taskbar and a title bar.
var defaultSize = fyne.NewSize(1240, 660)

// windowSize is the size the window had when last closed, or the default.
func (s *Screen) windowSize() fyne.Size {
	w, h := s.prefs.Float(prefWindowWidth), s.prefs.Float(prefWindowHeight)
	if w < 400 || h < 300 {
		return defaultSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// rememberSize keeps the window's size for the next start.
func (s *Screen) rememberSize() {
	size := s.win.Canvas().Size()
	s.prefs.SetFloat(prefWindowWidth, float64(size.Width))
	s.prefs.SetFloat(prefWindowHeight, float64(size.Height))
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
	s.cancelBtn = s.newButton(t("btn.cancel"), theme.CancelIcon(), s.cancel)
	s.cancelBtn.Hide()
	s.causeBtn = s.newButton(t("btn.cause"), theme.InfoIcon(), s.showCause)
	s.causeBtn.Hide()
	s.idle = widget.NewLabel("")
	s.idle.Importance = widget.LowImportance
	s.central = widget.NewLabel("")
	s.central.Importance = widget.LowImportance
	s.staffLabel = widget.NewLabel("")
	s.staffLabel.TextStyle.Bold = true
	s.staffLabel.Hide()
	strip := container.NewBorder(nil, nil, s.status,
		container.NewHBox(container.NewGridWrap(fyne.NewSize(120, 10), s.progress), s.cancelBtn, s.causeBtn, s.central, s.idle, s.staffLabel, s.modeLabel), s.hint)

	s.pickBtn = s.newButton(t("btn.pick"), theme.AccountIcon(), s.showPicker)
	s.searchBtn = s.newButton(t("btn.search"), theme.SearchIcon(), s.showSearch)
	s.printBtn = s.newButton(t("btn.print"), theme.DocumentPrintIcon(), s.printPDF)
	s.saveBtn = s.newButton(t("btn.save"), theme.DocumentSaveIcon(), s.savePDF)
	s.clearBtn = s.newButton(t("btn.clear"), theme.VisibilityOffIcon(), s.clearScreen)
	s.settingsBtn = s.newButton(t("btn.settings"), theme.SettingsIcon(), s.showSettings)
	s.consent = s.newCheck(t("consent.toggle"), s.consentChanged)
	tools := []fyne.CanvasObject{}
	if s.d.Training {
		tools = append(tools, s.pickBtn)
	}
	tools = append(tools, s.searchBtn, s.printBtn, s.saveBtn, s.clearBtn, s.settingsBtn, s.consent)
	// The buttons flow onto a second line in a narrow window rather than
	// overlap or widen it.
	toolbar := newFlow(tools...)

	s.foreignBar, s.foreignText = foreignCardBar()
	s.foreignBar.Hide()
	top := []fyne.CanvasObject{s.foreignBar}
	if s.d.SetupProblem != "" {
		top = append(top, setupProblemBar(s.d.SetupProblem))
	}
	s.banner = nil
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
				o.(*rowView).show(s.shown.View, s.rows[id])
			}
		})
	s.list.OnSelected = func(id widget.ListItemID) { s.touch(); s.showRowDetail(id) }
	s.listBox = container.New(&widthLayout{onWidth: s.sizeRows}, s.list)
	s.body = container.NewStack()
	s.frame = container.NewBorder(container.NewVBox(top...), nil, nil, nil, s.body)
	s.win.SetContent(newActivity(s.frame, s.touch))
}

// foreignCardBar is the red bar above everything while another patient's
// card lies on the reader and the person kept the patient shown.
func foreignCardBar() (fyne.CanvasObject, *canvas.Text) {
	l := canvas.NewText("", theme.Color(colorNameForeignFg))
	l.TextStyle.Bold = true
	l.TextSize = theme.TextSize() * 1.3
	bg := canvas.NewRectangle(theme.Color(colorNameForeignBg))
	return container.NewStack(bg, container.NewPadded(l)), l
}

// foreignKeys are the red bar's words for what the card on the reader says
// against the screen.
var foreignKeys = map[flow.Foreign]string{flow.OtherCard: "foreign.bar", flow.Unconfirmed: "foreign.unconfirmed"}

// showForeignBar shows the bar in its wording, or hides it.
func (s *Screen) showForeignBar(f flow.Foreign) {
	if f == flow.NoForeign {
		if s.foreignBar.Visible() {
			s.foreignBar.Hide()
			s.frame.Refresh()
		}
		return
	}
	if text := "⚠ " + t(foreignKeys[f]); s.foreignText.Text != text || !s.foreignBar.Visible() {
		s.foreignText.Text = text
		s.foreignText.Refresh()
		s.foreignBar.Show()
		s.frame.Refresh()
	}
}

// clearScreen takes the patient off the screen (画面クリア, Ctrl+L, Esc).
func (s *Screen) clearScreen() { s.send(flow.Clear{}) }

// scrollList scrolls the list by a wheel or touchpad movement over a row
// (the rows take the scroll events to notice the reading).
func (s *Screen) scrollList(dy float32) {
	s.list.ScrollToOffset(s.list.GetScrollOffset() - dy)
}

// setupProblemBar says, above everything, that the hospital's settings
// file was refused: in the UI language, then the file's own line for IT.
func setupProblemBar(problem string) fyne.CanvasObject {
	head := canvas.NewText("⚠ "+t("setup.refused"), theme.Color(colorNameForeignFg))
	head.TextStyle.Bold = true
	head.TextSize = theme.TextSize() * 1.3
	detail := canvas.NewText(problem, theme.Color(colorNameForeignFg))
	bg := canvas.NewRectangle(theme.Color(colorNameForeignBg))
	return container.NewStack(bg, container.NewPadded(container.NewVBox(head, detail)))
}

// trainingBanner is the 訓練用 mark, always on top in training mode.
func trainingBanner() fyne.CanvasObject {
	l := canvas.NewText(t("training.banner"), theme.Color(colorNameBannerFg))
	l.TextStyle.Bold = true
	l.Alignment = fyne.TextAlignCenter
	l.TextSize = theme.TextSize() * 1.1
	bg := canvas.NewRectangle(theme.Color(colorNameBannerBg))
	return container.NewStack(bg, container.NewPadded(l))
}

func (s *Screen) modeText() string {
	if s.flow.Training() {
		return t("mode.training")
	}
	return t("mode.oqs")
}

// showNothing is the empty screen: what to do next, nothing of a patient.
func (s *Screen) showNothing() {
	s.shown = nil
	s.rows = nil
	s.placeholder.SetText(t(s.placeholderKey()))
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
	for _, b := range []*useButton{s.printBtn, s.saveBtn, s.clearBtn} {
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

// placeholderKey is the text of the empty screen: what to do next.
func (s *Screen) placeholderKey() string {
	if s.flow.Training() {
		return "placeholder.training"
	}
	return "placeholder.card"
}

// display puts a patient on screen.
func (s *Screen) display(sh *flow.Patient) {
	s.shown = sh
	s.rows = flatten(sh.View)
	s.fillHeader()
	s.fillAlerts()
	s.list.UnselectAll()
	s.sizeRows(s.listBox.Size().Width)
	s.list.Refresh()
	s.list.ScrollToTop()
	s.body.Objects = []fyne.CanvasObject{container.NewBorder(s.header, nil, nil, nil, s.alertsArea())}
	s.body.Refresh()
	s.setPatientActions(true)
	s.setConsentChecked(sh.View.Mode == summary.Normal)
}

// nameOf is how the screen names a patient: the kanji name, or the kana
// where the OQS gave none (the birth date is then read beside it).
func nameOf(p summary.Patient) string {
	if p.Name == "" {
		return p.Kana
	}
	return p.Name
}

func (s *Screen) fillHeader() {
	v := s.shown.View
	p := v.Patient
	name := widget.NewLabel(nameOf(p))
	name.TextStyle.Bold = true
	name.SizeName = theme.SizeNameHeadingText
	// Age and sex at the size of the name: read with it at a glance.
	birth := widget.NewLabel(tf("patient.birth", map[string]any{"Birth": dateText(p.Birth), "Age": v.Age, "Sex": sexText(p.Sex)}))
	birth.TextStyle.Bold = true
	birth.SizeName = theme.SizeNameHeadingText
	kana := widget.NewLabel(p.Kana)
	created := widget.NewLabel(tf("patient.created", map[string]any{"Date": dateText(v.CreatedOn)}))
	created.TextStyle.Bold = true
	mode := widget.NewLabel(t(modeHeader[v.Mode]))
	mode.TextStyle.Bold = true
	mode.Importance = widget.HighImportance
	parts := []fyne.CanvasObject{name, birth, kana}
	if p.Name == "" {
		parts = parts[:2] // the kana is the name already
	}
	// The insurer apart from the card's numbers: a long symbol moves to
	// the next line instead of widening the window.
	in := p.Insurance
	parts = append(parts, widget.NewLabel(tf("patient.insurer", map[string]any{"Insurer": in.InsurerNumber})),
		widget.NewLabel(tf("patient.insurance", map[string]any{"Symbol": in.Symbol, "Number": in.Number, "Branch": in.Branch})), mode)
	if f := s.shown.Face; f != nil {
		parts = append(parts, faceLabel(f))
	}
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, created, newFlow(parts...))}
	if f := s.shown.Face; f != nil && f.Patient.Name == "" {
		l := widget.NewLabel("⚠ " + t("face.noName"))
		l.Importance = widget.WarningImportance
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	var warnings []string
	for _, w := range v.Warnings {
		warnings = append(warnings, alerttext.Warning(w, tf))
	}
	if s.shown.Card != nil {
		if e := s.shown.Card.Expiry; e != nil {
			warnings = append(warnings, expiryText(*e))
		}
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

// faceLabel is the face-auth reader's 照会番号 and consent flags, small
// beside the insurance numbers: for the record, not for reading first.
func faceLabel(f *FaceResult) *widget.Label {
	mark := func(b bool) string {
		if b {
			return "○"
		}
		return "×"
	}
	c := f.Consent
	l := widget.NewLabel(tf("face.consent", map[string]any{"Ref": f.Reference,
		"Drugs": mark(c.Drugs), "Checkups": mark(c.Checkups), "Diagnoses": mark(c.Diagnoses), "Operations": mark(c.Operations)}))
	l.SizeName = theme.SizeNameCaptionText
	l.Importance = widget.LowImportance
	return l
}

// severityStyle marks an alert by a strong bar and an icon of the
// severity's colour beside bold text of the text colour, on a pale wash:
// red text on a red field is hard to read (contrast_test.go).
var severityStyle = map[summary.Severity]struct {
	tint fyne.ThemeColorName
	icon fyne.ThemeIconName
}{
	summary.SeverityCritical: {theme.ColorNameError, theme.IconNameError},
	summary.SeverityWarning:  {theme.ColorNameWarning, theme.IconNameWarning},
	summary.SeverityInfo:     {theme.ColorNamePrimary, theme.IconNameInfo},
}

// alertText is an alert's bold title and its detail in one wrapping text:
// no padding between them, so more of the summary fits the screen.
func alertText(title, detail string) *widget.RichText {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: title, Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameForeground}}}
	if detail != "" {
		segs = append(segs, &widget.TextSegment{Text: detail, Style: widget.RichTextStyleParagraph})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// alertBarWidth is the strong bar at the left of an alert.
const alertBarWidth = 8

func (s *Screen) fillAlerts() {
	var objs []fyne.CanvasObject
	for _, a := range s.shown.View.Alerts { // in summary's order, as on paper
		st := severityStyle[a.Severity]
		x := alerttext.Render(a, tf)
		title := x.Tag + x.Title
		detail := strings.Join(append(x.Lines, "→ "+x.Why), "\n")
		if x.Reversal != "" {
			detail += "\n" + x.Reversal
		}
		bar := canvas.NewRectangle(theme.Color(st.tint))
		bar.SetMinSize(fyne.NewSize(alertBarWidth, 0))
		icon := widget.NewIcon(theme.NewColoredResource(theme.Icon(st.icon), st.tint))
		body := container.NewBorder(nil, nil, container.NewVBox(icon), nil, alertText(title, detail))
		objs = append(objs, container.NewStack(canvas.NewRectangle(alertTint(st.tint)), container.NewBorder(nil, nil, bar, nil, body)))
	}
	// The drugs likely taken today, then what the data cannot show.
	// One text, no padding between its lines: more of the summary fits.
	var current []string
	for _, c := range s.shown.View.Current {
		current = append(current, "・"+alerttext.CurrentLine(c, tf))
	}
	if len(current) == 0 {
		current = []string{tf(alerttext.CurrentNone, nil)}
	}
	block := widget.NewRichText(
		&widget.TextSegment{Text: tf(alerttext.CurrentHeading, nil), Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameForeground}},
		&widget.TextSegment{Text: strings.Join(current, "\n"), Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Text: "※" + tf(alerttext.CannotShow, nil), Style: widget.RichTextStyle{ColorName: theme.ColorNameWarning}},
	)
	block.Wrapping = fyne.TextWrapWord
	objs = append(objs, block)
	s.alerts.Objects = objs
	s.alerts.Refresh()
}

// alertsShare is the most of the body the alerts and the drugs likely
// taken today take before they scroll, unless the critical alerts need
// more: they are what the doctor needs first, and a patient with many
// alerts still leaves room for the sections.
const alertsShare = 0.65

// alertsArea is the alerts and the drugs likely taken today above the
// sections. Taller than their share, they scroll, and while more of them
// lies below, a hint on its own line under them says so: a half-cut line
// must not pass for the end, and the hint covers no text.
func (s *Screen) alertsArea() fyne.CanvasObject {
	sc := container.NewVScroll(s.alerts)
	hint := canvas.NewText("▼ "+t("alerts.more"), theme.Color(theme.ColorNameForeground))
	hint.TextStyle.Bold = true
	tag := container.NewPadded(hint)
	s.moreHint = container.NewHBox(layout.NewSpacer(), tag)
	s.moreHint.Hide()
	pane := container.NewBorder(nil, s.moreHint, nil, nil, sc)
	update := func() {
		more := sc.Offset.Y+sc.Size().Height < sc.Content.MinSize().Height-1
		if more == s.moreHint.Visible() {
			return
		}
		if more {
			s.moreHint.Show()
		} else {
			s.moreHint.Hide()
		}
		pane.Refresh()
	}
	sc.OnScrolled = func(fyne.Position) { s.touch(); update() }
	return container.New(&capLayout{share: alertsShare, scroll: sc, hint: tag, must: s.criticalHeight, after: update},
		pane, s.listBox)
}

// criticalHeight is the height of the alerts down to the end of the last
// critical one: never cut off, whatever the share.
func (s *Screen) criticalHeight() float32 {
	if s.shown == nil {
		return 0
	}
	h, must := float32(0), float32(0)
	for i, a := range s.shown.View.Alerts {
		if i >= len(s.alerts.Objects) {
			break
		}
		if i > 0 {
			h += theme.Padding()
		}
		h += s.alerts.Objects[i].MinSize().Height
		if a.Severity == summary.SeverityCritical {
			must = h
		}
	}
	return must
}

// capLayout gives its first object the height its scroll's content needs,
// up to a share of the whole or what must show (and the hint below it),
// and the rest to the second; after runs once the sizes are known.
type capLayout struct {
	share  float32
	scroll *container.Scroll
	hint   fyne.CanvasObject
	must   func() float32
	after  func()
}

func (l *capLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top := objs[0]
	h := l.scroll.Content.MinSize().Height
	if limit := max(size.Height*l.share, l.must()+theme.Padding()+l.hint.MinSize().Height); h > limit {
		h = limit
	}
	h = min(h, size.Height)
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, h))
	objs[1].Move(fyne.NewPos(0, h))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-h))
	l.after()
}

func (l *capLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height)
}

// sizeRows sets each row's height for the list's width: cells wrap, so a
// narrower window makes taller rows instead of cut text.
func (s *Screen) sizeRows(width float32) {
	if s.shown == nil || width <= 0 {
		return
	}
	for i, r := range s.rows {
		s.list.SetItemHeight(i, rowHeight(s.shown.View, r, width))
	}
}

// widthLayout fills its one object and reports each new width.
type widthLayout struct {
	onWidth func(float32)
	last    float32
}

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size.Width != l.last {
		l.last = size.Width
		l.onWidth(size.Width)
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// showRowDetail shows a whole row, for text the columns cut short.
func (s *Screen) showRowDetail(id widget.ListItemID) {
	if s.shown == nil || id >= len(s.rows) || s.rows[id].kind != rowData {
		return
	}
	r := s.rows[id]
	sec := &s.shown.View.Sections[r.sec]
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
	d := dialog.NewCustom(sectionTitle(sec), t("btn.close"), container.NewGridWrap(fyne.NewSize(640, 260), l), s.win)
	d.SetOnClosed(s.list.UnselectAll)
	s.showPatient(d, nil)
}

func (s *Screen) setConsentChecked(on bool) {
	s.syncingCheck = true
	s.consent.SetChecked(on)
	s.syncingCheck = false
}

// setCause keeps the technical cause of the status (a system's message, in
// its own language) behind a 詳細 button: the status line itself is in the
// screen's language.
func (s *Screen) setCause(err error) {
	s.cause = err
	s.causeBtn.Show()
}

func (s *Screen) showCause() {
	if s.cause == nil {
		return
	}
	msg := widget.NewLabel(s.cause.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(t("cause.title"), t("btn.close"), container.NewGridWrap(fyne.NewSize(600, 160), msg), s.win)
	s.show(d, nil)
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
	s.lastStatus = flow.Status{} // the flow's status shows again at its next render
	s.cause = nil
	s.causeBtn.Hide()
	s.status.SetText(text)
	s.status.Importance = imp
	s.status.Refresh()
	s.hint.SetText(hint)
}
