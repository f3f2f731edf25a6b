package ui

import (
	"context"
	"time"

	"kyukyu/access"
	"kyukyu/pdf"
	"kyukyu/summary"
	"kyukyu/ui/flow"
	"kyukyu/ui/report"
)

// The screen consumes small interfaces so that its flows run in unit tests
// with in-memory parts and in Main with the real ones.

// Case is one training patient the picker offers.
type Case struct {
	ID      string
	Name    string
	Teaches string
}

// Auditor records an event before the screen shows or hands out anything;
// the audit log decides the legal ground from the event's facts.
type Auditor interface {
	Record(ctx context.Context, e report.Event) error
}

// Renderer lays out the PDF of a view (pdf.Layout): its pages are known
// before anything is printed.
type Renderer func(v *summary.View) (*pdf.Printed, error)

// Printer sends a PDF file to a printer; an error means "open it in the
// viewer instead".
type Printer interface {
	Print(ctx context.Context, pdfPath string, job PrintJob) error
}

// PrintJob is where to print (the file holds the pages to print).
type PrintJob struct {
	Printer string // empty: the system's default
}

// Deps are the parts the screen works with. Nil Cards means no reader
// monitor; nil Render means the PDF part is absent (print and save say so).
type Deps struct {
	// SetupProblem is why the workstation runs in training mode only (a
	// refused machine-wide settings file), shown in a red bar; "" for none.
	SetupProblem string
	Source       summary.Source
	Cards        <-chan CardEvent
	Faces        <-chan FaceResult
	Audit        Auditor
	Render       Renderer
	Printer      Printer
	Training     bool
	Cases        []Case
	// CaseIdentity maps a training case to the identity its card carries.
	CaseIdentity func(id string) summary.Identity
	// VCard starts the virtual card of a training case (nil: not offered).
	VCard VCardStarter
	// OpenFile shows a file in the system viewer.
	OpenFile func(path string) error
	// Now gives the date of the lookups (kyukyu -date fixes it); Clock
	// runs the idle clear (time.Now in Main, a fake in tests).
	Now   func() time.Time
	Clock func() time.Time
	// SwitchMode wires the patient source of a mode while the window runs
	// (nil: a mode change waits for the next start).
	SwitchMode func(training bool) (ModeParts, error)
	// Locks are the settings the hospital's machine-wide file sets.
	Locks Locks
	// Central says how many audit entries wait for the central log (nil:
	// no central log).
	Central func() CentralStatus
	// After schedules the idle clear (time.AfterFunc in Main; a fake in tests).
	After func(d time.Duration, f func()) (stop func() bool)
	// Access is the hospital's rule of who may view real patients, Who the
	// account at the workstation (package access).
	Access access.Policy
	Who    access.Who
	// Staff finds the staff member of a staff card (nil: no staff cards);
	// StaffHours is how long a sign-in lasts at most (0: 12 hours).
	Staff      StaffDirectory
	StaffHours int
}

// ErrNotSetUp marks a source whose settings are missing or wrong: the
// screen points at the settings.
var ErrNotSetUp = flow.ErrNotSetUp

// ModeParts are what changes with the mode: the patient source and what
// comes with it.
type ModeParts struct {
	Training     bool
	Source       summary.Source
	Faces        <-chan FaceResult
	Cases        []Case
	CaseIdentity func(id string) summary.Identity
	VCard        VCardStarter
}

// CentralStatus is what waits for the central audit log.
type CentralStatus struct {
	Pending     int64
	Unreachable time.Duration // 0 while the central log is reachable
}

// The window's events from the card reader and the face-auth reader, as
// its flow takes them (package app adapts the reader's and the OQS's).
type (
	CardEvent   = flow.CardEvent
	Card        = flow.Card
	CardExpiry  = flow.Expiry
	FaceResult  = flow.FaceResult
	FaceConsent = flow.FaceConsent
)

// VCardStarter runs `kyukyu vcard -patient ID` for the card practice.
type VCardStarter interface {
	// Needs is what the PC/SC stack lacks; the zero value: ready.
	Needs() VCardNeeds
	Start(id string) error
	Stop()
}

// VCardNeeds is what the virtual card lacks on this workstation.
type VCardNeeds struct {
	Unsupported bool     // not Linux: no vpcd driver
	Install     []string // Debian packages to install
	Start       string   // a service to start
}

func realAfter(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
