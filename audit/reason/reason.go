// Package reason is why a patient was viewed, as the audit log stores it:
// a stable key, and what the person wrote. The words of a key are chosen
// where the log is shown (the screen's dialog, the CSV export), so an entry
// reads the same whatever language the workstation used.
package reason

import (
	"fmt"
	"slices"
	"strings"
)

// Key is a reason's stable name in the log.
type Key string

const (
	Unconscious      Key = "unconscious"       // cannot consent (unconscious)
	CannotUnderstand Key = "cannot-understand" // cannot understand an explanation
	UrgentDecision   Key = "urgent-decision"   // needed now for an urgent treatment decision
	Other            Key = "other"             // the text says why
	Consented        Key = "consented"         // the patient consented: the normal periods
	TrainingStart    Key = "training-start"    // training: the case given when the program started
)

// Keys are every key, in the order the emergency dialog offers the first four.
var Keys = []Key{Unconscious, CannotUnderstand, UrgentDecision, Other, Consented, TrainingStart}

// Reason is a key and what the person wrote beside it (required for Other).
// A Reason with an empty Key is an entry written before keys were stored:
// Text holds the words the screen showed then.
type Reason struct {
	Key  Key
	Text string
}

// Sep divides key and text in the stored form (the central log splits on it).
const Sep = ":"

// String is the stored form: the key, then ":" and the text when there is one.
func (r Reason) String() string {
	if r.Key == "" {
		return r.Text
	}
	if r.Text == "" {
		return string(r.Key)
	}
	return string(r.Key) + Sep + r.Text
}

// Parse reads a stored reason; what does not start with a key is the words
// of an older entry, kept as they are.
func Parse(s string) Reason {
	k, text, _ := strings.Cut(s, Sep)
	if slices.Contains(Keys, Key(k)) {
		return Reason{Key(k), text}
	}
	return Reason{Text: s}
}

// Check refuses what may not be stored: no key, a key not known, or Other
// without text. The empty reason (nothing asked, as in the CLI) is allowed.
func Check(s string) error {
	if s == "" {
		return nil
	}
	r := Parse(s)
	switch {
	case r.Key == "":
		return fmt.Errorf("reason %q is not one of the keys %v (words are chosen where the log is shown)", s, Keys)
	case r.Key == Other && strings.TrimSpace(r.Text) == "":
		return fmt.Errorf("reason %q needs the text the person wrote", Other)
	}
	return nil
}
