package flow

import (
	"kyukyu/access"
	"kyukyu/summary"
	"kyukyu/ui/report"
)

// View is what the window shows: widgets render it and nothing else.
type View struct {
	Shown    *Patient // nil: nothing of a patient
	Status   Status
	Busy     bool // a lookup runs: progress and 取消
	Question Question
	Foreign  Foreign
	// Countdown is the seconds left before an idle clear while it is
	// announced; 0: none.
	Countdown int
	// IdleMinutes is the idle time while a patient is shown; 0: none.
	IdleMinutes int
	Training    bool
	// Staff is the staff member signed in with a staff card; nil: none.
	Staff *access.Staff
}

// Patient is a patient on screen, or one waiting for an answer.
type Patient struct {
	View     *summary.View
	Identity summary.Identity
	Key      string
	Card     *Card       // the card the lookup came from, or nil
	Face     *FaceResult // the face-auth result the lookup came from, or nil
}

// Level is how much a status line asks for attention.
type Level int

const (
	Medium Level = iota
	High
	Success
	Warning
	Danger
)

// Status is the status strip: what is happening and what to do, as text
// keys of the screen's tables.
type Status struct {
	Text, Hint string
	Data       map[string]any // the texts' template data
	Level      Level
	Cause      error // the system's message, behind 詳細; nil: none
}

// QuestionKind is the flow question on screen.
type QuestionKind int

const (
	NoQuestion QuestionKind = iota
	AskReason               // the emergency-access reason for Next
	AskReplace              // show Next instead of Shown?
	AskConsent              // how was the consent of Next (the shown patient) confirmed?
)

// Question is the open flow question; Seq changes with every new one.
type Question struct {
	Kind QuestionKind
	Seq  int
	Next *Patient
}

// Foreign is what the card on the reader says against the screen.
type Foreign int

const (
	NoForeign   Foreign = iota
	OtherCard           // another patient's card; the person kept the shown one
	Unconfirmed         // a card whose patient could not be confirmed
)

// Effect is work the window does for the flow, off its goroutine when
// slow, answering with an event.
type Effect interface{ effect() }

// Lookup asks the patient source; the answer is Found with the same Seq.
type Lookup struct {
	Seq   int
	Query summary.Query
}

// CancelLookup cancels the lookup running (its Found reports it).
type CancelLookup struct{}

// Record writes an audit entry; Then (when not nil) is sent once it is on
// disk, AuditFailed when the log refused it.
type Record struct {
	Event report.Event
	Then  Event
}

// Cleared: the screen was cleared; the window drops what it kept of the
// patient (open dialogs, temporary PDFs).
type Cleared struct{}

func (Lookup) effect()       {}
func (CancelLookup) effect() {}
func (Record) effect()       {}
func (Cleared) effect()      {}
