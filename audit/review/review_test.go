package review

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/audit/review/reviewtest"
	"kyukyu/summary"
)

// at is a Japan time on 2026-11-DAY.
func at(day, hour, min int) time.Time {
	return time.Date(2026, 11, day, hour, min, 0, 0, summary.Tokyo)
}

// ce is a central entry written by hand: received 2 seconds after it was
// written unless changed.
func ce(log string, id int64, t time.Time, ws, op string, m audit.Mode, why, patient string) audit.CentralEntry {
	return audit.CentralEntry{LogID: log, Received: t.Add(2 * time.Second), Entry: audit.Entry{ID: id, Time: t,
		Workstation: ws, Operator: op, Mode: m, Reason: why, Patient: patient, Action: audit.Show, Result: audit.OK}}
}

var (
	nov1, nov30 = summary.NewDate(2026, 11, 1), summary.NewDate(2026, 11, 30)
	emergency   = audit.WithoutConsent
)

func kinds(fs []Flag) map[Kind]int {
	m := map[Kind]int{}
	for _, f := range fs {
		m[f.Kind]++
	}
	return m
}

func TestOverviewCounts(t *testing.T) {
	es := []audit.CentralEntry{
		ce("a", 1, at(2, 3, 10), "ER-1", "sato", emergency, "unconscious", "p1:aa"),
		ce("a", 2, at(2, 3, 40), "ER-1", "sato", audit.WithConsent, "consented", "p1:aa"),
		ce("a", 3, at(2, 14, 0), "ER-1", "suzuki", audit.Training, "", audit.TrainingRef),
		ce("b", 1, at(5, 14, 5), "ER-2", "sato", emergency, "urgent-decision", "p1:bb"),
	}
	es[2].Staff = "S-0042"
	card := ce("b", 2, at(5, 14, 6), "ER-2", "sato", emergency, "", "")
	card.Action = audit.CardRead // not a view
	es = append(es, card)
	r := Build(nov1, nov30, es, nil, Defaults, Filter{})
	if r.Views.Total != 4 || r.Views.ByMode != [3]int{2, 1, 1} {
		t.Errorf("views = %+v; want 4: 2 without consent, 1 with, 1 training", r.Views)
	}
	if len(r.Workstations) != 2 || r.Workstations[0].Name != "ER-1" || r.Workstations[0].Total != 3 || r.Workstations[1].ByMode[0] != 1 {
		t.Errorf("workstations = %+v", r.Workstations)
	}
	if len(r.Operators) != 2 || r.Operators[0].Name != "sato" || r.Operators[0].Total != 3 || r.Operators[1].Name != "suzuki / S-0042" {
		t.Errorf("operators = %+v; want sato ×3 and suzuki with the staff ID", r.Operators)
	}
	if r.Hours[3] != 2 || r.Hours[14] != 2 {
		t.Errorf("hours 3 and 14 = %d, %d; want 2 and 2", r.Hours[3], r.Hours[14])
	}
	if len(r.Emergency) != 2 || r.Emergency[0].LogID != "a" || r.Emergency[1].LogID != "b" {
		t.Errorf("emergency views = %+v; want a/1 then b/1", r.Emergency)
	}
	if len(r.Flags) != 0 {
		t.Errorf("flags = %+v; want none", r.Flags)
	}
}

func TestFilter(t *testing.T) {
	es := []audit.CentralEntry{
		ce("a", 1, at(2, 3, 10), "ER-1", "sato", emergency, "unconscious", "p1:aa"),
		ce("a", 2, at(2, 4, 0), "ER-1", "sato", emergency, "urgent-decision", "p1:bb"),
		ce("b", 1, at(3, 4, 0), "ER-2", "ito", emergency, "unconscious", "p1:cc"),
	}
	es[1].Result = audit.Denied
	for _, c := range []struct {
		f    Filter
		want int
	}{
		{Filter{}, 3},
		{Filter{Workstation: "ER-2"}, 1},
		{Filter{Operator: "sato"}, 2},
		{Filter{Reason: reason.Unconscious}, 2},
		{Filter{Result: audit.Denied}, 1},
		{Filter{Operator: "sato", Result: audit.OK}, 1},
		{Filter{Workstation: "ER-9"}, 0},
	} {
		if r := Build(nov1, nov30, es, nil, Defaults, c.f); len(r.Emergency) != c.want {
			t.Errorf("filter %+v: %d views; want %d", c.f, len(r.Emergency), c.want)
		}
	}
	r := Build(nov1, nov30, es, nil, Defaults, Filter{})
	if fmt.Sprint(r.Reasons, r.Results) != "[unconscious urgent-decision] [ok denied]" {
		t.Errorf("filter choices = %v %v", r.Reasons, r.Results)
	}
}

func TestFlagsEachKind(t *testing.T) {
	s := Defaults
	s.MaxPatients = 2
	s.ER = []string{"ER-1", "ER-2"}
	es := []audit.CentralEntry{
		// ER-1: a clock set back 2 hours between entries 1 and 2.
		ce("er1", 1, at(2, 10, 0), "ER-1", "sato", emergency, "unconscious", "p1:aa"),
		ce("er1", 2, at(2, 8, 5), "ER-1", "sato", emergency, "unconscious", "p1:bb"),
		// ER-2: an entry 3 hours ahead of the server.
		ce("er2", 1, at(3, 9, 0), "ER-2", "ito", emergency, "other:救急隊からの依頼", "p1:aa"),
		// WARD-3, outside the ER: its entries waited 2 days.
		ce("w3", 1, at(4, 9, 0), "WARD-3", "kato", audit.WithConsent, "consented", "p1:aa"),
		ce("w3", 2, at(4, 9, 1), "WARD-3", "kato", audit.WithConsent, "consented", "p1:dd"),
	}
	es[1].Received = at(2, 10, 6) // back 1 h 55 min behind entry 1, received promptly after it
	es[2].Received = at(3, 6, 0)
	es[3].Received, es[4].Received = at(6, 9, 0), at(6, 9, 0)
	// sato: 3 patients in the night shift of 11/7 (20:00 – 8:00).
	for i, p := range []string{"p1:x1", "p1:x2", "p1:x3", "p1:x1"} {
		es = append(es, ce("er1", int64(3+i), at(7, 21+i, 0), "ER-1", "sato", emergency, "unconscious", p))
	}
	chains := []audit.Chain{
		{LogID: "er1", Workstation: "ER-1", Entries: 6, Began: at(2, 10, 0), Last: at(8, 0, 0), Reason: audit.ChainCreated, PreviousKnown: -1},
		{LogID: "er2-old", Workstation: "ER-2", Entries: 40, Began: at(1, 0, 0).AddDate(0, -2, 0), Last: at(1, 0, 0).AddDate(0, 0, -3)},
		// ER-2's anchor knew 43 entries of the old log: 3 never arrived.
		{LogID: "er2", Workstation: "ER-2", Entries: 1, Began: at(3, 9, 0), Last: at(3, 9, 0), Reason: audit.ChainCreated,
			Previous: "er2-old", PreviousKnown: 43},
		{LogID: "w3", Workstation: "WARD-3", Entries: 2, Began: at(4, 9, 0), Last: at(4, 9, 1), Reason: audit.ChainAdopted, PreviousKnown: -1},
	}
	r := Build(nov1, nov30, es, chains, s, Filter{})
	got := kinds(r.Flags)
	want := map[Kind]int{ChainBegan: 1, ClockDisagree: 2, ForwardGap: 1, OverThreshold: 1, OutsideER: 1, ManyStations: 1, OtherReason: 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("flags = %v; want %v", got, want)
	}
	for _, f := range r.Flags {
		switch f.Kind {
		case ChainBegan:
			if f.Workstation != "ER-2" || f.Earlier == nil || f.Earlier.LogID != "er2-old" || f.Earlier.Entries != 40 || f.Cut != 3 || f.NoAnchor {
				t.Errorf("chain flag = %+v; want ER-2 naming the earlier chain of 40 entries, 3 cut", f)
			}
			if s := (Words{"ja"}).Flag(f); !strings.Contains(s, "40 件で終わり") || !strings.Contains(s, "3 件が中央に届いていません") {
				t.Errorf("chain flag worded %q", s)
			}
		case ClockDisagree:
			if f.Workstation == "ER-1" && (f.Ahead || len(f.Rows) != 2 || f.Rows[1].ID != 2) {
				t.Errorf("ER-1 clock flag = %+v; want entry 2 behind entry 1", f)
			}
			if f.Workstation == "ER-2" && !f.Ahead {
				t.Errorf("ER-2 clock flag = %+v; want ahead of the server", f)
			}
		case ForwardGap:
			if f.Workstation != "WARD-3" || f.N != 2 {
				t.Errorf("gap flag = %+v; want WARD-3's 2 entries in one flag", f)
			}
		case OverThreshold:
			if f.Operator != "sato" || f.N != 3 || !f.At.Equal(at(7, 20, 0)) || len(f.Rows) != 4 {
				t.Errorf("threshold flag = %+v; want sato, 3 patients, the shift of 11/7 20:00, 4 views", f)
			}
		case OutsideER:
			if f.Workstation != "WARD-3" || f.N != 2 {
				t.Errorf("outside flag = %+v; want WARD-3 with 2 views", f)
			}
		case ManyStations:
			if f.Patient != "p1:aa" || f.N != 3 {
				t.Errorf("stations flag = %+v; want p1:aa from 3 workstations", f)
			}
		case OtherReason:
			if f.Detail != "救急隊からの依頼" || f.Workstation != "ER-2" {
				t.Errorf("other flag = %+v", f)
			}
		}
	}
	for _, f := range r.Flags {
		for _, l := range Langs {
			if s := (Words{l}).Flag(f); strings.Contains(s, "%!") || strings.HasPrefix(s, "flag.") {
				t.Errorf("%s: flag %s worded %q", l, f.Kind, s)
			}
		}
	}
	for _, c := range r.Workstations {
		if !c.Flagged {
			t.Errorf("workstation %s flagged = %v", c.Name, c.Flagged)
		}
	}
}

// What forwarding delay explains is no flag: entries written during an
// outage of 3 hours and sent together, and training at any workstation.
func TestNoFlagsForOrdinaryDelay(t *testing.T) {
	s := Defaults
	s.ER = []string{"ER-1"}
	var es []audit.CentralEntry
	for i := range 5 {
		e := ce("a", int64(i+1), at(2, 10, 10*i), "ER-1", "sato", emergency, "unconscious", "p1:aa")
		e.Received = at(2, 13, 0)
		es = append(es, e)
	}
	es = append(es, ce("t", 1, at(2, 11, 0), "LIBRARY-PC", "student", audit.Training, "training-start", audit.TrainingRef))
	chains := []audit.Chain{{LogID: "a", Workstation: "ER-1", Entries: 5, Began: at(2, 10, 0)}}
	if r := Build(nov1, nov30, es, chains, s, Filter{}); len(r.Flags) != 0 {
		t.Errorf("flags = %+v; want none", r.Flags)
	}
}

func TestShift(t *testing.T) {
	for _, c := range []struct{ t, want time.Time }{
		{at(7, 8, 0), at(7, 8, 0)},
		{at(7, 19, 59), at(7, 8, 0)},
		{at(7, 20, 0), at(7, 20, 0)},
		{at(8, 7, 59), at(7, 20, 0)},
		{at(8, 0, 0), at(7, 20, 0)},
	} {
		if got := Defaults.Shift(c.t); !got.Equal(c.want) {
			t.Errorf("Shift(%v) = %v; want %v", c.t, got, c.want)
		}
	}
}

// Both languages word every key, kind, reason, result and ground.
func TestWordsComplete(t *testing.T) {
	for _, l := range Langs {
		for k := range tables["ja"] {
			if _, ok := tables[l][k]; !ok {
				t.Errorf("lang/%s.json lacks %q", l, k)
			}
		}
		if len(tables[l]) != len(tables["ja"]) {
			t.Errorf("lang/%s.json has %d keys, ja.json %d", l, len(tables[l]), len(tables["ja"]))
		}
		w := Words{l}
		for _, k := range Kinds {
			if w.T("kind."+string(k)) == "kind."+string(k) {
				t.Errorf("%s: kind %s has no words", l, k)
			}
		}
		for _, k := range reason.Keys {
			if w.Reason(string(k)) == string(k) {
				t.Errorf("%s: reason %s has no words", l, k)
			}
		}
		for _, m := range Grounds {
			if w.Ground(m) == string(m) {
				t.Errorf("%s: ground %s has no words", l, m)
			}
		}
	}
	if got := (Words{"ja"}).Reason("other:救急隊の依頼"); got != "その他: 救急隊の依頼" {
		t.Errorf("reason = %q", got)
	}
}

// BenchmarkBuild: a month of a 30-workstation hospital reviewed in memory.
func BenchmarkBuild(b *testing.B) {
	end := time.Date(2026, 12, 1, 0, 0, 0, 0, summary.Tokyo)
	all, chains := reviewtest.YearOf(30, 500_000, end)
	from, to := summary.NewDate(2026, 11, 1), summary.NewDate(2026, 11, 30)
	var es []audit.CentralEntry
	for _, e := range all {
		if d := summary.DateOf(e.Time); !d.Before(from) && !to.Before(d) {
			es = append(es, e)
		}
	}
	all = nil
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		Build(from, to, es, chains, Defaults, Filter{})
	}
	b.ReportMetric(float64(len(es)), "entries")
}

// The line saying whose ER list the flags used, in both languages.
func TestERLine(t *testing.T) {
	for _, c := range []struct {
		s      Settings
		ja, en string
	}{
		{Settings{ER: []string{"ER-1"}, ERFrom: ERCentral}, "中央ログにある病院の一覧", "the hospital's list in the central log"},
		{Settings{ER: []string{"ER-1"}, ERFrom: ERMachine}, "全体設定ファイルの er_workstations", "er_workstations of this machine's"},
		{Settings{ER: []string{"ER-1"}}, "-er で指定", "given with -er"},
		{Settings{ERFrom: ERCentral}, "未設定", "not set"},
	} {
		if ja, en := (Words{Lang: "ja"}).ERLine(c.s), (Words{Lang: "en"}).ERLine(c.s); !strings.Contains(ja, c.ja) || !strings.Contains(en, c.en) {
			t.Errorf("%+v: %q / %q", c.s, ja, en)
		}
	}
}
