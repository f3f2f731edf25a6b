package pdf

import (
	"regexp"
	"strings"
	"testing"

	"kyukyu/summary"
	"kyukyu/training"
)

// trainingDate is a fixed creation date for the training set.
const trainingDate = "2026-11-25"

// TestEveryPageNamesThePatient prints every training patient in both modes
// and reads each page of every multi-page PDF on its own: each names the
// patient and the birth date; no page holds only empty sections.
func TestEveryPageNamesThePatient(t *testing.T) {
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
		if i > 0 && !strings.Contains(text, "【要確認】抗凝固薬 アピキサバン") {
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
