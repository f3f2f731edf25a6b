package pdf

import (
	"slices"
	"testing"

	"kyukyu/summary"
)

// TestAlertLines: every critical and warning alert, one line each, with
// the status words and the full date; a drug filled regularly says so (its
// last visible supply ends before the creation date, and an end date alone
// would read as stopped); no info alert.
func TestAlertLines(t *testing.T) {
	alerts := []summary.Alert{
		{Kind: summary.AlertAnticoagulant, Severity: summary.SeverityCritical, Status: summary.StatusLikelyCurrent,
			Ingredient: "アピキサバン", CoveredThrough: summary.NewDate(2026, 11, 28), RegularSince: summary.NewDate(2026, 5, 1).MonthOf(), LastSeen: summary.NewDate(2026, 10, 1).MonthOf()},
		{Kind: summary.AlertAnticoagulant, Severity: summary.SeverityCritical, Status: summary.StatusCurrent,
			Ingredient: "ワルファリンカリウム", CoveredThrough: summary.NewDate(2027, 1, 2)},
		{Kind: summary.AlertAntiplatelet, Severity: summary.SeverityWarning, Status: summary.StatusCurrent,
			Ingredient: "アスピリン", CoveredThrough: summary.NewDate(2026, 12, 3), Reasons: []summary.Reason{summary.ReasonDualTherapy}},
		{Kind: summary.AlertRegularInstitution, Severity: summary.SeverityInfo},
	}
	var got []string
	for _, l := range alertLines(alerts) {
		got = append(got, l.text)
	}
	want := []string{
		"［抗凝固］抗凝固薬: アピキサバン — 服用中の可能性が高い（2026年5月から定期処方 — 最終確認 2026年10月）",
		"［抗凝固］抗凝固薬: ワルファリンカリウム — 服用中（2027年1月2日まで処方）",
		"［抗血小板］抗血小板薬: アスピリン — 服用中（2026年12月3日まで処方）",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
