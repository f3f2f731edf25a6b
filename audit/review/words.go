package review

import (
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/reason"
	"kyukyu/summary"
)

// langFiles are the words of the page and the report, one flat key →
// text table per language (fmt verbs for the values).
//
//go:embed lang/*.json
var langFiles embed.FS

// Langs are the languages, the first the default.
var Langs = []string{"ja", "en"}

var tables = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range Langs {
		raw, err := langFiles.ReadFile("lang/" + l + ".json")
		if err != nil {
			panic("review: " + err.Error())
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			panic("review: lang/" + l + ".json: " + err.Error())
		}
		out[l] = m
	}
	return out
}()

// Words chooses the words of one language.
type Words struct{ Lang string }

// T is the text of key with args put in; a missing key is returned as it
// is (a test checks both languages have every key).
func (w Words) T(key string, args ...any) string {
	s, ok := tables[w.Lang][key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Time is a time as the officer reads it: Japan time to the second.
func Time(t time.Time) string { return t.In(summary.Tokyo).Format("2006-01-02 15:04:05") }

// Reason is a stored reason in words: its key's label and what was written.
func (w Words) Reason(stored string) string {
	r := reason.Parse(stored)
	switch {
	case r.Key == "":
		return r.Text
	case r.Text == "":
		return w.T("reason." + string(r.Key))
	}
	return w.T("reason."+string(r.Key)) + ": " + r.Text
}

// Ground, Result and Action word the log's values; a value the table
// lacks shows as stored.
func (w Words) Ground(m audit.Mode) string   { return w.or("ground."+string(m), string(m)) }
func (w Words) Result(r audit.Result) string { return w.or("result."+string(r), string(r)) }
func (w Words) Action(a audit.Action) string { return w.or("action."+string(a), string(a)) }
func (w Words) or(key, stored string) string {
	if s, ok := tables[w.Lang][key]; ok {
		return s
	}
	return stored
}

// Flag is one flag in a sentence.
func (w Words) Flag(f Flag) string {
	switch f.Kind {
	case ChainBegan:
		e := f.Earlier
		s := w.T("flag.chain."+f.Detail, f.Workstation, Time(f.At), e.LogID, e.Entries, Time(e.Last), f.Archive)
		if f.Cut > 0 {
			s += w.T("flag.chain.cut", f.Cut)
		}
		if f.NoAnchor {
			s += w.T("flag.chain.noAnchor")
		}
		return s
	case ClockDisagree:
		e := f.Rows[len(f.Rows)-1]
		if f.Ahead {
			return w.T("flag.clock.ahead", f.Workstation, Time(e.Time), Time(e.Received))
		}
		return w.T("flag.clock.back", f.Workstation, Time(e.Time), Time(f.Rows[0].Time))
	case ForwardGap:
		return w.T("flag.gap", f.Workstation, f.N, Time(f.At))
	case OverThreshold:
		return w.T("flag.threshold", f.Operator, Time(f.At), f.N, f.Limit)
	case OutsideER:
		return w.T("flag.outside", f.Workstation, f.N)
	case ManyStations:
		return w.T("flag.stations", f.Patient, f.N)
	case OtherReason:
		return w.T("flag.other", f.Workstation, f.Operator, f.Detail)
	}
	return string(f.Kind)
}

// SettingsLine states the thresholds the flags were computed with.
func (w Words) SettingsLine(s Settings) string {
	er := w.T("notSet")
	if len(s.ER) > 0 {
		er = strings.Join(s.ER, ", ")
	}
	return w.T("settings", w.duration(s.Tolerance), w.duration(s.ForwardGap), s.MaxPatients, s.MaxStations, er)
}

// ERLine says where the list of ER workstations came from.
func (w Words) ERLine(s Settings) string {
	if len(s.ER) == 0 {
		return w.T("er.none")
	}
	return w.T("er." + string(cmp.Or(s.ERFrom, ERFlag))) // a list given without its source: the caller's
}

// RefsLine says which workstations' patient references are hospital-wide,
// since when, and which are their own.
func (w Words) RefsLine(rs []RefScope) string {
	var hospital, own []string
	for _, r := range rs {
		if r.Since.IsZero() {
			own = append(own, r.Workstation)
		} else {
			hospital = append(hospital, w.T("refs.since", r.Workstation, Time(r.Since)))
		}
	}
	none := w.T("notSet")
	return w.T("refs", cmp.Or(strings.Join(hospital, ", "), none), cmp.Or(strings.Join(own, ", "), none))
}

// duration is a setting's length in whole hours, else minutes.
func (w Words) duration(d time.Duration) string {
	if d%time.Hour == 0 {
		return w.T("hours", int(d/time.Hour))
	}
	return w.T("minutes", int(d/time.Minute))
}
