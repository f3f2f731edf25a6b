package reader

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"kyukyu/reader/jpki"
)

// getUID is PC/SC's GET DATA for the card's UID (PC/SC part 3, 3.2.2.1.3):
// a contactless reader answers it for the card (MIFARE: 4, 7 or 10 bytes;
// FeliCa: the 8-byte IDm); a contact card refuses its class.
var getUID = []byte{0xFF, 0xCA, 0x00, 0x00, 0x00}

// UID lengths a card may have.
const minUID, maxUID = 4, 10

// ReadUID reads the card's UID as upper-case hex.
func ReadUID(c Card) (string, error) {
	data, sw, err := exchange(c, getUID)
	switch {
	case err != nil:
		return "", step("reading the card's UID", err)
	case sw != jpki.SWOK:
		return "", step("reading the card's UID", statusError{sw})
	case len(data) < minUID || len(data) > maxUID:
		return "", step("reading the card's UID", fmt.Errorf("%d bytes is not a card UID", len(data)))
	}
	return strings.ToUpper(hex.EncodeToString(data)), nil
}

// ReadCard reads what the card is: a My Number card's identity, or, for a
// card without the JPKI application, its UID (a staff card, 職員証), told
// apart by the answer to the SELECT. A card with neither keeps the My
// Number read's error. A My Number card's own UID is never read: on a
// contactless reader it has one too, and it identifies the patient.
func ReadCard(c Card, now time.Time) (info *CardInfo, uid string, err error) {
	info, err = ReadIdentity(c, now)
	var na *noApp
	if errors.As(err, &na) {
		if uid, uerr := ReadUID(c); uerr == nil {
			return nil, uid, nil
		}
	}
	return info, "", err
}
