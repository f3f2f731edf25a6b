package ui

import (
	"context"
	"fmt"

	"kyukyu/audit"
)

// auditActions maps the screen's actions to the log's.
var auditActions = map[string]audit.Action{ActionView: audit.Show, ActionPrint: audit.Print, ActionSave: audit.Export}

// auditLog writes the screen's events to the hash-chained audit log; the
// log decides the legal ground and the patient reference from the view.
type auditLog struct{ l *audit.Log }

func (a auditLog) Record(_ context.Context, e AuditEvent) error {
	en := a.l.About(e.View)
	act, ok := auditActions[e.Action]
	if !ok {
		return fmt.Errorf("audit: the screen has no log action for %q", e.Action)
	}
	en.Action, en.Operator, en.Reason, en.Output = act, e.Operator, e.Reason, e.Output
	_, err := a.l.Append(en)
	return err
}
