package ui

import "testing"

// slow leaves a test to `make test` (CI, without -short): `make check`
// runs the flow's rules in ui/flow in milliseconds and these whole-window
// runs over every training patient, text size or the OQS simulator there.
func slow(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("slow whole-window test: make test runs it")
	}
}
