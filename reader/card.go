package reader

import (
	"errors"
	"fmt"

	"kyukyu/reader/jpki"
)

// Card is a smart card to talk to: a PC/SC card, or an in-memory card in
// unit tests.
type Card interface {
	// Transmit sends a command APDU and returns the response APDU (data
	// and SW1 SW2). A card that left the reader gives an error wrapping
	// ErrRemoved.
	Transmit(cmd []byte) ([]byte, error)
	// ATR is the card's answer to reset.
	ATR() ([]byte, error)
}

// Errors a screen tells apart.
var (
	ErrRemoved     = errors.New("card removed")
	ErrNotMyNumber = errors.New("not a My Number card")
	ErrNoService   = errors.New("no smart-card service running (pcscd on Linux, the Smart Card service on Windows): start it")
	ErrNoReader    = errors.New("no card reader found: plug one in")
)

// statusError is a status word the card answered where the read needed
// another one.
type statusError struct{ sw uint16 }

func (e statusError) Error() string { return fmt.Sprintf("card answered status %04X", e.sw) }

// step names what the reader was doing when an error happened, so the
// message says it: "reader: card removed while reading the certificate".
func step(what string, err error) error {
	if errors.Is(err, ErrRemoved) {
		return fmt.Errorf("reader: %w while %s", ErrRemoved, what)
	}
	return fmt.Errorf("reader: %s: %w", what, err)
}

// maxGetResponse bounds the 61 xx chain: a JPKI answer is at most a few
// kilobytes, so a card still saying "more data" after this many pieces is
// broken, and looping on it would hang the read.
const maxGetResponse = 32

// exchange sends cmd and follows 61 xx (GET RESPONSE, at most
// maxGetResponse times) and 6C xx (repeat with the right Le, once, as
// OpenSC does), so callers see the final data and status word.
func exchange(c Card, cmd []byte) ([]byte, uint16, error) {
	data, sw, err := transmit(c, cmd)
	if err != nil {
		return nil, 0, err
	}
	if le, ok := jpki.WrongLe(sw); ok && len(cmd) == 5 {
		again := append([]byte(nil), cmd...)
		again[4] = le
		if data, sw, err = transmit(c, again); err != nil {
			return nil, 0, err
		}
		if _, ok := jpki.WrongLe(sw); ok {
			return nil, 0, fmt.Errorf("%w after repeating the command with the Le the card asked for", statusError{sw})
		}
	}
	out := append([]byte(nil), data...)
	for range maxGetResponse {
		n, ok := jpki.MoreData(sw)
		if !ok {
			return out, sw, nil
		}
		if data, sw, err = transmit(c, jpki.GetResponse(n)); err != nil {
			return nil, 0, err
		}
		out = append(out, data...)
	}
	return nil, 0, fmt.Errorf("%w after %d GET RESPONSE", statusError{sw}, maxGetResponse)
}

func transmit(c Card, cmd []byte) ([]byte, uint16, error) {
	resp, err := c.Transmit(cmd)
	if err != nil {
		return nil, 0, err
	}
	return jpki.Split(resp)
}

// command sends cmd and requires 90 00.
func command(c Card, cmd []byte) ([]byte, error) {
	data, sw, err := exchange(c, cmd)
	if err != nil {
		return nil, err
	}
	if sw != jpki.SWOK && sw != jpki.SWEndOfFile {
		return nil, statusError{sw}
	}
	return data, nil
}

// selectAID selects an application; a card without it is not a My Number card.
func selectAID(c Card, aid []byte, name string) error {
	_, sw, err := exchange(c, jpki.SelectAID(aid))
	switch {
	case err != nil:
		return step("selecting the "+name, err)
	case sw == jpki.SWFileNotFound:
		return &noApp{fmt.Errorf("%w: the card has no %s (%s)", ErrNotMyNumber, name, atrOf(c))}
	case sw != jpki.SWOK:
		return &noApp{step("selecting the "+name, statusError{sw})}
	}
	return nil
}

// noApp is a card that answered the SELECT of an application with anything
// but success: a card of another kind (a staff card may answer with a
// status of its reader's choosing), not a transport failure.
type noApp struct{ err error }

func (e *noApp) Error() string { return e.err.Error() }
func (e *noApp) Unwrap() error { return e.err }

func atrOf(c Card) string {
	atr, err := c.ATR()
	if err != nil {
		return "ATR unknown"
	}
	return fmt.Sprintf("ATR % X", atr)
}

// readFile selects an EF and reads it: the first MaxShortLe bytes, whose
// TLV header gives the total length, then the rest in as few READ BINARY
// commands as short APDUs allow. tagLen is the length of the tag of the
// file's outer TLV.
func readFile(c Card, fid uint16, tagLen int, what string) ([]byte, error) {
	if _, err := command(c, jpki.SelectFile(fid)); err != nil {
		return nil, step("selecting "+what, err)
	}
	buf, err := command(c, jpki.ReadBinary(0, jpki.MaxShortLe))
	if err != nil {
		return nil, step("reading "+what, err)
	}
	hdr, n, err := jpki.HeaderLen(buf, tagLen)
	if err != nil {
		return nil, step("reading "+what, fmt.Errorf("no length header in the first %d bytes", len(buf)))
	}
	total := hdr + n
	if total > maxFile {
		return nil, step("reading "+what, fmt.Errorf("length %d is beyond any certificate", total))
	}
	for len(buf) < total {
		chunk, err := command(c, jpki.ReadBinary(len(buf), min(jpki.MaxShortLe, total-len(buf))))
		var se statusError
		switch {
		case errors.As(err, &se) && se.sw == jpki.SWWrongP1P2, err == nil && len(chunk) == 0:
			return nil, step("reading "+what, fmt.Errorf("file ends at %d bytes of %d: truncated", len(buf), total))
		case err != nil:
			return nil, step("reading "+what, err)
		}
		buf = append(buf, chunk...)
	}
	return buf[:total], nil
}

// maxFile bounds a file length read from a header, so garbage cannot make
// the reader loop for 16 MB.
const maxFile = 16 << 10
