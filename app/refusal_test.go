package app

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"kyukyu/audit"
)

// Each refusal of the central log reaches the diagnostic log once, with
// why, however often the window asks for the status.
func TestRefusalReportedOnce(t *testing.T) {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	defer slog.SetDefault(old)
	var r refusalOnce
	refused := fmt.Errorf("pass: %w", &audit.RefusedError{ID: 7, Why: "entry 7: action 'x' is not a kyukyu action"})
	for range 3 {
		r.report(refused)
		r.report(errors.New("audit: no answer in time")) // not a refusal: the count says it
		r.report(nil)
	}
	r.report(&audit.RefusedError{Why: "log L belongs to workstation ER-1"})
	if n := strings.Count(buf.String(), "refused what this workstation sent"); n != 2 || !strings.Contains(buf.String(), "entry 7: action") {
		t.Fatalf("%d lines:\n%s", n, buf.String())
	}
}
