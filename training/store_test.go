package training

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kyukyu/summary"
)

func open(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func view(t *testing.T, s *Store, id, on string, mode summary.Mode) *summary.View {
	t.Helper()
	d, _ := summary.ParseDate(on)
	rec, err := s.Record(context.Background(), id, d)
	if err != nil {
		t.Fatal(err)
	}
	return summary.Build(rec, mode, d)
}

// shinryo-taro at 2022-08-26 shows exactly the rows of the seed's sample.
func TestShinryoTaroIsTheSample(t *testing.T) {
	v := view(t, open(t), "shinryo-taro", "2022-08-26", summary.Emergency)
	p := v.Patient
	if p.Name != "診療 太郎" || p.Birth.String() != "1962-05-21" || v.Age != 60 || p.Sex.Japanese() != "男" ||
		p.Insurance != (summary.Insurance{InsurerNumber: "12345678", Symbol: "1234567", Number: "12345", Branch: "00"}) {
		t.Errorf("patient %+v age %d", p, v.Age)
	}
	if len(v.Warnings) != 1 {
		t.Errorf("the sample's dummy insurer number must carry a check-digit warning, got %v", v.Warnings)
	}
	got := map[summary.Item][]string{}
	for _, s := range v.Sections {
		for _, r := range s.Visits {
			got[s.Item] = append(got[s.Item], r.Institution+" "+r.Month.Short())
		}
		for _, r := range s.Medications {
			got[s.Item] = append(got[s.Item], r.Date.Short()+" "+r.Drug+" "+r.Quantity)
		}
		if len(s.Procedures)+len(s.Checkups) > 0 {
			t.Errorf("%s: the sample has no such rows", s.Item)
		}
	}
	want := map[summary.Item][]string{
		summary.ItemVisits:      {"資格クリニック 22年7月", "資格医院 22年6月"},
		summary.ItemDispensing:  {"22年8月 2日 フルティフォーム125エアゾール56吸入用 42吸引"},
		summary.ItemMedications: {"22年7月19日 ゲンタマイシン硫酸塩軟膏0.1%「イワキ」 10g 1処方分", "22年6月18日 マイスリー錠5mg 1錠 14日分"},
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if string(a) != string(b) {
		t.Errorf("rows\n got %s\nwant %s", a, b)
	}
	if w := v.Section(summary.ItemDispensing).Window; w.From.String() != "2022-07-13" || w.To.String() != "2022-08-26" {
		t.Errorf("dispensing window %s…%s", w.From, w.To)
	}
}

// window-boundaries: in both modes the first and last day of every window
// are shown and the day before is not, on any creation date.
func TestBoundaryPatient(t *testing.T) {
	s := open(t)
	for _, on := range []string{"2026-11-25", "2024-02-29", "2024-03-31", "2023-01-01", "2025-12-31"} {
		for _, mode := range summary.Modes {
			v := view(t, s, "window-boundaries", on, mode)
			for _, sec := range v.Sections {
				var labels []string
				for _, r := range sec.Visits {
					labels = append(labels, r.Institution)
				}
				for _, r := range sec.Medications {
					labels = append(labels, r.Institution)
				}
				for _, r := range sec.Procedures {
					labels = append(labels, r.Institution)
				}
				for _, r := range sec.Checkups {
					labels = append(labels, r.Institution)
				}
				hidden := map[summary.Mode][]string{
					summary.Emergency: {"3か月の前", "45日の前日", "5年の前", "翌日"},
					summary.Normal:    {"5年の前", "100日の前日", "翌日"},
				}[mode]
				for _, l := range labels {
					for _, h := range hidden {
						if strings.Contains(l, h) {
							t.Errorf("%s %s %s: %q must not be shown", on, mode, sec.Item, l)
						}
					}
				}
				wantFirst := map[summary.Item]map[summary.Mode]string{
					summary.ItemVisits:      {summary.Emergency: "3か月の初月", summary.Normal: "5年の初月"},
					summary.ItemDispensing:  {summary.Emergency: "45日の初日", summary.Normal: "100日の初日"},
					summary.ItemMedications: {summary.Emergency: "3か月の初日", summary.Normal: "5年の初日"},
					summary.ItemSurgeries:   {summary.Emergency: "5年の初日", summary.Normal: "5年の初日"},
					summary.ItemProcedures:  {summary.Emergency: "3か月の初日"},
					summary.ItemDialysis:    {summary.Emergency: "3か月の初日"},
					summary.ItemCheckups:    {summary.Emergency: "作成日", summary.Normal: "5年の初日"},
				}[sec.Item][mode]
				if wantFirst != "" && !strings.Contains(strings.Join(labels, "|"), wantFirst) {
					t.Errorf("%s %s %s: %v lacks the entry on the first day (%s)", on, mode, sec.Item, labels, wantFirst)
				}
			}
			if d := v.Section(summary.ItemDispensing).Medications; len(d) == 0 || !strings.Contains(d[0].Institution, "作成日") {
				t.Errorf("%s %s: the creation date's own dispensing must be shown first", on, mode)
			}
		}
	}
}

func TestEveryPatientLoadsWithValidNumbers(t *testing.T) {
	s := open(t)
	seen := map[string]bool{}
	for _, c := range Patients() {
		v := view(t, s, c.ID, "2026-11-25", summary.Normal)
		insurance := slices.DeleteFunc(slices.Clone(v.Warnings), func(w summary.Warning) bool { return w.Kind != summary.WarningInsurerNumber })
		if c.ID != "shinryo-taro" && len(insurance) != 0 {
			t.Errorf("%s: synthetic insurance numbers must be valid: %v", c.ID, v.Warnings)
		}
		// The row dated the day after the creation date is not shown, and said.
		if future := slices.ContainsFunc(v.Warnings, func(w summary.Warning) bool { return w.Kind == summary.WarningFutureDated }); future != (c.ID == "window-boundaries") {
			t.Errorf("%s: future-dated warning %v: %v", c.ID, future, v.Warnings)
		}
		if seen[v.Patient.Insurance.InsurerNumber+v.Patient.Insurance.Number] {
			t.Errorf("%s: insurance identity not unique", c.ID)
		}
		seen[v.Patient.Insurance.InsurerNumber+v.Patient.Insurance.Number] = true
		rec, err := s.Lookup(context.Background(), summary.Query{Identity: summary.Identity{Insurance: &v.Patient.Insurance}, On: v.CreatedOn})
		if err != nil || rec.Patient.Name != v.Patient.Name {
			t.Errorf("%s: lookup by insurance: %v", c.ID, err)
		}
		rec, err = s.Lookup(context.Background(), summary.Query{Identity: summary.Identity{CertSerial: CardSerial(c.ID).Text(16)}, On: v.CreatedOn})
		if err != nil || rec.Patient.Name != v.Patient.Name || !rec.Training {
			t.Errorf("%s: lookup by card serial: %v", c.ID, err)
		}
	}
	if _, err := s.Lookup(context.Background(), summary.Query{Identity: summary.Identity{CertSerial: "abc"}}); err != summary.ErrNotFound {
		t.Errorf("unknown serial: %v, want ErrNotFound", err)
	}
	if _, err := s.Record(context.Background(), "nobody", summary.Date{Year: 2026, Month: 1, Day: 1}); err == nil || !strings.Contains(err.Error(), "nobody") {
		t.Errorf("unknown ID: %v", err)
	}
}

func TestHeavyPatientIsTheLoadCase(t *testing.T) {
	d, _ := summary.ParseDate("2026-11-25")
	rec, err := open(t).Record(context.Background(), "heavy-elderly-polypharmacy", d)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rec.Medications); n < 2000 {
		t.Errorf("heavy patient has %d medication rows, want at least 2,000", n)
	}
	first, last := rec.Medications[0].Date, rec.Medications[0].Date
	for _, m := range rec.Medications {
		if m.Date.Before(first) {
			first = m.Date
		}
		if last.Before(m.Date) {
			last = m.Date
		}
	}
	if first.DaysUntil(last) < 4*365 {
		t.Errorf("rows span %s…%s, want about five years", first, last)
	}
}

// The database is created once, kept, and reseeded only when the dataset
// in the binary changes; a newer schema is refused with a clear message.
// The dataset is checked once per executable: a database another kyukyu
// checked is checked again, one this executable checked is trusted.
func TestStoreLifecycle(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := meta(t, s, "checked-by"); got != executable() || got == "" {
		t.Fatalf("checked-by %q, want this executable %q", got, executable())
	}
	// Written by an older kyukyu with another dataset.
	if _, err := s.db.Exec(`UPDATE meta SET value = 'old' WHERE key IN ('dataset', 'checked-by')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`DELETE FROM visits`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM visits`).Scan(&n)
	if n == 0 {
		t.Error("a stale dataset was not reseeded")
	}
	if got := meta(t, s, "dataset"); got != datasetVersion() {
		t.Errorf("dataset %q after reseeding, want %q", got, datasetVersion())
	}
	if got := meta(t, s, "checked-by"); got != executable() {
		t.Errorf("checked-by %q after reseeding, want %q", got, executable())
	}
	// Checked by another kyukyu with the same dataset: kept as it is.
	s.db.Exec(`UPDATE meta SET value = 'another kyukyu' WHERE key = 'checked-by'`)
	s.db.Exec(`DELETE FROM checkup_results`)
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	if s.db.QueryRow(`SELECT count(*) FROM checkup_results`).Scan(&n); n != 0 {
		t.Error("a database holding this dataset was reseeded")
	}
	if got := meta(t, s, "checked-by"); got != executable() {
		t.Errorf("checked-by %q after the check, want %q", got, executable())
	}
	s.db.Exec(`PRAGMA user_version = 99`)
	s.Close()
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("newer schema: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Error(err)
	}
}

func meta(t *testing.T, s *Store, key string) string {
	t.Helper()
	var v string
	if err := s.db.QueryRow(`SELECT value FROM meta WHERE key = ?`, key).Scan(&v); err != nil {
		t.Fatalf("meta %s: %v", key, err)
	}
	return v
}

func TestDateSpecs(t *testing.T) {
	on, _ := summary.ParseDate("2024-03-31")
	for spec, want := range map[string]string{"d-45": "2024-02-15", "m-1:L": "2024-02-29", "m-1:1": "2024-02-01", "y-60:05-21": "1964-05-21", "2022-08-02": "2022-08-02", "d1": "2024-04-01"} {
		got, err := resolveDate(spec, on)
		if err != nil || got.String() != want {
			t.Errorf("%s: %s %v, want %s", spec, got, err, want)
		}
	}
	for _, bad := range []string{"m-1:30", "x", "d", "m-1", "2023-02-30"} {
		if _, err := resolveDate(bad, on); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
