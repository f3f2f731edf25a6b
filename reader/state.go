// Package reader reads the My Number card through PC/SC: the card's JPKI
// token and authentication certificate without a PIN, and the four
// attributes only with a PIN a person typed.
package reader

import (
	"time"

	"kyukyu/summary"
)

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
	StaffCard                // a card without the JPKI application that gave its UID: Event.UID is set
)

var stateNames = [...]string{"no service", "no reader", "waiting for card", "reading", "card read", "not a My Number card", "card removed", "error", "staff card"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// Event is one report of the monitor.
type Event struct {
	State  State
	Reader string    // the reader it concerns, when one
	Card   *CardInfo // set with CardRead
	UID    string    // set with StaffCard: the card's UID, upper-case hex
	Err    error     // set with Failed, NotMyNumber, NoService: what happened, for a person
}

// CardInfo is what is read from a My Number card without a PIN.
type CardInfo struct {
	Token      string    `json:"token"`  // JPKIAPICCTOKEN2 for a My Number card
	Serial     string    `json:"serial"` // authentication certificate serial, lower-case hex
	NotBefore  time.Time `json:"notBefore"`
	NotAfter   time.Time `json:"notAfter"`
	Issuer     string    `json:"issuer"`
	CertSHA256 string    `json:"certSHA256"` // hex SHA-256 of the DER certificate
	Cert       []byte    `json:"-"`
	Expiry     *Expiry   `json:"expiry,omitempty"` // nil: the certificate ends later than the notice days
}

// Identity is how a Source finds the card's patient.
func (c *CardInfo) Identity() summary.Identity { return summary.Identity{CertSerial: c.Serial} }
