package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
	"kyukyu/summary"
	"kyukyu/training"
)

// trainingDate is a fixed creation date for the training set.
const trainingDate = "2026-11-25"

// TestEveryPageNamesThePatient prints every training patient in both modes
// and reads each page of every multi-page PDF on its own: each names the
// patient and the birth date; no page holds only empty sections.
func TestEveryPageNamesThePatient(t *testing.T) {
	testenv.Slow(t, slowPoppler)
	multi := 0
	for _, c := range training.Patients() {
		for _, mode := range []summary.Mode{summary.Emergency, summary.Normal} {
			v := trainingView(t, c.ID, trainingDate, mode)
			ps := pages(t, render(t, v), contentOrder)
			if len(ps) > 1 {
				multi++
			}
			for i, p := range ps {
				text := squeeze(p)
				if !strings.Contains(text, squeeze(v.Patient.Name)) || !strings.Contains(text, v.Patient.Birth.Japanese()) {
					t.Errorf("%s %s page %d/%d lacks the name %q or birth date %s", c.ID, mode, i+1, len(ps), v.Patient.Name, v.Patient.Birth.Japanese())
				}
				if m := slashDate.FindString(p); m != "" {
					t.Errorf("%s %s page %d: a date written M/D: %q", c.ID, mode, i+1, m)
				}
				if i > 0 && !hasRows(p) {
					t.Errorf("%s %s page %d/%d holds no row:\n%s", c.ID, mode, i+1, len(ps), p)
				}
			}
		}
	}
	if multi < 3 {
		t.Errorf("only %d multi-page PDFs in the training set: the test proves little", multi)
	}
}

// A row of a table: a date as the tables print them (26年11月 or 26年11月25日).
var rowDate = regexp.MustCompile(`\d{2}年\s*\d{1,2}月`)

func hasRows(page string) bool {
	// The running header holds a birth date and a date of the alert line
	// in other forms (1949年3月3日, 12/5まで), not 2-digit years.
	return rowDate.MatchString(page)
}

// TestRareKanjiPatientOnEveryPage: 𠮷田 𩸽子 and her kana on every page, the
// IBM/NEC characters of her institutions and the critical alert summary on
// the pages after the first.
func TestRareKanjiPatientOnEveryPage(t *testing.T) {
	v := trainingView(t, "rare-kanji-yoshida", trainingDate, summary.Emergency)
	p, err := Layout(v)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Missing) != 0 {
		t.Errorf("missing characters %q: every character of the patient is in a bundled font", string(p.Missing))
	}
	ps := pages(t, render(t, v), contentOrder)
	if len(ps) < 2 || p.Pages != len(ps) {
		t.Fatalf("%d pages (Layout says %d); the patient has rows for more than one", len(ps), p.Pages)
	}
	for i, text := range ps {
		for _, want := range []string{"𠮷田𩸽子", "ヨシダホッケコ", "髙﨑①", "㈱𡈽屋"} {
			if !strings.Contains(squeeze(text), want) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
		if i > 0 && !strings.Contains(text, "［抗凝固］抗凝固薬: アピキサバン") {
			t.Errorf("page %d lacks the critical alert summary:\n%s", i+1, text)
		}
	}
}

// A patient the connector names only in kana (a face-auth result without
// Name): every page says the kanji name is not given and carries the kana,
// never a blank 氏名.
func TestKanaOnlyPatientOnEveryPage(t *testing.T) {
	v := trainingView(t, "rare-kanji-yoshida", trainingDate, summary.Emergency)
	v.Patient.Name = ""
	ps := pages(t, render(t, v), contentOrder)
	for i, text := range ps {
		for _, want := range []string{"漢字氏名の記載なし", "ヨシダホッケコ"} {
			if !strings.Contains(squeeze(text), want) {
				t.Errorf("page %d/%d lacks %q", i+1, len(ps), want)
			}
		}
	}
}

// TestWarningsOnEveryPage: a page read alone shows every critical and
// warning alert (the zolpidem, dialysis and polypharmacy cases), and page 2
// of the warfarin case the supply's end with its year, never as 1/2.
func TestWarningsOnEveryPage(t *testing.T) {
	testenv.Slow(t, slowPoppler)
	for _, id := range []string{"warfarin-head-injury", "zolpidem-many-clinics", "dialysis-hd", "heavy-elderly-polypharmacy"} {
		for _, mode := range []summary.Mode{summary.Emergency, summary.Normal} {
			v := trainingView(t, id, trainingDate, mode)
			ps := pages(t, render(t, v), contentOrder)
			if mode == summary.Normal && len(ps) < 2 {
				t.Errorf("%s %s: %d page(s); the test needs more", id, mode, len(ps))
			}
			warnings := 0
			for _, l := range alertLines(v.Alerts) {
				warnings++
				// A long line ends in …: its start must be there.
				want := []rune(squeeze(l.text))
				want = want[:min(len(want), 24)]
				for i, p := range ps {
					if !strings.Contains(squeeze(p), string(want)) {
						t.Errorf("%s %s page %d/%d lacks %q", id, mode, i+1, len(ps), string(want))
					}
				}
			}
			if warnings == 0 {
				t.Errorf("%s %s: no critical or warning alert; the case teaches one", id, mode)
			}
			for i, p := range ps {
				if m := slashDate.FindString(p); m != "" {
					t.Errorf("%s %s page %d: a date written M/D: %q", id, mode, i+1, m)
				}
			}
			if id == "warfarin-head-injury" && len(ps) > 1 {
				var end summary.Date
				for _, a := range v.Alerts {
					if a.Kind == summary.AlertAnticoagulant {
						end = a.CoveredThrough
					}
				}
				want := fmt.Sprintf("%d年%d月%d日まで", end.Year, int(end.Month), end.Day)
				if end.IsZero() || !strings.Contains(squeeze(ps[1]), want) {
					t.Errorf("warfarin %s page 2 lacks the supply end %q:\n%s", mode, want, ps[1])
				}
			}
		}
	}
}

// slashDate is a month/day date (12/3まで, 1/2): on paper beside a drug
// name it reads as a fraction, and it has no year across New Year. A
// fraction of a unit (1/2錠) is a dose, not a date.
var slashDate = regexp.MustCompile(`(^|[^0-9./A-Za-z])(1[0-2]|[1-9])/([1-9]|[12][0-9]|3[01])($|[^0-9./A-Za-z%錠包本枚個回量管])`)
