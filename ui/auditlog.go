package ui

import (
	"context"
	"fmt"

	"kyukyu/audit"
)

// auditActions maps the screen's actions to the log's.
var auditActions = map[string]audit.Action{ActionView: audit.Show, ActionPrint: audit.Print, ActionSave: audit.Export, ActionCardRead: audit.CardRead}

// auditModes maps the screen's legal ground to the log's, for events
// without a view (card reads).
var auditModes = map[Access]audit.Mode{AccessEmergency: audit.WithoutConsent, AccessConsent: audit.WithConsent, AccessTraining: audit.Training}

// auditLog writes the screen's events to the hash-chained audit log; the
// log decides the legal ground and the patient reference from the view.
type auditLog struct{ l *audit.Log }

func (a auditLog) Record(_ context.Context, e AuditEvent) error {
	en := audit.Entry{Mode: auditModes[e.Access]}
	if e.View != nil {
		en = a.l.About(e.View)
	}
	if e.Failed {
		en.Result = audit.Failed
	}
	act, ok := auditActions[e.Action]
	if !ok {
		return fmt.Errorf("audit: the screen has no log action for %q", e.Action)
	}
	en.Action, en.Operator, en.Reason, en.Output = act, e.Operator, e.Reason, e.Output
	_, err := a.l.Append(en)
	return err
}
