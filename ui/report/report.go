// Package report is what the screen tells the audit log it did. It is its
// own package so that the adapter to the audit log (app/auditlog) needs
// neither the window nor the log in the window: the screen states facts
// (what, who, why, which view, training or not) and the audit package
// alone decides the legal ground from them.
package report

import (
	"kyukyu/audit/reason"
	"kyukyu/summary"
)

// Action is what the screen did.
type Action string

const (
	View     Action = "view"
	Print    Action = "print"
	Save     Action = "save"
	CardRead Action = "card-read"
	// KeptShown: another patient's card was read and looked up, and the
	// person kept the patient on screen; the event's view is the other one.
	KeptShown Action = "kept-shown"
	// ConsentConfirmed: someone confirmed the shown patient's consent; the
	// event's Output says how and by whom.
	ConsentConfirmed Action = "consent-confirmed"
	// SignIn and SignOut: a staff member signed in with a staff card (a
	// failed SignIn: a card not registered), and the sign-in ended.
	SignIn  Action = "sign-in"
	SignOut Action = "sign-out"
)

// Result is how an attempt ended; "" for done as asked.
type Result string

const (
	OK     Result = ""
	Failed Result = "failed" // a card that could not be read, a result refused, a print that reached nothing
	// Viewer: the PDF went to the system's viewer instead of a printer;
	// whether it was printed from there is not known.
	Viewer    Result = "viewer"
	Cancelled Result = "cancelled" // the person cancelled (the page question of a long print)
	Denied    Result = "denied"    // a view the hospital's rights refused (package access)
)

// Event is one thing the screen did.
type Event struct {
	Action   Action
	Training bool // the screen works on the training dataset (a card read has no view to say so)
	// Who did it is the OS account (the audit log's) and Staff: the name
	// typed in the settings is a label on the screen only.
	Staff  string        // the signed-in staff member's ID; "" when none
	Reason reason.Reason // a key: the log stores no words of the screen's language
	View   *summary.View // nil for a card read, before any patient is known
	Output string        // what was produced: a printer, a file name; why an attempt failed
	Result Result
	// Mode is the lookup's period rules for a failed view, which has no
	// View to carry them ("": an emergency lookup, like a card read).
	Mode summary.Mode
}
