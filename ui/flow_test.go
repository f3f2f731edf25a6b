package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kyukyu/app/auditlog"
	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/oqs"
	"kyukyu/pdf"
	"kyukyu/summary"
	"kyukyu/ui/flow"
	"kyukyu/ui/report"
)

// newTestApp is a headless app with the screen's theme, as Prepare sets it.
func newTestApp(t *testing.T) fyne.App {
	t.Helper()
	a := test.NewTempApp(t)
	test.ApplyTheme(t, themeFor(a.Preferences())) // and wait for the refresh it starts
	return a
}

func TestMain(m *testing.M) {
	if err := loadTranslations("ja"); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

var testDay = summary.NewDate(2022, 8, 26)

func testNow() time.Time { return time.Date(2022, 8, 26, 10, 0, 0, 0, summary.Tokyo) }

// fakeSource is an in-memory summary.Source keyed by card serial or
// insurer number; block makes lookups wait for a release or cancellation.
type fakeSource struct {
	mu      sync.Mutex
	records map[string]*summary.Record
	block   chan struct{}
	queries []summary.Query
}

func (f *fakeSource) Lookup(ctx context.Context, q summary.Query) (*summary.Record, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	key := q.Identity.CertSerial
	if q.Identity.Insurance != nil {
		key = q.Identity.Insurance.InsurerNumber
	}
	if r, ok := f.records[key]; ok {
		return r, nil
	}
	return nil, summary.ErrNotFound
}

// recorder keeps what the screen reported and writes it through the
// app's adapter into a real audit log, so tests assert both the screen's
// facts and the entry the audit package made of them; err makes the log
// refuse.
type recorder struct {
	mu     sync.Mutex
	events []report.Event
	log    *audit.Log
	err    error
}

func newRecorder(t *testing.T) *recorder {
	l, err := audit.Open(filepath.Join(t.TempDir(), audit.FileName), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return &recorder{log: l}
}

func (a *recorder) Record(ctx context.Context, e report.Event) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return a.err
	}
	if err := (auditlog.Log{L: a.log}).Record(ctx, e); err != nil {
		return err
	}
	a.events = append(a.events, e)
	return nil
}

func (a *recorder) last() report.Event { return a.events[len(a.events)-1] }

// entries are the real log's entries.
func (a *recorder) entries(t *testing.T) []audit.Entry {
	t.Helper()
	es, err := a.log.Entries(summary.NewDate(2000, 1, 1), summary.NewDate(2100, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func (a *recorder) lastEntry(t *testing.T) audit.Entry {
	t.Helper()
	es := a.entries(t)
	if len(es) == 0 {
		t.Fatal("the audit log is empty")
	}
	return es[len(es)-1]
}

// patientEvents leaves out the card reads, which name no patient.
func (a *recorder) patientEvents() []report.Event {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []report.Event
	for _, e := range a.events {
		if e.Action != report.CardRead {
			out = append(out, e)
		}
	}
	return out
}

// fakeTimer is the idle clock: fire moves the time on to the timer's
// and runs it.
type fakeTimer struct {
	mu    sync.Mutex
	t     time.Time
	fn    func()
	armed int
	last  time.Duration
}

func (f *fakeTimer) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeTimer) after(d time.Duration, fn func()) func() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fn = fn
	f.armed++
	f.last = d
	return func() bool { f.fn = nil; return true }
}

// armed reports whether a timer waits.
func (f *fakeTimer) waiting() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fn != nil
}

func (f *fakeTimer) fire() {
	f.mu.Lock()
	fn := f.fn
	f.t = f.t.Add(f.last)
	f.fn = nil
	f.mu.Unlock()
	if fn != nil {
		fn()
	}
}

var warfarin = summary.Medication{Date: summary.NewDate(2022, 8, 1), Setting: summary.Pharmacy, Institution: "ひかり薬局",
	Prescriber: "さくら内科", Drug: "ワーファリン錠1mg", Ingredient: "ワルファリンカリウム", Usage: "1日1回朝食後",
	Dose: "3錠", Quantity: "3錠 90日分", Class: summary.ClassAnticoagulant}

func patientRecord(name, insurer string, meds ...summary.Medication) *summary.Record {
	return &summary.Record{
		Patient:    summary.Patient{Name: name, Kana: "テスト", Birth: summary.NewDate(1950, 1, 2), Sex: summary.SexFemale, Insurance: summary.Insurance{InsurerNumber: insurer, Symbol: "1", Number: "2", Branch: "00"}},
		Dispensing: meds,
		Visits:     []summary.Visit{{Institution: "さくら内科", Month: summary.Month{Year: 2022, Month: 8}, Setting: summary.Outpatient}},
	}
}

type rig struct {
	t     *testing.T
	s     *Screen
	src   *fakeSource
	audit *recorder
	timer *fakeTimer
	cards chan CardEvent
	sent  int64
}

func newRig(t *testing.T) *rig { return newRigWith(t, func(*Deps) {}) }

// newRigWith is newRig with Deps as change sets them.
func newRigWith(t *testing.T, change func(*Deps)) *rig {
	a := newTestApp(t)
	r := &rig{t: t, audit: newRecorder(t), timer: &fakeTimer{t: testNow()}, cards: make(chan CardEvent)}
	r.src = &fakeSource{records: map[string]*summary.Record{
		"aa01":     patientRecord("試験 花子", "06130017", warfarin),
		"bb02":     patientRecord("試験 次郎", "01130012"),
		"06130017": patientRecord("試験 花子", "06130017", warfarin),
	}}
	d := Deps{Source: r.src, Cards: r.cards, Audit: r.audit, Now: testNow, Clock: r.timer.now, After: r.timer.after,
		Render: pdf.Layout}
	change(&d)
	r.s = New(a, d)
	r.s.win.Resize(fyne.NewSize(1200, 860))
	ctx, cancel := context.WithCancel(context.Background())
	// No background work outlives the test: a late audit failure would draw
	// into the next test's window from another goroutine.
	t.Cleanup(func() { cancel(); r.s.work.Wait() })
	r.s.Start(ctx)
	return r
}

// card simulates a reader event through the card-event channel and waits
// until the screen handled it and its background work finished.
func (r *rig) card(ev CardEvent) {
	r.t.Helper()
	r.deliver(ev)
	r.s.work.Wait()
}

// deliver hands ev to the screen and waits until it was handled, not for
// the background work it started.
func (r *rig) deliver(ev CardEvent) {
	r.t.Helper()
	r.cards <- ev
	r.sent++
	deadline := time.Now().Add(10 * time.Second)
	for r.s.handled.Load() < r.sent {
		if time.Now().After(deadline) {
			r.t.Fatal("the screen did not handle the card event")
		}
		time.Sleep(time.Millisecond)
	}
}

func (r *rig) insert(serial string) {
	r.card(CardEvent{State: flow.CardRead, Card: &Card{Identity: summary.Identity{CertSerial: serial},
		Expiry: &CardExpiry{Kind: flow.ExpirySoon, End: summary.NewDate(2026, 12, 25), GraceEnd: summary.NewDate(2027, 3, 25), DaysLeft: 30}}})
}

// giveReason fills and confirms the emergency-access dialog.
func (r *rig) giveReason(operator string) {
	r.t.Helper()
	if r.s.reason == nil {
		r.t.Fatal("no emergency-access dialog is open")
	}
	f := r.s.reason
	f.operator.SetText("")
	test.Type(f.operator, operator)
	test.Tap(f.ok)
	r.s.work.Wait()
}

// confirmConsent answers the open consent question.
func (r *rig) confirmConsent(how flow.ConsentHow, by string) {
	r.t.Helper()
	onUI(r.s, func() {
		f := r.s.consentQ
		if f == nil {
			r.t.Fatal("no consent question is open")
		}
		f.how.SetSelected(t2("consent.how." + string(how)))
		f.by.SetText(by)
		test.Tap(f.ok)
	})
	r.s.work.Wait()
}

func (r *rig) shownName() string {
	if r.s.shown == nil {
		return ""
	}
	return r.s.shown.View.Patient.Name
}

func TestCardInsertAsksReasonThenShows(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	if r.s.shown != nil {
		t.Fatal("a patient is shown before the emergency-access reason was given")
	}
	if r.s.reason.ok.Disabled() == false {
		t.Error("the dialog can be confirmed without an operator name")
	}
	r.giveReason("山田 看護師")
	if got := r.shownName(); got != "試験 花子" {
		t.Fatalf("shown %q after the card, want 試験 花子", got)
	}
	e := r.audit.last()
	if e.Action != report.View || e.Reason != (reason.Reason{Key: reason.Unconscious}) || e.View.Patient.Name != "試験 花子" {
		t.Errorf("screen reported %+v", e)
	}
	// The name typed is a label: the log's operator is the OS account.
	if en := r.audit.lastEntry(t); en.Action != audit.Show || en.Mode != audit.WithoutConsent || en.Operator != osAccount(t) || en.Patient == "" || en.Reason != "unconscious" {
		t.Errorf("audit entry %+v, want a view without consent of a referenced patient by the OS account, the reason's key stored", en)
	}
	if got := r.s.prefs.String(prefOperator); got != "山田 看護師" {
		t.Errorf("operator not remembered: %q", got)
	}
	if q := r.src.queries[0]; q.Identity.CertSerial != "aa01" || q.Mode != summary.Emergency || q.On != testDay {
		t.Errorf("query %+v", q)
	}
	if !hasLabel(r.s.header, "マイナンバーカードの証明書は2026年12月25日に有効期限を迎えます（あと30日）") {
		t.Error("the certificate warning of the card is not in the patient header")
	}
	// The same patient again: no second question, still recorded.
	r.insert("aa01")
	if r.s.reason != nil || r.s.replace != nil {
		t.Error("the same patient's card asked again")
	}
	if n := len(r.audit.patientEvents()); n != 2 {
		t.Errorf("%d view entries, want 2 (each view recorded)", n)
	}
}

func t2(key string) string { return t(key) }

func TestCancelReasonShowsNothing(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	test.Tap(r.s.reason.cancel)
	if n := len(r.audit.patientEvents()); r.s.shown != nil || n != 0 {
		t.Fatalf("shown %v, %d view entries after cancelling the reason", r.s.shown, n)
	}
}

func TestOtherReasonNeedsText(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	f := r.s.reason
	test.Type(f.operator, "山田")
	f.choice.SetSelected(t2("reason.other"))
	if !f.ok.Disabled() {
		t.Fatal("'other' without text can be confirmed")
	}
	test.Type(f.other, "家族の依頼で確認")
	test.Tap(f.ok)
	r.s.work.Wait()
	if got := r.audit.lastEntry(t).Reason; got != "other:家族の依頼で確認" {
		t.Errorf("the log stores the reason as %q, want the key and the text", got)
	}
}

func TestSecondCardAsksBeforeReplacing(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	r.insert("bb02")
	if r.s.replace == nil {
		t.Fatal("another patient's card replaced the screen without asking")
	}
	if r.shownName() != "試験 花子" {
		t.Fatal("the first patient left the screen before the answer")
	}
	test.Tap(r.s.replace.no)
	if r.shownName() != "試験 花子" {
		t.Fatal("keeping the patient did not keep it")
	}
	r.insert("bb02")
	test.Tap(r.s.replace.yes)
	r.giveReason("山田")
	if r.shownName() != "試験 次郎" {
		t.Fatalf("shown %q after switching", r.shownName())
	}
}

func TestRemovalKeepsPatient(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	r.card(CardEvent{State: flow.Removed})
	if r.shownName() != "試験 花子" {
		t.Fatal("removing the card cleared the screen")
	}
	if r.s.status.Text != t2("state.removed") {
		t.Errorf("status %q", r.s.status.Text)
	}
}

func TestReaderStatesShown(t *testing.T) {
	r := newRig(t)
	r.card(CardEvent{State: flow.NoService, Err: errors.New("reader: pcscd is not running")})
	if r.s.status.Text != t2("state.noService") || r.s.hint.Text != t2("hint.noService") {
		t.Errorf("status %q / %q", r.s.status.Text, r.s.hint.Text)
	}
	// The system's English message is behind 詳細, not in the Japanese line.
	if r.s.causeBtn.Hidden || r.s.cause == nil || !strings.Contains(r.s.cause.Error(), "pcscd is not running") {
		t.Errorf("the cause is not behind 詳細: %v", r.s.cause)
	}
	test.Tap(r.s.causeBtn)
	if dlg := r.s.win.Canvas().Overlays().Top(); dlg == nil || !hasLabel(dlg, "pcscd is not running") {
		t.Error("詳細 does not show the system's message")
	}
	r.press(fyne.KeyEscape)
	r.insert("ffff")
	if r.s.status.Text != t2("state.notFound") || r.s.shown != nil {
		t.Errorf("unknown card: status %q", r.s.status.Text)
	}
}

func TestIdleClearAndClearButton(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	if !r.timer.waiting() {
		t.Fatal("no idle clear armed while a patient is shown")
	}
	r.timer.fire() // the quiet time is over: the countdown starts
	if r.s.shown == nil || !r.s.idleBar.Visible() {
		t.Fatal("no countdown before the idle clear")
	}
	for range 30 {
		r.timer.fire()
	}
	if r.s.shown != nil || len(r.s.rows) != 0 {
		t.Fatal("idle time passed and the patient is still on screen")
	}
	if r.s.status.Text != t2("state.idleCleared") {
		t.Errorf("status %q", r.s.status.Text)
	}

	r.insert("aa01") // the reason was given this session: shown at once
	if r.shownName() != "試験 花子" {
		t.Fatal("patient not shown again")
	}
	r.s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if r.s.shown != nil {
		t.Fatal("Esc did not clear the screen")
	}
	r.insert("aa01")
	test.Tap(r.s.clearBtn)
	if r.s.shown != nil {
		t.Fatal("画面クリア did not clear the screen")
	}
	if r.s.printBtn.Disabled() == false {
		t.Error("print stays enabled with nothing shown")
	}
}

func TestClearDropsPendingLookup(t *testing.T) {
	r := newRig(t)
	r.src.block = make(chan struct{})
	r.deliver(CardEvent{State: flow.CardRead, Card: &Card{Identity: summary.Identity{CertSerial: "aa01"}}})
	if r.s.progress.Hidden || r.s.cancelBtn.Hidden {
		t.Fatal("no progress indicator while fetching")
	}
	test.Tap(r.s.cancelBtn)
	r.s.work.Wait()
	if r.s.status.Text != t2("state.cancelled") || r.s.shown != nil || !r.s.cancelBtn.Hidden {
		t.Errorf("after cancel: status %q shown %v", r.s.status.Text, r.s.shown)
	}
}

func TestManualSearchValidatesAsYouType(t *testing.T) {
	r := newRig(t)
	f := r.s.newSearchForm(func(in summary.Insurance) {
		r.s.send(flow.Search{Identity: summary.Identity{Insurance: &in}})
	})
	w := test.NewWindow(f.content)
	defer w.Close()
	if f.problem.Text != "" || !f.submit.Disabled() {
		t.Errorf("the empty form already says %q", f.problem.Text)
	}
	if err := summary.ValidateInsurerNumber(strings.Fields(strings.NewReplacer("（", " ", "）", " ", "例", " ").Replace(f.insurer.PlaceHolder))[1]); err != nil {
		t.Errorf("the placeholder %q shows an invalid insurer number: %v", f.insurer.PlaceHolder, err)
	}
	test.Type(f.insurer, "12345678") // the sample's dummy number: wrong check digit
	test.Type(f.symbol, "1")
	test.Type(f.number, "2")
	if !strings.Contains(f.problem.Text, "検証番号") || !f.submit.Disabled() {
		t.Errorf("wrong check digit not refused: %q", f.problem.Text)
	}
	f.insurer.SetText("06130017")
	if f.problem.Text != "" || f.submit.Disabled() {
		t.Errorf("valid numbers refused: %q", f.problem.Text)
	}
	f.branch.SetText("0")
	if !strings.Contains(f.problem.Text, "枝番") || !f.submit.Disabled() {
		t.Errorf("one-digit branch accepted: %q", f.problem.Text)
	}
	f.branch.SetText("00")
	test.Tap(f.submit)
	r.s.work.Wait()
	r.giveReason("山田")
	if r.shownName() != "試験 花子" {
		t.Fatalf("search did not show the patient: %q", r.shownName())
	}
	q := r.src.queries[0].Identity.Insurance
	if q == nil || *q != (summary.Insurance{InsurerNumber: "06130017", Symbol: "1", Number: "2", Branch: "00"}) {
		t.Errorf("searched %+v", q)
	}
}

func TestConsentToggleAuditedAndRefetched(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	// The check refreshes itself after its callback started the refetch:
	// tap it as the screen's own updates run, so they do not overlap.
	onUI(r.s, func() { test.Tap(r.s.consent) })
	r.s.work.Wait()
	if r.s.shown.View.Mode != summary.Emergency || r.s.consentQ == nil {
		t.Fatal("the consent switch did not ask how the consent was confirmed")
	}
	r.confirmConsent(flow.ConsentOral, "看護師 佐藤")
	if r.s.shown.View.Mode != summary.Normal {
		t.Fatalf("mode %s after consent", r.s.shown.View.Mode)
	}
	if r.s.reason != nil {
		t.Error("consent asked for an emergency reason again")
	}
	if e := r.audit.last(); e.Reason != (reason.Reason{Key: reason.Consented}) {
		t.Errorf("consented view recorded as %+v", e)
	}
	var actions []string
	for _, e := range r.audit.entries(t) {
		actions = append(actions, string(e.Action)+"/"+string(e.Mode))
	}
	if strings.Join(actions, " ") != "card-read/emergency-without-consent show/emergency-without-consent consent-confirmed/with-consent show/with-consent" {
		t.Errorf("audit %v", actions)
	}
	if q := r.src.queries[len(r.src.queries)-1]; q.Mode != summary.Normal {
		t.Errorf("refetch in mode %s", q.Mode)
	}
}

func TestAuditFailureShowsNothing(t *testing.T) {
	r := newRig(t)
	r.audit.err = errors.New("audit: disk full")
	r.insert("aa01")
	r.giveReason("山田")
	if r.s.shown != nil {
		t.Fatal("shown although the audit log refused the entry")
	}
}

func TestSavePDFAtomicAndAudited(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	path := filepath.Join(t.TempDir(), "out.pdf")
	r.s.saveTo(path)
	r.s.work.Wait()
	data, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("saved %.20q, %v", data, err)
	}
	if e := r.audit.lastEntry(t); e.Action != audit.Export || e.Output != "file "+r.audit.log.FileRef("out.pdf") {
		t.Errorf("audit %+v", e)
	}
	// A failing render leaves nothing behind.
	r.s.d.Render = func(*summary.View) (*pdf.Printed, error) { return nil, errors.New("font missing") }
	bad := filepath.Join(filepath.Dir(path), "bad.pdf")
	r.s.saveTo(bad)
	r.s.work.Wait()
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files after a failed save: %v", entries)
	}
}

func TestPrintFallsBackToViewer(t *testing.T) {
	r := newRig(t)
	var opened string
	r.s.d.OpenFile = func(p string) error { opened = p; return nil }
	r.s.d.Printer = failingPrinter{}
	r.insert("aa01")
	r.giveReason("山田")
	r.s.printPDF()
	r.s.work.Wait()
	data, err := os.ReadFile(opened)
	if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("viewer got %q: %.20q %v", opened, data, err)
	}
	// Opened in the viewer is not printed: the log says so.
	if e := r.audit.lastEntry(t); e.Action != audit.Print || e.Result != audit.Viewer || !strings.Contains(e.Output, "no default destination") {
		t.Errorf("audit %+v, want a print handed to the viewer", e)
	}
	if r.s.status.Text != t2("state.printViewer") {
		t.Errorf("status %q", r.s.status.Text)
	}
	test.Tap(r.s.clearBtn)
	if _, err := os.Stat(opened); !os.IsNotExist(err) {
		t.Error("the temporary PDF outlived the clear")
	}
}

type failingPrinter struct{}

func (failingPrinter) Print(context.Context, string, PrintJob) error {
	return errors.New("lp: no default destination")
}

func TestTrainingNeverAuditedAsReal(t *testing.T) {
	r := newRigWith(t, func(d *Deps) { d.Training = true })
	r.src.records["aa01"].Training = true // the training store marks its records
	r.insert("aa01")
	r.giveReason("訓練者")
	for _, e := range r.audit.entries(t) {
		if e.Mode != audit.Training || (e.Patient != "" && e.Patient != audit.TrainingRef) {
			t.Errorf("training %s recorded as %s for %q", e.Action, e.Mode, e.Patient)
		}
	}
}

// hasLabel reports whether a label under o contains text.
func hasLabel(o fyne.CanvasObject, text string) bool {
	switch o := o.(type) {
	case *widget.Label:
		return strings.Contains(o.Text, text)
	case *widget.RichText:
		return strings.Contains(o.String(), text)
	case *canvas.Text:
		return strings.Contains(o.Text, text)
	case *fyne.Container:
		for _, c := range o.Objects {
			if hasLabel(c, text) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			if hasLabel(c, text) {
				return true
			}
		}
	}
	return false
}

// Every card read and every failed attempt is in the audit log, without
// naming a patient: who it was is recorded with the view.
func TestCardReadsAndFailuresAudited(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.card(CardEvent{State: flow.NotMyNumber, Reader: "Virtual PCD 00 00", Err: errors.New("reader: this is a smartphone, not a My Number card")})
	r.card(CardEvent{State: flow.Removed, Reader: "Virtual PCD 00 00"})
	r.s.work.Wait()
	var got []string
	for _, e := range r.audit.entries(t) {
		if e.Action != audit.CardRead {
			continue
		}
		if e.Patient != "" || e.Mode != audit.WithoutConsent {
			t.Errorf("card-read entry %+v names a patient or the wrong ground", e)
		}
		got = append(got, string(e.Result))
	}
	if strings.Join(got, " ") != "ok failed" {
		t.Errorf("card-read entries failed=%v, want a read then a failed attempt (removal is not an access)", got)
	}
	if e := r.audit.last(); !strings.Contains(e.Output, "smartphone") {
		t.Errorf("the failed attempt does not say why: %q", e.Output)
	}
}

// In OQS mode a card on the PC/SC reader cannot be looked up by its
// certificate: the screen says to use the face-auth reader or the numbers.
func TestOQSModeCardSaysHowToFindThePatient(t *testing.T) {
	r := newRig(t)
	dir := t.TempDir()
	for _, d := range []string{"req", "res"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	c, err := oqs.NewClient(oqs.Settings{ReqDir: filepath.Join(dir, "req"), ResDir: filepath.Join(dir, "res"), InstitutionCode: "1312345678"})
	if err != nil {
		t.Fatal(err)
	}
	r.s.d.Source = c
	r.insert("aa01")
	if r.s.shown != nil || r.s.hint.Text != t2("hint.oqsNeedsInsurance") {
		t.Errorf("status %q / %q", r.s.status.Text, r.s.hint.Text)
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "req")); len(left) != 0 {
		t.Error("a request without insurance numbers reached the connector")
	}
}
