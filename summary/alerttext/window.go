package alerttext

import "kyukyu/summary"

// Window is the note of what a section's period covers, as the sample's
// ※直近3か月分(2022年6月～2022年8月まで)の記録を表示: one wording for the paper, the
// terminal, the JSON and the screen.
func Window(w summary.Window, tr Translate) string {
	date, month := dateWords(tr), monthWords(tr)
	switch w.Period.Unit {
	case summary.Days:
		return tr("window.days", map[string]any{"N": w.Period.N, "From": date(w.From), "To": date(w.To)})
	case summary.LatestOnly:
		return tr("window.latest", nil)
	}
	key, n := "window.months", w.Period.N
	if n%12 == 0 {
		key, n = "window.years", n/12
	}
	return tr(key, map[string]any{"N": n, "From": month(w.From.MonthOf()), "To": month(w.To.MonthOf())})
}

// Headers writes each section's note into its JSON header, in the words of
// tr: the JSON for people carries the note the paper prints.
func Headers(v *summary.View, tr Translate) {
	for i := range v.Sections {
		v.Sections[i].Header = Window(v.Sections[i].Window, tr)
	}
}
