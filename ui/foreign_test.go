package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kyukyu/audit"
	"kyukyu/internal/testenv"
	"kyukyu/pdf"
	"kyukyu/summary"
	"kyukyu/training/trainingtest"
	"kyukyu/ui/flow"
)

// barShown reports whether the red other-patient bar is on screen.
func (r *rig) barShown() bool { return r.s.foreignBar.Visible() }

// foreignBarText is what the bar says.
func (s *Screen) foreignBarText() string {
	return s.foreignText.Text
}

// press sends a key to the window on the UI goroutine, as the driver
// does, and waits for the background work it started (Esc's audit entry,
// after which the screen clears): reading the screen before would race.
func (r *rig) press(k fyne.KeyName) {
	onUI(r.s, func() { r.s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) })
	r.s.work.Wait()
}

// typeKey sends a key as the window's driver does: to the focused widget,
// or to the window when none has the focus.
func (r *rig) typeKey(k fyne.KeyName) {
	onUI(r.s, func() {
		if f := r.s.win.Canvas().Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: k})
			return
		}
		r.s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
	})
}

// Esc closes every dialog as the driver routes it, whatever has the
// focus: the training picker (its list focused) and the save dialog.
func TestEscClosesPickerAndFileDialog(t *testing.T) {
	r := newRig(t)
	r.s.d.Training = true
	r.s.d.Cases = []Case{{ID: "aa01", Name: "試験 花子"}}
	r.insert("aa01")
	r.giveReason("山田")
	for name, open := range map[string]func(){"picker": r.s.showPicker, "save": r.s.savePDF} {
		onUI(r.s, open)
		if len(r.s.dialogs) != 1 {
			t.Fatalf("%s: %d dialogs", name, len(r.s.dialogs))
		}
		r.typeKey(fyne.KeyEscape)
		if len(r.s.dialogs) != 0 || r.shownName() != "試験 花子" {
			t.Errorf("%s: Esc left %d dialogs, shown %q", name, len(r.s.dialogs), r.shownName())
		}
	}
}

// Patient A is shown, B's card arrives and the person keeps A (by the
// button, by Esc, or by not giving B's reason): A stays, the red bar says
// that the card on the reader is another patient's until it is removed,
// and the decision is in the audit log with B's reference.
func TestDeclinedSwitchShowsBarUntilCardRemoved(t *testing.T) {
	for _, how := range []string{"button", "escape", "no reason"} {
		t.Run(how, func(t *testing.T) {
			r := newRig(t)
			r.insert("aa01")
			r.giveReason("山田")
			if r.barShown() {
				t.Fatal("the bar is shown with the patient's own card")
			}
			r.insert("bb02")
			switch how {
			case "button":
				test.Tap(r.s.replace.no)
			case "escape":
				r.press(fyne.KeyEscape)
			case "no reason":
				test.Tap(r.s.replace.yes)
				if r.s.reason == nil {
					t.Fatal("no reason asked for the other patient")
				}
				test.Tap(r.s.reason.cancel)
			}
			r.s.work.Wait()
			if r.shownName() != "試験 花子" {
				t.Fatalf("shown %q, want the kept patient 試験 花子", r.shownName())
			}
			if len(r.s.dialogs) != 0 {
				t.Errorf("%d dialogs still open", len(r.s.dialogs))
			}
			if !r.barShown() {
				t.Fatal("patient A on screen while B's card is on the reader, without the red bar")
			}
			if got := r.s.foreignBarText(); got != "⚠ 別の患者のカードが置かれています（表示中の患者と異なります）" {
				t.Errorf("bar says %q", got)
			}
			e := r.audit.lastEntry(t)
			if e.Action != audit.KeptShown || e.Mode != audit.WithoutConsent || e.Patient != r.audit.log.PatientRef(r.src.records["bb02"].Patient) {
				t.Errorf("declining recorded as %+v, want kept-shown with the other patient's reference", e)
			}
			// A card event other than removal keeps the bar.
			r.card(CardEvent{State: flow.Reading, Reader: "Virtual PCD 00 00"})
			r.card(CardEvent{State: flow.NoService, Err: errors.New("reader: pcscd is not running")})
			if !r.barShown() {
				t.Error("the bar left while the card may still be on the reader")
			}
			r.card(CardEvent{State: flow.Removed, Reader: "Virtual PCD 00 00"})
			if r.barShown() {
				t.Error("the bar stays after the other card was removed")
			}
			if r.shownName() != "試験 花子" {
				t.Error("removing the other card cleared the kept patient")
			}
		})
	}
}

// A card whose patient cannot be confirmed (not found, a failed or
// cancelled lookup) while another patient is shown: the bar says the
// screen may not be that card's patient, until the card is removed; the
// consent refetch of the shown patient does not end it.
func TestUnconfirmedCardShowsBar(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	r.insert("ffff") // not found
	if !r.barShown() || r.s.foreignBarText() != "⚠ "+t2("foreign.unconfirmed") {
		t.Fatalf("unknown card under a shown patient: bar %v %q", r.barShown(), r.s.foreignBarText())
	}
	onUI(r.s, func() { r.s.consent.SetChecked(true) })
	r.s.work.Wait()
	r.confirmConsent(flow.ConsentWritten, "山田")
	if r.s.shown.View.Mode != summary.Normal || !r.barShown() {
		t.Errorf("after the consent refetch: mode %s, bar %v", r.s.shown.View.Mode, r.barShown())
	}
	r.card(CardEvent{State: flow.Removed})
	if r.barShown() {
		t.Error("the bar stays after the card was removed")
	}
	// Nothing shown: an unknown card contradicts nothing.
	test.Tap(r.s.clearBtn)
	r.insert("ffff")
	if r.barShown() {
		t.Error("the bar shows with no patient on screen")
	}
}

// Switching to the other patient, or clearing, ends the bar: what is
// shown is no longer contradicted by the card.
func TestBarEndsWhenTheCardsPatientIsShown(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	r.insert("bb02")
	test.Tap(r.s.replace.no)
	r.s.work.Wait()
	r.insert("bb02") // put back without removal: asked again
	test.Tap(r.s.replace.yes)
	r.giveReason("山田")
	if r.shownName() != "試験 次郎" || r.barShown() {
		t.Errorf("after switching: shown %q, bar %v", r.shownName(), r.barShown())
	}
	r.insert("aa01")
	test.Tap(r.s.replace.no)
	r.s.work.Wait()
	// Esc clears; the declined card still on the reader is read again, and
	// its patient's reason, given minutes ago, still holds: the card's own
	// patient is shown, which nothing contradicts.
	r.press(fyne.KeyEscape)
	onUI(r.s, func() {
		if r.shownName() != "試験 花子" || r.barShown() {
			t.Errorf("after Esc with no dialog: shown %q, bar %v", r.shownName(), r.barShown())
		}
	})
}

// 表示中 is said only once the summary is on screen, not while the reason
// is asked.
func TestShownStatusOnlyOnceShown(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	if r.s.status.Text == t2("state.shown") {
		t.Fatal("status 表示中 while the reason dialog is open and nothing is shown")
	}
	r.giveReason("山田")
	if r.s.status.Text != t2("state.shown") {
		t.Errorf("status %q once shown", r.s.status.Text)
	}
}

// Esc closes the top dialog only; the patient behind stays. A second
// Ctrl+O goes to the open picker instead of stacking another.
func TestEscClosesTopDialogOnlyAndOnePicker(t *testing.T) {
	r := newRig(t)
	r.s.d.Training = true
	r.s.d.Cases = []Case{{ID: "aa01", Name: "試験 花子"}}
	r.insert("aa01")
	r.giveReason("山田")
	r.s.showPicker()
	r.s.showPicker()
	if len(r.s.dialogs) != 1 || r.s.picker == nil {
		t.Fatalf("%d dialogs after Ctrl+O twice, want the one picker", len(r.s.dialogs))
	}
	if r.s.win.Canvas().Focused() != r.s.picker {
		t.Error("the second Ctrl+O did not focus the open picker")
	}
	r.s.showSearch()
	r.s.win.Canvas().Unfocus()
	r.press(fyne.KeyEscape)
	if len(r.s.dialogs) != 1 || r.s.picker == nil || r.shownName() != "試験 花子" {
		t.Fatalf("Esc over picker+search: %d dialogs, picker %v, shown %q", len(r.s.dialogs), r.s.picker != nil, r.shownName())
	}
	r.press(fyne.KeyEscape)
	if len(r.s.dialogs) != 0 || r.s.picker != nil || r.shownName() != "試験 花子" {
		t.Fatalf("Esc over the picker: %d dialogs, shown %q", len(r.s.dialogs), r.shownName())
	}
	if n := len(r.s.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d overlays left on the window", n)
	}
	r.press(fyne.KeyEscape)
	if r.s.shown != nil {
		t.Error("Esc with no dialog did not clear the screen")
	}
}

// Reading counts as activity: scrolling or moving the pointer over the
// rows or the alerts, and keys restart the idle clear; 30 s before it a
// countdown offers 続けて表示, which keeps the patient.
func TestIdleCountsReadingAndWarnsFirst(t *testing.T) {
	r := newRig(t)
	if m := r.s.idleMinutes(); m != 5 {
		t.Errorf("default idle time %d min, want 5", m)
	}
	r.s.prefs.SetInt(prefIdleMinutes, 1)
	onUI(r.s, func() { r.s.send(flow.SetIdle{Minutes: 1}) }) // as the settings dialog does
	r.s.win.Resize(fyne.NewSize(1024, 420))                  // the rows overflow: there is something to scroll
	r.insert("aa01")
	r.giveReason("山田")
	if r.timer.last != 30*time.Second {
		t.Errorf("with 1 minute set the countdown starts after %v, want 30 s", r.timer.last)
	}
	row := newRowView(r.s.touch, r.s.scrollList)
	for name, act := range map[string]func(){
		"scroll":        func() { row.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -40}}) },
		"pointer":       func() { row.MouseMoved(&desktop.MouseEvent{}) },
		"key":           func() { r.press(fyne.KeyDown) },
		"alerts scroll": func() { scrollOf(t, r.s.body).Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -10}}) },
	} {
		r.timer.fire() // 30 s quiet: the countdown shows
		r.timer.fire()
		if !r.s.idleBar.Visible() || !strings.Contains(r.s.idleText.Text, "29") {
			t.Fatalf("countdown %q visible %v", r.s.idleText.Text, r.s.idleBar.Visible())
		}
		// Laid out the moment it shows, not at the next resize.
		if sz := r.s.idleText.Size(); sz.Height <= 0 || sz.Width <= 0 {
			t.Fatalf("the countdown is visible but not laid out (%v)", sz)
		}
		act()
		if r.s.idleBar.Visible() || r.timer.last != 30*time.Second {
			t.Errorf("%s did not restart the idle clear (countdown %v, next tick in %v)", name, r.s.idleBar.Visible(), r.timer.last)
		}
	}
	if off := r.s.list.GetScrollOffset(); off <= 0 {
		t.Errorf("scrolling over a row did not scroll the list (offset %v)", off)
	}
	r.timer.fire()
	test.Tap(r.s.keepBtn)
	if r.s.idleBar.Visible() || r.s.shown == nil {
		t.Error("続けて表示 did not keep the patient")
	}
}

// The pointer moving over the window's own buttons and check counts as use
// too, though Fyne gives it to them and not to the window behind: moved
// onto one (MouseIn) and within it (MouseMoved) while the countdown runs.
func TestIdlePointerOverButtons(t *testing.T) {
	r := newRig(t)
	onUI(r.s, func() { r.s.send(flow.SetIdle{Minutes: 1}) })
	r.insert("aa01")
	r.giveReason("山田")
	c := r.s.win.Canvas()
	for name, o := range map[string]fyne.CanvasObject{"toolbar button": r.s.searchBtn, "consent check": r.s.consent, "続けて表示": r.s.keepBtn} {
		for _, step := range []float32{0, 2} { // onto it, then within it
			r.timer.fire() // 30 s quiet: the countdown shows
			r.timer.fire()
			if !r.s.idleBar.Visible() || r.s.shown == nil {
				t.Fatalf("%s: no countdown", name)
			}
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(o.Size().Width/2+step, o.Size().Height/2))
			onUI(r.s, func() { test.MoveMouse(c, at) })
			if r.s.idleBar.Visible() || r.timer.last != 30*time.Second || r.s.shown == nil {
				t.Errorf("the pointer moving over the %s did not restart the idle clear (countdown %v, next tick in %v)", name, r.s.idleBar.Visible(), r.timer.last)
			}
		}
	}
}

// The idle clear takes the patient off the whole screen: a row's detail
// open over the window closes with it.
func TestIdleClearClosesRowDetail(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	row := slices.IndexFunc(r.s.rows, func(l listRow) bool { return l.kind == rowData })
	onUI(r.s, func() { r.s.showRowDetail(row) })
	if len(r.s.dialogs) != 1 {
		t.Fatalf("row %d: %d dialogs open, want its detail", row, len(r.s.dialogs))
	}
	for r.s.shown != nil {
		r.timer.fire()
	}
	if n := len(r.s.win.Canvas().Overlays().List()); n != 0 || len(r.s.dialogs) != 0 {
		t.Errorf("after the idle clear %d overlays and %d dialogs are left on the window", n, len(r.s.dialogs))
	}
}

// scrollOf is the first scroll container in o: the alerts' pane.
func scrollOf(t *testing.T, o fyne.CanvasObject) *container.Scroll {
	t.Helper()
	var sc *container.Scroll
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && sc == nil {
			sc = s
		}
	})
	if sc == nil {
		t.Fatal("no scroll pane")
	}
	return sc
}

// recordingPrinter keeps the printer and the page count of each file it
// was given.
type recordingPrinter struct {
	t        *testing.T
	printers []string
	pages    []int
}

func (p *recordingPrinter) Print(_ context.Context, path string, job PrintJob) error {
	p.printers = append(p.printers, job.Printer)
	p.pages = append(p.pages, pdfPages(p.t, path))
	return nil
}

// pdfPages is the page count poppler reads in a PDF file.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(testenv.Tool(t, "pdfinfo", "poppler-utils"), path).CombinedOutput()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("pdfinfo %s: %v\n%s", path, err, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// Ctrl+P without a printer and without a viewer: the file's path is shown
// with a button that opens its folder, not a claim that it opened.
func TestPrintWithoutPrinterOrViewerShowsThePath(t *testing.T) {
	r := newRig(t)
	var opened []string
	r.s.d.OpenFile = func(p string) error {
		opened = append(opened, p)
		if strings.HasSuffix(p, ".pdf") {
			return errors.New("xdg-open: exit status 3")
		}
		return nil
	}
	r.s.d.Printer = nil
	r.insert("aa01")
	r.giveReason("山田")
	r.s.printPDF()
	r.s.work.Wait()
	if r.s.status.Text != t2("state.printFailed") {
		t.Errorf("status %q, want 印刷できませんでした", r.s.status.Text)
	}
	if len(opened) != 1 || len(r.s.dialogs) != 1 {
		t.Fatalf("viewer tried %v, %d dialogs", opened, len(r.s.dialogs))
	}
	pdf := opened[0]
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("the PDF is not where it is said to be: %v", err)
	}
	dlg := r.s.win.Canvas().Overlays().Top()
	if !hasLabel(dlg, pdf) {
		t.Error("the dialog does not show the PDF's path")
	}
	folder := findButton(dlg, t2("print.openFolder"))
	if folder == nil {
		t.Fatal("no open-folder button")
	}
	test.Tap(folder)
	if len(opened) != 2 || opened[1] != filepath.Dir(pdf) {
		t.Errorf("open folder opened %v", opened)
	}
}

// More than 10 pages: asked first; page 1 only means a PDF of page 1 for
// the printer (and the viewer), audited so; not printing is audited as
// cancelled and the status line rests again; up to 10 pages go unasked.
func TestLongPrintAsksForPageOne(t *testing.T) {
	r, p := printManyPages(t)
	if len(p.pages) != 0 {
		t.Fatal("a long PDF was sent without asking")
	}
	doc, _ := pdf.Layout(r.s.shown.View)
	dlg := r.s.win.Canvas().Overlays().Top()
	if doc.Pages <= 10 || !hasLabel(dlg, strconv.Itoa(doc.Pages)) {
		t.Errorf("the question does not say the %d pages", doc.Pages)
	}
	test.Tap(findButton(dlg, t2("print.firstPage")))
	r.s.work.Wait()
	if len(p.pages) != 1 || p.pages[0] != 1 {
		t.Fatalf("printed %v pages, want a PDF of page 1", p.pages)
	}
	if e := r.audit.lastEntry(t); e.Action != audit.Print || e.Result != audit.OK || !strings.Contains(e.Output, "p.1") {
		t.Errorf("audit %+v", e)
	}
	// Cancelled, by the button or by Esc: nothing printed, audited so, and
	// the status line back at rest.
	for _, how := range []string{"button", "escape"} {
		r.s.printPDF()
		r.s.work.Wait()
		if how == "button" {
			test.Tap(findButton(r.s.win.Canvas().Overlays().Top(), t2("btn.cancel")))
		} else {
			r.press(fyne.KeyEscape)
		}
		r.s.work.Wait()
		if e := r.audit.lastEntry(t); len(p.pages) != 1 || e.Action != audit.Print || e.Result != audit.Cancelled {
			t.Errorf("%s: printed %v, audit %+v", how, p.pages, e)
		}
		if r.s.status.Text != t2("state.shown") || len(r.s.dialogs) != 0 {
			t.Errorf("%s: status %q, %d dialogs after cancelling", how, r.s.status.Text, len(r.s.dialogs))
		}
	}
	r.insert("aa01")
	test.Tap(r.s.replace.yes)
	r.giveReason("山田")
	r.s.printPDF()
	r.s.work.Wait()
	if len(p.pages) != 2 || p.pages[1] != 1 || len(r.s.dialogs) != 0 {
		t.Errorf("a 1-page PDF: printed %v, %d dialogs; want sent whole without asking", p.pages, len(r.s.dialogs))
	}
	// Left unanswered until the idle clear: closed with the patient,
	// nothing printed, audited as cancelled.
	r.insert("cc03")
	test.Tap(r.s.replace.yes) // the reason was given this session: shown at once
	r.s.work.Wait()
	r.s.printPDF()
	r.s.work.Wait()
	if len(r.s.dialogs) != 1 {
		t.Fatalf("%d dialogs open, want the page question", len(r.s.dialogs))
	}
	for r.s.shown != nil {
		r.timer.fire()
	}
	r.s.work.Wait()
	if e := r.audit.lastEntry(t); len(p.pages) != 2 || e.Action != audit.Print || e.Result != audit.Cancelled || e.Patient == "" {
		t.Errorf("idle clear: printed %v, audit %+v", p.pages, e)
	}
	if n := len(r.s.win.Canvas().Overlays().List()); n != 0 || r.s.status.Text != t2("state.idleCleared") {
		t.Errorf("idle clear: %d overlays left, status %q", n, r.s.status.Text)
	}
}

// printManyPages shows a patient whose summary runs to many pages and asks
// to print it: the page question is then open.
func printManyPages(t *testing.T) (*rig, *recordingPrinter) {
	r := newRig(t)
	var meds []summary.Medication
	for i := range 400 {
		m := warfarin
		m.Drug = fmt.Sprintf("試験薬%d錠", i)
		m.Class = ""
		meds = append(meds, m)
	}
	r.src.records["cc03"] = patientRecord("試験 多剤", "27000019", meds...)
	p := &recordingPrinter{t: t}
	r.s.d.Printer = p
	r.insert("cc03")
	r.giveReason("山田")
	r.s.printPDF()
	r.s.work.Wait()
	return r, p
}

// A patient replaced while her page question is open: the question goes
// with her — answered later, it would print her summary under the next
// patient's name in the audit.
func TestPageQuestionGoesWithItsPatient(t *testing.T) {
	r, p := printManyPages(t)
	if len(r.s.dialogs) != 1 {
		t.Fatalf("%d dialogs open, want the page question", len(r.s.dialogs))
	}
	first := r.s.shown
	r.insert("aa01")
	test.Tap(r.s.replace.yes)
	r.giveReason("山田")
	r.s.work.Wait()
	if r.s.shown == nil || r.s.shown == first {
		t.Fatal("the second patient is not shown")
	}
	for _, o := range r.s.dialogs {
		if o.patient {
			t.Fatal("the first patient's page question is still open over the second")
		}
	}
	var prints []audit.Entry
	for _, e := range r.audit.entries(t) {
		if e.Action == audit.Print {
			prints = append(prints, e)
		}
	}
	if len(p.pages) != 0 || len(prints) != 1 || prints[0].Result != audit.Cancelled {
		t.Errorf("printed %v, print entries %+v; want none printed and one cancelled", p.pages, prints)
	}
}

// findButton finds a button by its text under o.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch o := o.(type) {
	case *widget.Button:
		if o.Text == text {
			return o
		}
	case *fyne.Container:
		for _, c := range o.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// fakeVCard is a virtual card stack lacking what needs says.
type fakeVCard struct {
	needs   VCardNeeds
	started []string
}

func (f *fakeVCard) Needs() VCardNeeds { return f.needs }
func (f *fakeVCard) Start(id string) error {
	f.started = append(f.started, id)
	return nil
}
func (f *fakeVCard) Stop() {}

// The virtual-card button says what to start or install, in one command
// without brackets, and starts nothing then.
func TestVCardSaysWhatToStartFirst(t *testing.T) {
	for _, c := range []struct {
		needs VCardNeeds
		say   string
	}{
		{VCardNeeds{Start: "pcscd"}, "sudo systemctl start pcscd"},
		{VCardNeeds{Install: []string{"pcscd", "vsmartcard-vpcd"}}, "sudo apt-get install pcscd vsmartcard-vpcd"},
	} {
		r := newRig(t)
		v := &fakeVCard{needs: c.needs}
		r.s.d.VCard = v
		r.s.startVCard("aa01")
		if len(v.started) != 0 {
			t.Errorf("%+v: started the card anyway", c.needs)
		}
		if dlg := r.s.win.Canvas().Overlays().Top(); dlg == nil || !hasLabel(dlg, c.say) {
			t.Errorf("%+v: the dialog does not say %q", c.needs, c.say)
		}
	}
}

// The window fits a 1366×768 terminal and a 1024 px one: at the default
// text size it can be made 1000×700 with the warfarin patient shown, and
// opens within 1366×768 less a taskbar.
func TestWindowFitsSmallScreens(t *testing.T) {
	st := trainingtest.Open(t)
	a := newTestApp(t) // the real fonts at the default size
	s := New(a, Deps{Source: st, Training: true, Now: testNow, After: (&fakeTimer{}).after,
		CaseIdentity: trainingIdentity})
	if size := s.windowSize(); size.Width > 1366 || size.Height > 768-40-30 {
		t.Errorf("default window %v does not fit 1366×768 with a taskbar and a title bar", size)
	}
	s.OpenCase("warfarin-head-injury")
	s.work.Wait()
	if s.shown == nil {
		t.Fatal("not shown")
	}
	for _, w := range []float32{1000, 1366} {
		s.win.Resize(fyne.NewSize(w, 700))
		if min := s.win.Content().MinSize(); min.Width > 1000 || min.Height > 700 {
			t.Errorf("at %v px wide the window needs at least %v: more than 1000×700", w, min)
		}
	}
	// The size the window had when closed is the next start's.
	s.win.Resize(fyne.NewSize(1100, 650))
	s.rememberSize()
	if got := New(a, Deps{Source: st, After: (&fakeTimer{}).after}).windowSize(); got != fyne.NewSize(1100, 650) {
		t.Errorf("reopened at %v, closed at 1100×650", got)
	}
}

// Esc typed in a dialog's focused entry closes that dialog only: in the
// emergency reason of another patient it keeps the patient shown (with the
// bar), in the search it leaves the patient alone.
func TestEscInAFocusedEntry(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	r.s.showSearch()
	if len(r.s.dialogs) != 1 {
		t.Fatal("no search dialog")
	}
	test.Type(r.s.win.Canvas().Focused(), "0613")
	r.s.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(r.s.dialogs) != 0 || r.shownName() != "試験 花子" {
		t.Fatalf("Esc in the search's entry: %d dialogs, shown %q", len(r.s.dialogs), r.shownName())
	}
	r.insert("bb02")
	test.Tap(r.s.replace.yes)
	if r.s.win.Canvas().Focused() != r.s.reason.operator {
		t.Fatal("the reason dialog does not focus the operator")
	}
	r.s.reason.operator.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	r.s.work.Wait()
	if r.s.reason != nil || r.shownName() != "試験 花子" || !r.barShown() {
		t.Errorf("Esc in the reason's entry: dialog open %v, shown %q, bar %v", r.s.reason != nil, r.shownName(), r.barShown())
	}
}

// A refused machine-wide settings file: the window opens in training mode
// with a red bar that says so in the UI language and names the file's line.
func TestSetupProblemBar(t *testing.T) {
	a := newTestApp(t)
	const problem = "/etc/kyukyu/kyukyu.toml line 3: mode: must be \"training\" or \"oqs\", not \"oq\""
	s := New(a, Deps{Training: true, SetupProblem: problem, Now: testNow})
	var texts []string
	for _, o := range test.LaidOutObjects(s.win.Content()) {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() {
			texts = append(texts, tx.Text)
		}
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, t2("setup.refused")) || !strings.Contains(all, problem) {
		t.Fatalf("no setup bar with the reason; texts on screen: %q", texts)
	}
}

// Alerts taller than their share of the window scroll, and while more of
// them lies below, "more below" is shown: a half-cut line of the current
// medication list must not pass for its end.
func TestAlertsMoreBelowHint(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	r.s.win.Resize(fyne.NewSize(1200, 2000))
	if r.s.moreHint.Visible() {
		t.Fatal("'more below' shown while every alert fits")
	}
	r.s.win.Resize(fyne.NewSize(1000, 420))
	if !r.s.moreHint.Visible() {
		t.Fatal("the alerts scroll in a low window and nothing says more lies below")
	}
	var sc *container.Scroll
	for _, o := range test.LaidOutObjects(r.s.win.Content()) {
		if c, ok := o.(*container.Scroll); ok && c.Content == fyne.CanvasObject(r.s.alerts) {
			sc = c
		}
	}
	if sc == nil {
		t.Fatal("no scroll around the alerts")
	}
	sc.ScrollToBottom()
	if r.s.moreHint.Visible() {
		t.Fatal("'more below' still shown at the bottom of the alerts")
	}
}
