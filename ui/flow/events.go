package flow

import (
	"kyukyu/audit/reason"
	"kyukyu/summary"
)

// Event is something that happened at the workstation or came back from
// work the flow asked for: the window sends it to Flow.Handle.
type Event interface{ event() }

// CardState is where the card reader stands.
type CardState int

const (
	NoService   CardState = iota // the card service (pcscd, WinSCard) is not running
	NoReader                     // service up, no reader plugged in
	Waiting                      // a reader, no card
	Reading                      // a card is being read
	CardRead                     // identity read: CardEvent.Card is set
	NotMyNumber                  // a card that is not a My Number card
	Removed                      // the card left the reader
	Failed                       // anything else: CardEvent.Err says what
	StaffCard                    // a card without the JPKI application that gave its UID: CardEvent.UID is set
)

// Card is what the flow knows of a My Number card: how its patient is
// found and when its certificate ends. One read is one *Card: the flow
// tells "the card read last" by the pointer.
type Card struct {
	Identity summary.Identity
	Expiry   *Expiry // nil: the certificate ends later than the notice days
}

// ExpiryKind is the state of the card certificate's end; its words are
// the screen's (card.expiry.<kind>).
type ExpiryKind string

const (
	ExpirySoon    ExpiryKind = "soon"     // ends within the notice days
	ExpiryGrace   ExpiryKind = "grace"    // ended; still usable for insurance qualification
	ExpiryTooLate ExpiryKind = "too-late" // ended, and so did the grace months
)

// ExpiryKinds are the kinds the screen words.
var ExpiryKinds = []ExpiryKind{ExpirySoon, ExpiryGrace, ExpiryTooLate}

// Expiry is the card certificate's end, as data.
type Expiry struct {
	Kind          ExpiryKind
	End, GraceEnd summary.Date
	DaysLeft      int
}

// CardEvent is one change at the card reader (package app adapts the
// reader's events: the window needs no PC/SC).
type CardEvent struct {
	State  CardState
	Reader string
	Card   *Card  // set with CardRead
	UID    string // set with StaffCard: the card's UID, upper-case hex
	Err    error
}

// FaceResult is a patient a face-auth reader confirmed (the OQS face
// folder). Patient.Name is "" when the file gives no kanji name: the
// patient is then identified by kana and birth date.
type FaceResult struct {
	Patient   summary.Patient
	Consent   FaceConsent
	Reference string // 照会番号
	Err       error
}

// FaceConsent is what the patient agreed to at the face-auth reader.
type FaceConsent struct {
	Drugs, Checkups, Diagnoses, Operations bool
}

// Found is the answer of a Lookup the flow asked for.
type Found struct {
	Seq    int
	Record *summary.Record
	Err    error
}

// Use is any sign of a person at the workstation: a key, the pointer, a
// scroll in any pane, a button.
type Use struct{}

// Tick is the clock the flow asked for (Flow.NextWake) having come.
type Tick struct{}

// Clear takes the patient off the screen (画面クリア, Ctrl+L, Esc).
type Clear struct{}

// Search looks a patient up by what was typed or chosen (the insurance
// numbers, a training case).
type Search struct{ Identity summary.Identity }

// OpenAtStart opens a training case given at start with its reason
// recorded as practice (-patient).
type OpenAtStart struct {
	Identity summary.Identity
}

// ReasonGiven answers the emergency-access question.
type ReasonGiven struct {
	Reason reason.Reason
}

// ReasonDeclined: the person would rather not see the patient.
type ReasonDeclined struct{}

// ReplaceAnswer answers "show the other patient?".
type ReplaceAnswer struct{ Switch bool }

// Consent switches the shown patient between the emergency periods and
// the normal ones the patient consented to; the summary is fetched again.
type Consent struct{ On bool }

// SetIdle is the idle time of the settings; it takes effect at once.
type SetIdle struct{ Minutes int }

// ModeSwitched: the window now works on the other patient source.
type ModeSwitched struct{ Training bool }

// AuditFailed: the audit log refused an entry; what waited on it is
// dropped.
type AuditFailed struct{ Err error }

// display is the continuation of a view's audit entry: shown unless the
// screen was cleared (or the mode switched) while the entry was written.
type display struct {
	p   *Patient
	gen int
}

func (CardEvent) event()      {}
func (FaceResult) event()     {}
func (Found) event()          {}
func (Use) event()            {}
func (Tick) event()           {}
func (Clear) event()          {}
func (Search) event()         {}
func (OpenAtStart) event()    {}
func (ReasonGiven) event()    {}
func (ReasonDeclined) event() {}
func (ReplaceAnswer) event()  {}
func (Consent) event()        {}
func (SetIdle) event()        {}
func (ModeSwitched) event()   {}
func (AuditFailed) event()    {}
func (display) event()        {}
