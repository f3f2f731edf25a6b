package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kyukyu/buildinfo"
	"kyukyu/config"
	"kyukyu/summary"
)

// Language, light/dark and text size apply at once, the patient kept: in
// English the buttons, the section headings and the dates are English and
// no Japanese word of the screen's own remains.
func TestSettingsApplyAtOnce(t *testing.T) {
	r := newRig(t)
	t.Cleanup(func() { loadTranslations("ja") })
	r.insert("aa01")
	r.giveReason("山田")
	before := textMetrics().lineHeight(theme.SizeNameText)
	r.s.prefs.SetString(prefLanguage, "en")
	r.s.prefs.SetString(prefVariant, variantLight)
	r.s.prefs.SetString(prefTextSize, "large")
	r.s.applySettings()
	test.ApplyTheme(t, r.s.app.Settings().Theme()) // wait for the refresh the new theme starts
	if r.shownName() != "試験 花子" {
		t.Fatal("changing the settings took the patient off the screen")
	}
	if r.s.printBtn.Text != "Print (Ctrl+P)" {
		t.Errorf("print button %q after switching to English", r.s.printBtn.Text)
	}
	th := r.s.app.Settings().Theme()
	if th.Color(theme.ColorNameBackground, theme.VariantDark) != th.Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Error("the light setting did not override a dark system")
	}
	if after := textMetrics().lineHeight(theme.SizeNameText); after <= before {
		t.Errorf("text size large: line height %v, was %v", after, before)
	}
	var texts []string
	for _, row := range r.s.rows {
		rv := newRowView(func() {}, func(float32) {})
		rv.show(r.s.shown.View, row)
		for _, c := range append([]*widget.RichText{rv.tag}, append(rv.top[:], rv.bottom[:]...)...) {
			if txt := cellText(c); txt != "" {
				texts = append(texts, txt)
			}
		}
	}
	all := strings.Join(texts, " | ")
	for _, want := range []string{"Visits", "Dispensing (pharmacies)", "Last 45 days (2022-07-13 to 2022-08-26)", "2022-08-01", "Pharmacy", "Anticoagulant"} {
		if !strings.Contains(all, want) {
			t.Errorf("the English rows lack %q:\n%s", want, all)
		}
	}
	// The screen's own words: no Japanese but the patient's data (names,
	// institutions, drugs from the record).
	for _, bad := range []string{"受診歴", "調剤結果情報", "院外", "年", "月", "日分の記録", "該当なし", "抗凝固"} {
		for _, txt := range texts {
			if strings.Contains(txt, bad) && !strings.Contains(txt, "ワーファリン") && !strings.Contains(txt, "さくら") && !strings.Contains(txt, "ひかり") && !strings.Contains(txt, "錠") {
				t.Errorf("Japanese %q in the English screen: %q", bad, txt)
			}
		}
	}
	if !hasLabel(r.s.header, "Created 2022-08-26") || !hasLabel(r.s.header, "female") {
		t.Error("the header's creation date or sex is not English")
	}
	// The alerts too (issue 16's words, in the screen's language).
	alerts := strings.Join(labels(r.s.alerts), "\n")
	if !strings.Contains(alerts, "Anticoagulant") || !strings.Contains(alerts, "Drugs likely taken today") || strings.Contains(alerts, "抗凝固薬") || strings.Contains(alerts, "服用") {
		t.Errorf("the alerts are not in English:\n%s", alerts)
	}
}

// fakeLocks is a machine-wide settings file.
type fakeLocks map[string]string

func (f fakeLocks) Value(k string) (string, bool) { v, ok := f[k]; return v, ok }

// A setting the hospital locked is used, shown disabled in 設定, and a
// save leaves the user's own value alone.
func TestLockedSettingsShownAndUsed(t *testing.T) {
	r := newRig(t)
	r.s.d.Locks = fakeLocks{prefPrinter: "ER-Printer", prefIdleMinutes: "2"}
	r.s.prefs.SetString(prefPrinter, "my-printer")
	if m := r.s.idleMinutes(); m != 2 {
		t.Errorf("idle %d min, want the locked 2 min", m)
	}
	p := &recordingPrinter{t: t}
	r.s.d.Printer = p
	r.insert("aa01")
	r.giveReason("山田")
	r.s.printPDF()
	r.s.work.Wait()
	if len(p.printers) != 1 || p.printers[0] != "ER-Printer" {
		t.Errorf("printed to %v, want the locked ER-Printer", p.printers)
	}
	r.s.showSettings()
	r.s.showSettings() // Ctrl+, twice: one dialog
	if len(r.s.dialogs) != 1 {
		t.Fatalf("%d dialogs after opening the settings twice", len(r.s.dialogs))
	}
	form := r.s.dialogs[0].d.(*dialog.FormDialog)
	dlg := r.s.win.Canvas().Overlays().Top()
	var printer *escEntry
	walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*escEntry); ok && e.Text == "ER-Printer" {
			printer = e
		}
	})
	if printer == nil || !printer.Disabled() {
		t.Fatalf("the locked printer is not shown disabled (%v)", printer)
	}
	if !hasLabel(dlg, t2("settings.locked")) {
		t.Error("the dialog does not say who set it")
	}
	if !hasLabel(dlg, buildinfo.Get().String()) {
		t.Error("the settings do not show the version a support person asks for")
	}
	form.Submit()
	if got := r.s.prefs.String(prefPrinter); got != "my-printer" {
		t.Errorf("saving wrote the locked value over the user's: %q", got)
	}
}

// walk visits o and every object under it.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch o := o.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			walk(c, f)
		}
	}
}

// Entries waiting for the central audit log are shown, quietly; none
// waiting shows nothing.
func TestCentralPendingShown(t *testing.T) {
	a := newTestApp(t)
	st := CentralStatus{Pending: 3}
	s := New(a, Deps{Source: &fakeSource{}, Central: func() CentralStatus { return st }, After: (&fakeTimer{}).after})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Start(ctx)
	t.Cleanup(s.work.Wait)
	until(t, s, "the pending count", func() bool { return strings.Contains(s.central.Text, "3") })
	if s.central.Text != "中央監査ログ未送信 3件" {
		t.Errorf("central note %q", s.central.Text)
	}
	if got := centralText(CentralStatus{Pending: 2, Unreachable: 12 * time.Minute}); !strings.Contains(got, "12分") {
		t.Errorf("unreachable note %q", got)
	}
	if got := centralText(CentralStatus{}); got != "" {
		t.Errorf("nothing pending still says %q", got)
	}
}

// The mode switches in the running window when nothing is shown: the
// training banner and picker come and go, the new source answers, and a
// face-auth result of the new OQS source reaches the screen. With a
// patient on screen the mode is not switched under it.
func TestModeSwitchesWhenSafe(t *testing.T) {
	r := newRig(t)
	faces := make(chan FaceResult)
	r.s.d.SwitchMode = func(training bool) (ModeParts, error) {
		if training {
			return ModeParts{Training: true, Source: r.src, Cases: []Case{{ID: "aa01", Name: "試験 花子"}}, CaseIdentity: func(id string) summary.Identity { return summary.Identity{CertSerial: id} }}, nil
		}
		return ModeParts{Source: r.src, Faces: faces}, nil
	}
	r.insert("aa01")
	r.giveReason("山田")
	r.s.switchMode(true)
	if r.s.d.Training {
		t.Fatal("the mode switched under a shown patient")
	}
	if dlg := r.s.win.Canvas().Overlays().Top(); dlg == nil || !hasLabel(dlg, t2("settings.modeNotNow")) {
		t.Error("no word that the mode waits")
	}
	r.press(fyne.KeyEscape)
	test.Tap(r.s.clearBtn)
	r.s.switchMode(true)
	if !r.s.d.Training || r.s.banner == nil || !r.s.banner.Visible() || r.s.modeLabel.Text != t2("mode.training") {
		t.Fatalf("after switching to training: training %v, banner %v, mode %q", r.s.d.Training, r.s.banner, r.s.modeLabel.Text)
	}
	r.s.openCase("aa01")
	r.s.work.Wait()
	r.giveReason("訓練者") // reasons given before the switch do not carry over
	if r.shownName() != "試験 花子" {
		t.Errorf("training case after the switch: shown %q", r.shownName())
	}
	test.Tap(r.s.clearBtn)
	r.s.switchMode(false)
	if r.s.d.Training || r.s.banner != nil {
		t.Fatal("the training banner stayed after switching to OQS")
	}
	faces <- FaceResult{Patient: r.src.records["06130017"].Patient}
	until(t, r.s, "the face-auth patient's lookup", func() bool { return r.s.reason != nil || r.s.shown != nil })
}

// Each setting of the window is tied to its key, the key of the
// hospital's machine-wide file (package config): locking a key shows its
// value, disabled, in the one field of that setting; every key of the
// file is a window setting or one the file alone sets.
func TestEachSettingTiedToItsKey(t *testing.T) {
	shown := map[string]string{config.Mode: modeOQS, config.OQSReq: "/lock/req", config.OQSRes: "/lock/res", config.OQSFace: "/lock/face",
		config.Institution: "1311111111", config.Printer: "LOCKED-P", config.Reader: "LOCKED-R", config.IdleMinutes: "7"}
	fileOnly := map[string]bool{config.AuditURL: true, config.EmergencyViewers: true, config.ConsentViewers: true, config.StaffCards: true,
		config.StaffRequired: true, config.StaffHours: true, config.ERWorkstations: true}
	for _, k := range config.Keys {
		if _, ok := shown[k]; !ok && !fileOnly[k] {
			t.Errorf("machine-wide key %q is neither a window setting nor a file-only key", k)
		}
	}
	r := newRig(t)
	for key, value := range shown {
		r.s.d.Locks = fakeLocks{key: value}
		onUI(r.s, r.s.showSettings)
		dlg := r.s.win.Canvas().Overlays().Top()
		var disabled []string
		walk(dlg, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *escEntry:
				if w.Disabled() {
					disabled = append(disabled, w.Text)
				}
			case *widget.Select:
				if w.Disabled() {
					disabled = append(disabled, w.Selected)
				}
			}
		})
		want := value
		if key == config.Mode {
			want = t2("settings.mode." + value)
		}
		if len(disabled) != 1 || disabled[0] != want {
			t.Errorf("%s locked to %q: disabled fields show %q", key, value, disabled)
		}
		r.press(fyne.KeyEscape)
		if len(r.s.dialogs) != 0 || r.s.settingsOpen {
			t.Fatalf("Esc left the settings open (%d dialogs)", len(r.s.dialogs))
		}
	}
}
