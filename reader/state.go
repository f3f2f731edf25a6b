// Package reader reads the My Number card through PC/SC: the card's JPKI
// token and authentication certificate without a PIN, and the four
// attributes only with a PIN a person typed.
package reader

// State is what the monitor tells a screen.
type State int

const (
	NoService   State = iota // pcscd / WinSCard not running
	NoReader                 // service up, no reader plugged in
	Waiting                  // a reader, no card
	Reading                  // a card is being read
	CardRead                 // identity read: Event.Card is set
	NotMyNumber              // a card that is not a My Number card
	Removed                  // the card left the reader
	Failed                   // anything else: Event.Err says what
)

var stateNames = [...]string{"no service", "no reader", "waiting for card", "reading", "card read", "not a My Number card", "card removed", "error"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}
