package vcard

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// DefaultAddr is where the vpcd driver of pcscd listens for slot 0
// (reader "Virtual PCD 00 00"); slot 1 is the next port.
const DefaultAddr = "127.0.0.1:35963"

// vpcd control messages (one byte); anything longer is a command APDU.
const (
	ctrlPowerOff byte = 0x00
	ctrlPowerOn  byte = 0x01
	ctrlReset    byte = 0x02
	ctrlATR      byte = 0x04
)

// ErrDropped ends a slot whose drop fault fired.
var ErrDropped = errors.New("vcard: connection dropped by the drop fault")

// garbage is an answer no card gives: odd bytes, then 90 00 so a reader
// that trusts the status word must still check the data.
var garbage = []byte{0xDE, 0xAD, 0xBE, 0xEF, 0x5A, 0x90, 0x00}

// Slot is a card inserted into a vpcd reader: connected until Remove, a
// drop fault, or pcscd closing the connection.
type Slot struct {
	conn   net.Conn
	card   *Card
	faults Faults
	done   chan struct{}
	once   sync.Once
	err    error
}

// Insert connects card to the vpcd driver at addr.
func Insert(addr string, card *Card, f Faults) (*Slot, error) {
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return nil, fmt.Errorf("vcard: cannot reach the vpcd driver at %s (is pcscd running with vsmartcard-vpcd?): %w", addr, err)
	}
	return Attach(conn, card, f), nil
}

// Attach serves card on conn, a connection to a vpcd driver opened by
// the caller (the test stack dials inside its own network namespace).
func Attach(conn net.Conn, card *Card, f Faults) *Slot {
	if f.Truncate > 0 {
		card.Truncate(f.Truncate)
	}
	s := &Slot{conn: conn, card: card, faults: f, done: make(chan struct{})}
	go s.serve()
	return s
}

// Done is closed when the card has left the reader.
func (s *Slot) Done() <-chan struct{} { return s.done }

// Err says why the slot ended: nil after Remove, ErrDropped, or the
// connection error.
func (s *Slot) Err() error {
	<-s.done
	return s.err
}

// Remove takes the card off the reader and waits until it is off.
func (s *Slot) Remove() {
	s.once.Do(func() { s.conn.Close() })
	<-s.done
}

func (s *Slot) serve() {
	defer close(s.done)
	n := 0
	for {
		quickAck(s.conn)
		msg, err := readMsg(s.conn)
		if err != nil {
			s.once.Do(func() {
				s.conn.Close()
				s.err = fmt.Errorf("vcard: vpcd connection closed: %w", err)
			})
			return
		}
		var resp []byte
		if len(msg) == 1 {
			if resp = s.control(msg[0]); resp == nil {
				continue
			}
		} else {
			n++
			if n == s.faults.DropAt {
				s.once.Do(func() { s.conn.Close(); s.err = ErrDropped })
				return
			}
			resp = s.answer(n, msg)
		}
		if s.faults.Slow > 0 {
			time.Sleep(s.faults.Slow)
		}
		if err := writeMsg(s.conn, resp); err != nil {
			s.once.Do(func() { s.conn.Close(); s.err = err })
			return
		}
	}
}

// control handles a vpcd control byte; only get-ATR has a reply.
func (s *Slot) control(b byte) []byte {
	switch b {
	case ctrlPowerOff, ctrlPowerOn, ctrlReset:
		s.card.Reset()
	case ctrlATR:
		return s.card.ATR()
	}
	return nil
}

func (s *Slot) answer(n int, apdu []byte) []byte {
	switch n {
	case s.faults.GarbageAt:
		s.card.Process(apdu) // the card did the work; the answer got mangled on the way
		return garbage
	case s.faults.SWAt:
		s.card.Process(apdu)
		return []byte{byte(s.faults.SW >> 8), byte(s.faults.SW)}
	}
	return s.card.Process(apdu)
}

func readMsg(r io.Reader) ([]byte, error) {
	var hdr [2]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	msg := make([]byte, binary.BigEndian.Uint16(hdr[:]))
	_, err := io.ReadFull(r, msg)
	return msg, err
}

func writeMsg(w io.Writer, msg []byte) error {
	buf := binary.BigEndian.AppendUint16(make([]byte, 0, 2+len(msg)), uint16(len(msg)))
	_, err := w.Write(append(buf, msg...))
	return err
}
