package reader

import (
	"errors"
	"fmt"

	"kyukyu/reader/jpki"
)

// Attributes are the four attributes of the 券面事項入力補助AP.
type Attributes = jpki.Attributes

// PIN errors. A screen shows them as they are.
var (
	ErrPINBlocked   = errors.New("the PIN is blocked (no tries left): nothing was sent; the card must be reset at the city office")
	ErrNotConfirmed = errors.New("one PIN try is left and sending was not confirmed: nothing was sent")
	ErrPINFormat    = errors.New("the PIN must be 4 digits: nothing was sent")
)

// WrongPINError is a PIN the card refused.
type WrongPINError struct{ Left int }

func (e *WrongPINError) Error() string {
	if e.Left == 0 {
		return "wrong PIN: the card is now blocked; it must be reset at the city office"
	}
	return fmt.Sprintf("wrong PIN: %d tries left", e.Left)
}

// LastTryWarning is what a person must confirm before the last PIN try.
const LastTryWarning = "only 1 PIN try is left: a wrong PIN now locks the card, and only the city office can unlock it. Send the PIN?"

// Confirm is asked, with LastTryWarning, when one try is left; the PIN is
// sent only when it returns true. A nil Confirm refuses.
type Confirm func(warning string) bool

// PINTries asks the 券面事項入力補助AP how many PIN tries are left, with
// VERIFY without data (spends no try). verified is true when the card says
// the PIN is already verified in this session.
func PINTries(c Card) (tries int, verified bool, err error) {
	if err := selectAID(c, jpki.AIDText, "card-face input assistance application (券面事項入力補助AP)"); err != nil {
		return 0, false, err
	}
	if _, err := command(c, jpki.SelectFile(jpki.EFTextPIN)); err != nil {
		return 0, false, step("selecting the PIN", err)
	}
	_, sw, err := exchange(c, jpki.VerifyStatus())
	if err != nil {
		return 0, false, step("asking the PIN tries", err)
	}
	if n, ok := jpki.Tries(sw); ok {
		return n, false, nil
	}
	switch sw {
	case jpki.SWOK:
		return 0, true, nil
	case jpki.SWBlocked, jpki.SWRefDataBlocked:
		return 0, false, nil
	}
	return 0, false, step("asking the PIN tries", statusError{sw})
}

// ReadAttributes reads the four attributes with a PIN a person typed. It
// clears pin before returning. It never sends a PIN when no try is left,
// and with one try left only when confirm agrees. It never reads the
// 個人番号 (EF 0001).
func ReadAttributes(c Card, pin []byte, confirm Confirm) (*Attributes, error) {
	defer clear(pin)
	if !isPIN(pin) {
		return nil, ErrPINFormat
	}
	tries, verified, err := PINTries(c)
	if err != nil {
		return nil, err
	}
	if !verified {
		if err := verify(c, pin, tries, confirm); err != nil {
			return nil, err
		}
	}
	raw, err := readFile(c, jpki.EFAttributes, 2, "the four attributes")
	if err != nil {
		return nil, err
	}
	a, err := jpki.DecodeAttributes(raw)
	if err != nil {
		return nil, step("reading the four attributes", err)
	}
	return &a, nil
}

func verify(c Card, pin []byte, tries int, confirm Confirm) error {
	switch {
	case tries == 0:
		return ErrPINBlocked
	case tries == 1 && (confirm == nil || !confirm(LastTryWarning)):
		return ErrNotConfirmed
	}
	cmd := jpki.Verify(pin)
	_, sw, err := exchange(c, cmd)
	clear(cmd)
	if err != nil {
		return step("verifying the PIN", err)
	}
	if n, ok := jpki.Tries(sw); ok {
		return &WrongPINError{Left: n}
	}
	switch sw {
	case jpki.SWOK:
		return nil
	case jpki.SWBlocked, jpki.SWRefDataBlocked:
		return &WrongPINError{Left: 0}
	}
	return step("verifying the PIN", statusError{sw})
}

const pinLen = 4

func isPIN(pin []byte) bool {
	if len(pin) != pinLen {
		return false
	}
	for _, b := range pin {
		if b < '0' || b > '9' {
			return false
		}
	}
	return true
}
