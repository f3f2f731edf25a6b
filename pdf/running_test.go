package pdf

import (
	"testing"

	"kyukyu/summary"
)

// TestCriticalSummaryOfALikelyCurrentDrug: apixaban refilled every month but
// seen through receipts ends its last visible supply before the creation
// date; page 1 says 服用中の可能性（定期処方）, so the running header of
// page 2 must not say "11/28まで" as if it had stopped.
func TestCriticalSummaryOfALikelyCurrentDrug(t *testing.T) {
	alerts := []summary.Alert{
		{Kind: summary.AlertAnticoagulant, Severity: summary.SeverityCritical, Status: summary.StatusLikelyCurrent,
			Ingredient: "アピキサバン", CoveredThrough: summary.NewDate(2026, 11, 28)},
		{Kind: summary.AlertAnticoagulant, Severity: summary.SeverityCritical, Status: summary.StatusCurrent,
			Ingredient: "ワルファリンカリウム", CoveredThrough: summary.NewDate(2026, 12, 3)},
		{Kind: summary.AlertAntiplatelet, Severity: summary.SeverityWarning, Status: summary.StatusCurrent,
			Ingredient: "アスピリン", CoveredThrough: summary.NewDate(2026, 12, 3)},
	}
	if got, want := criticalSummary(alerts), "抗凝固薬 アピキサバン 定期処方、抗凝固薬 ワルファリンカリウム 12/3まで"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
