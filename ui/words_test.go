package ui

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kyukyu/pdf"
	"kyukyu/summary"
)

// shownTexts are the texts of the visible labels under o, and its visible buttons.
func shownTexts(o fyne.CanvasObject) (texts []string, buttons []*widget.Button) {
	if !o.Visible() {
		return nil, nil
	}
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}, nil
	case *widget.Button:
		return []string{x.Text}, []*widget.Button{x}
	case *fyne.Container:
		for _, c := range x.Objects {
			ts, bs := shownTexts(c)
			texts, buttons = append(texts, ts...), append(buttons, bs...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			ts, bs := shownTexts(c)
			texts, buttons = append(texts, ts...), append(buttons, bs...)
		}
	}
	return texts, buttons
}

// A failure reads in the screen's language; the system's own message (here
// the audit log's English) shows only behind 詳細.
func TestFailureInTheScreensLanguage(t *testing.T) {
	r := newRig(t)
	t.Cleanup(func() { loadTranslations("ja") })
	r.s.prefs.SetString(prefLanguage, "en")
	r.s.applySettings()
	r.audit.err = errors.New("audit: append: database is locked")
	r.insert("aa01")
	r.giveReason("Yamada")
	top := r.s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog says the audit log failed")
	}
	texts, buttons := shownTexts(top)
	all := strings.Join(texts, " | ")
	if !strings.Contains(all, "the audit log could not record it") || strings.Contains(all, "database is locked") {
		t.Errorf("the dialog shows %q: want the English sentence, the system's message hidden", all)
	}
	if hasJapaneseText(all) {
		t.Errorf("Japanese in the English dialog: %q", all)
	}
	for _, b := range buttons {
		if b.Text == t2("btn.cause") {
			test.Tap(b)
		}
	}
	if texts, _ := shownTexts(top); !strings.Contains(strings.Join(texts, " | "), "database is locked") {
		t.Errorf("詳細 does not show the system's message: %q", texts)
	}
}

// The number search words its problem in the screen's language.
func TestSearchProblemInEnglish(t *testing.T) {
	r := newRig(t)
	t.Cleanup(func() { loadTranslations("ja") })
	r.s.prefs.SetString(prefLanguage, "en")
	r.s.applySettings()
	f := r.s.newSearchForm(func(summary.Insurance) {})
	test.Type(f.insurer, "12345678")
	test.Type(f.symbol, "1")
	want := "Digit 8 of the insurer number (the check digit) is 8, but the digits before it give 4: check the number"
	if f.problem.Text != want || !f.submit.Disabled() {
		t.Errorf("problem %q, want %q", f.problem.Text, want)
	}
}

func hasJapaneseText(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// The card's certificate end is data from the reader: the header words it
// in the screen's language, from alerttext's table (the CLI's English too).
func TestCardExpiryInTheScreensLanguage(t *testing.T) {
	r := newRig(t)
	t.Cleanup(func() { loadTranslations("ja") })
	r.s.prefs.SetString(prefLanguage, "en")
	r.s.applySettings()
	r.insert("aa01")
	r.giveReason("Yamada")
	if !hasLabel(r.s.header, "certificate expires on 2026-12-25 (in 30 days)") {
		t.Errorf("the header lacks the English expiry: %q", labels(r.s.header))
	}
}

// A PDF that cannot be made says so in the screen's language; the
// renderer's message is behind 詳細.
func TestRenderFailureInTheScreensLanguage(t *testing.T) {
	r := newRig(t)
	r.insert("aa01")
	r.giveReason("山田")
	r.s.d.Render = func(*summary.View) (*pdf.Printed, error) { return nil, errors.New("fpdf: glyph not in font") }
	r.s.saveTo(filepath.Join(t.TempDir(), "out.pdf"))
	r.s.work.Wait()
	top := r.s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog says the PDF failed")
	}
	texts, _ := shownTexts(top)
	all := strings.Join(texts, " | ")
	if !strings.Contains(all, t2("print.saveFailed")) || strings.Contains(all, "glyph") {
		t.Errorf("the dialog shows %q: want %q, the renderer's message hidden", all, t2("print.saveFailed"))
	}
}

// TestSexUnknownReadsAsSex: after the age the header reads （30歳）性別不明,
// not a bare 不明 that says nothing of what is unknown.
func TestSexUnknownReadsAsSex(t *testing.T) {
	if err := loadTranslations("ja"); err != nil {
		t.Fatal(err)
	}
	for s, want := range map[summary.Sex]string{summary.SexUnknown: "性別不明", summary.SexMale: "男", summary.SexFemale: "女"} {
		if got := sexText(s); got != want {
			t.Errorf("sex %q: %q, want %q", s, got, want)
		}
	}
}
