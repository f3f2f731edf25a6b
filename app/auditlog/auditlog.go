// Package auditlog writes what the screen reports into the hash-chained
// audit log. The legal ground comes from the audit package alone: from the
// view (audit.Log.About) or, for a card read before any patient is known,
// from the mode the screen works in.
package auditlog

import (
	"context"
	"fmt"

	"kyukyu/audit"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// actions maps what the screen did to the log's actions.
var actions = map[report.Action]audit.Action{
	report.View: audit.Show, report.Print: audit.Print, report.Save: audit.Export, report.CardRead: audit.CardRead,
	report.KeptShown: audit.KeptShown, report.ConsentConfirmed: audit.ConsentConfirmed, report.SignIn: audit.SignIn, report.SignOut: audit.SignOut,
}

// results maps how the screen's attempts ended to the log's results.
var results = map[report.Result]audit.Result{
	report.OK: audit.OK, report.Failed: audit.Failed, report.Viewer: audit.Viewer, report.Cancelled: audit.Cancelled,
	report.Denied: audit.Denied,
}

// Log is the screen's Auditor over an open audit log.
type Log struct{ L *audit.Log }

// Record appends the entry of e; when it returns nil the entry is on disk.
func (a Log) Record(_ context.Context, e report.Event) error {
	act, ok := actions[e.Action]
	if !ok {
		return fmt.Errorf("audit: the screen has no log action for %q", e.Action)
	}
	var en audit.Entry
	switch {
	case e.View != nil:
		en = a.L.About(e.View)
	case e.Training:
		en = audit.Entry{Mode: audit.Training}
	case e.Mode != "":
		en = audit.Entry{Mode: audit.ModeOf(e.Mode)} // a refused view: no patient is named
	default:
		// A card read names no patient yet; the card is read to find the
		// patient in an emergency, the only ground without a view.
		en = audit.Entry{Mode: audit.ModeOf(summary.Emergency)}
	}
	en.Result = results[e.Result]
	if e.Action == report.ConsentConfirmed && en.Mode != audit.Training {
		en.Mode = audit.WithConsent // the ground the confirmation opens
	}
	// The operator is the OS account (the log's default), the staff member
	// signed in beside it; the name typed in the settings is a label only.
	en.Action, en.Staff, en.Reason, en.Output = act, e.Staff, e.Reason.String(), e.Output
	if e.Action == report.Save {
		en.Output = "file " + a.L.FileRef(e.Output) // a file name may name the patient
	}
	_, err := a.L.Append(en)
	return err
}

// LateResult records an OQS result that came after its request timed out
// and was removed unread. Nobody read it, so no patient is named; the file
// is kept as a reference (its name carries the request's identifier).
func (a Log) LateResult(file string) error {
	_, err := a.L.Append(audit.Entry{Mode: audit.ModeOf(summary.Emergency), Action: audit.Discard, Result: audit.OK,
		Output: "OQS result after the timeout, removed unread: file " + a.L.FileRef(file)})
	return err
}
