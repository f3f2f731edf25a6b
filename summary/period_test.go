package summary

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func d(s string) Date {
	x, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestWindows(t *testing.T) {
	cases := []struct {
		on       string
		item     Item
		mode     Mode
		from, to string
	}{
		{"2022-08-26", ItemVisits, Emergency, "2022-06-01", "2022-08-26"},
		{"2022-08-26", ItemDispensing, Emergency, "2022-07-13", "2022-08-26"},
		{"2022-08-26", ItemDispensing, Normal, "2022-05-19", "2022-08-26"},
		{"2022-08-26", ItemMedications, Normal, "2017-09-01", "2022-08-26"},
		{"2022-08-26", ItemSurgeries, Emergency, "2017-09-01", "2022-08-26"},
		{"2022-08-26", ItemProcedures, Emergency, "2022-06-01", "2022-08-26"},
		{"2022-08-26", ItemDialysis, Normal, "2017-09-01", "2022-08-26"},
		{"2022-08-26", ItemCheckups, Normal, "2017-09-01", "2022-08-26"},
		// month ends, February, leap day, year ends
		{"2024-03-31", ItemDispensing, Emergency, "2024-02-16", "2024-03-31"},
		{"2024-02-29", ItemVisits, Emergency, "2023-12-01", "2024-02-29"},
		{"2024-02-29", ItemDispensing, Emergency, "2024-01-16", "2024-02-29"},
		{"2023-03-01", ItemDispensing, Emergency, "2023-01-16", "2023-03-01"},
		{"2024-03-01", ItemDispensing, Emergency, "2024-01-17", "2024-03-01"},
		{"2023-01-01", ItemVisits, Emergency, "2022-11-01", "2023-01-01"},
		{"2023-01-15", ItemDispensing, Normal, "2022-10-08", "2023-01-15"},
		{"2022-12-31", ItemMedications, Emergency, "2022-10-01", "2022-12-31"},
		{"2025-05-31", ItemSurgeries, Emergency, "2020-06-01", "2025-05-31"},
	}
	for _, c := range cases {
		var rule Rule
		for _, r := range Rules {
			if r.Item == c.item {
				rule = r
			}
		}
		w := rule.For(c.mode).WindowOn(d(c.on))
		if w.From != d(c.from) || w.To != d(c.to) {
			t.Errorf("%s %s on %s: window %s…%s, want %s…%s", c.item, c.mode, c.on, w.From, w.To, c.from, c.to)
		}
		if !w.Contains(w.From) || !w.Contains(w.To) || w.Contains(w.From.AddDays(-1)) || w.Contains(w.To.AddDays(1)) {
			t.Errorf("%s %s on %s: first and last day must be kept, the day before and after dropped", c.item, c.mode, c.on)
		}
	}
}

func TestBuildBoundariesAndFuture(t *testing.T) {
	on := d("2024-03-01")
	rec := &Record{
		Visits: []Visit{{Institution: "first", Month: Month{2024, 1}}, {Institution: "before", Month: Month{2023, 12}}},
		Dispensing: []Medication{
			{Drug: "first", Date: d("2024-01-17")}, {Drug: "before", Date: d("2024-01-16")},
			{Drug: "today", Date: on}, {Drug: "future", Date: d("2024-03-02")},
		},
		Checkups: []Checkup{{Date: d("2023-05-01"), Results: []CheckupResult{{Name: "x"}}}, {Date: d("2021-01-01")}, {Date: d("2024-03-05")}},
	}
	v := Build(rec, Emergency, on)
	names := func(ms []Medication) (s []string) {
		for _, m := range ms {
			s = append(s, m.Drug)
		}
		return s
	}
	if got := names(v.Section(ItemDispensing).Medications); len(got) != 2 || got[0] != "today" || got[1] != "first" {
		t.Errorf("dispensing rows %v, want [today first]", got)
	}
	if vs := v.Section(ItemVisits).Visits; len(vs) != 1 || vs[0].Institution != "first" {
		t.Errorf("visits %v, want only the first month", vs)
	}
	cs := v.Section(ItemCheckups).Checkups
	if len(cs) != 1 || cs[0].Date != d("2023-05-01") || cs[0].Results != nil {
		t.Errorf("emergency checkups %+v, want the latest past date without results", cs)
	}
	if n := len(Build(rec, Normal, on).Section(ItemCheckups).Checkups); n != 2 {
		t.Errorf("normal checkups: %d, want 2 (within 5 years, not future)", n)
	}
}

// An instant that is still the 31st in UTC and Los Angeles is already the
// 1st in Japan: the creation date and every window follow Japan.
func TestJapanDateWhateverTheZone(t *testing.T) {
	instant := time.Date(2024, 3, 31, 15, 30, 0, 0, time.UTC) // 2024-04-01 00:30 JST
	if got := Today(instant); got != d("2024-04-01") {
		t.Fatalf("Today = %s, want 2024-04-01", got)
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	if got := Today(instant.In(la)); got != d("2024-04-01") {
		t.Fatalf("Today from Los Angeles = %s, want 2024-04-01", got)
	}
	v := Build(&Record{Visits: []Visit{{Institution: "feb", Month: Month{2024, 2}}, {Institution: "jan", Month: Month{2024, 1}}}}, Emergency, Today(instant))
	if vs := v.Section(ItemVisits).Visits; len(vs) != 1 || vs[0].Institution != "feb" {
		t.Errorf("visits on the Japan date 2024-04-01: %v, want only feb (Feb–Apr)", vs)
	}
}

// The same test binary rerun with the machine's TZ set elsewhere must agree.
func TestZonesOfTheMachine(t *testing.T) {
	if os.Getenv("KYUKYU_TZ_CHILD") != "" {
		return
	}
	for _, tz := range []string{"UTC", "America/Los_Angeles"} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestJapanDateWhateverTheZone$|^TestWindows$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TZ="+tz, "KYUKYU_TZ_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("TZ=%s: %v\n%s", tz, err, out)
		}
	}
}

func TestParseDateRefusesImpossibleDates(t *testing.T) {
	for _, s := range []string{"2023-02-29", "2023-02-30", "2022-13-01", "20220826", ""} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	if _, err := ParseDate("2024-02-29"); err != nil {
		t.Errorf("leap day refused: %v", err)
	}
}

func TestInsurerCheckDigit(t *testing.T) {
	if err := ValidateInsurerNumber("33120015"); err != nil {
		t.Errorf("33120015 is valid (domain.md §5): %v", err)
	}
	for _, c := range []struct {
		in   Insurance
		want InsuranceError
	}{
		// the sample's dummy number: the 8th digit is 8, the others give 4
		{Insurance{InsurerNumber: "12345678"}, InsuranceError{Field: FieldInsurer, Problem: ProblemCheckDigit, Position: 8, Got: 8, Want: 4}},
		{Insurance{InsurerNumber: "1234"}, InsuranceError{Field: FieldInsurer, Problem: ProblemLength, Got: 4}},
		{Insurance{InsurerNumber: "3312A015"}, InsuranceError{Field: FieldInsurer, Problem: ProblemNotDigit, Position: 5, Char: "A"}},
		{Insurance{InsurerNumber: "3312001X"}, InsuranceError{Field: FieldInsurer, Problem: ProblemNotDigit, Position: 8, Char: "X"}},
		// a full-width digit counts as one character and is named as it is
		{Insurance{InsurerNumber: "１31200"}, InsuranceError{Field: FieldInsurer, Problem: ProblemNotDigit, Position: 1, Char: "１"}},
		{Insurance{InsurerNumber: "33120015", Branch: "00"}, InsuranceError{Field: FieldNumber, Problem: ProblemMissing}},
		{Insurance{InsurerNumber: "33120015", Symbol: strings.Repeat("髙", 21), Branch: "00"}, InsuranceError{Field: FieldSymbol, Problem: ProblemTooLong, Got: 21, Want: 20}},
		{Insurance{InsurerNumber: "33120015", Symbol: "1", Number: "2", Branch: "0"}, InsuranceError{Field: FieldBranch, Problem: ProblemLength, Got: 1}},
		{Insurance{InsurerNumber: "33120015", Symbol: "1", Number: "2", Branch: "0０"}, InsuranceError{Field: FieldBranch, Problem: ProblemNotDigit, Position: 2, Char: "０"}},
	} {
		got := ValidateInsurance(c.in)
		if got == nil || *got != c.want {
			t.Errorf("%+v: %+v, want %+v", c.in, got, c.want)
		}
	}
	if err := ValidateInsurance(Insurance{InsurerNumber: "06130017", Symbol: "港01", Number: "4021", Branch: "00"}); err != nil {
		t.Errorf("valid numbers refused: %v", err)
	}
	w := PatientWarnings(Patient{Insurance: Insurance{InsurerNumber: "12345678"}})
	if len(w) != 1 || w[0].Kind != WarningInsurerNumber || w[0].Insurance == nil || w[0].Insurance.Problem != ProblemCheckDigit {
		t.Errorf("delivered data with a wrong check digit: warnings %+v, want one insurer-number warning", w)
	}
}

// The date arithmetic is plain integers: it must give what time.Date
// gives, normalising months and days, across centuries and the zero date.
func TestDateArithmeticAsTimeDate(t *testing.T) {
	viaTime := func(y int, m time.Month, d int) Date { return DateOf(time.Date(y, m, d, 12, 0, 0, 0, Tokyo)) }
	for y := -1; y <= 2500; y += 7 {
		for m := time.Month(-14); m <= 27; m++ {
			for _, d := range []int{-400, -60, -1, 0, 1, 15, 28, 29, 30, 31, 32, 59, 60, 61, 366, 1000} {
				want := viaTime(y, m, d)
				if got := NewDate(y, m, d); got != want {
					t.Fatalf("NewDate(%d, %d, %d) = %v, want %v", y, m, d, got, want)
				}
				base := viaTime(y, m, 1)
				if got := base.AddDays(d); got != viaTime(base.Year, base.Month, base.Day+d) {
					t.Fatalf("%v.AddDays(%d) = %v", base, d, got)
				}
				if n := base.DaysUntil(want); viaTime(base.Year, base.Month, base.Day+n) != want {
					t.Fatalf("%v.DaysUntil(%v) = %d", base, want, n)
				}
			}
		}
	}
	if got := (Date{}).AddDays(30); got != viaTime(0, 0, 30) {
		t.Errorf("the zero date + 30 days = %v", got)
	}
}
