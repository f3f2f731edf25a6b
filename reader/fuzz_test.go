package reader_test

import (
	"fmt"
	"testing"
	"time"

	"kyukyu/reader"
	"kyukyu/reader/vcard"
)

// scriptCard answers each APDU with the next response of a script: a
// length byte, then that many bytes. When the script ends the card is gone.
type scriptCard struct {
	script []byte
	verify int // VERIFY commands received
}

func (s *scriptCard) Transmit(cmd []byte) ([]byte, error) {
	if len(cmd) > 1 && cmd[1] == 0x20 {
		s.verify++
	}
	if len(s.script) == 0 {
		return nil, fmt.Errorf("script ended: %w", reader.ErrRemoved)
	}
	n := min(int(s.script[0]), len(s.script)-1)
	resp := s.script[1 : 1+n]
	s.script = s.script[1+n:]
	return resp, nil
}

func (s *scriptCard) ATR() ([]byte, error) {
	return []byte{0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14}, nil
}

// FuzzReadIdentity: whatever a card answers — garbage, wrong lengths, a
// broken certificate — the no-PIN read ends in a card or an error, never a
// panic, and never sends a VERIFY.
func FuzzReadIdentity(f *testing.F) {
	// Seed: the real virtual card's answers, recorded.
	card, err := vcard.New(vcard.Config{PatientID: "shinryo-taro"})
	if err != nil {
		f.Fatal(err)
	}
	rec := &memCard{Card: card}
	if _, err := reader.ReadIdentity(rec, time.Now()); err != nil {
		f.Fatal(err)
	}
	var script []byte
	for _, cmd := range rec.sent {
		resp := card.Process(cmd)
		for len(resp) > 255 { // split what a length byte cannot hold
			script = append(script, 255)
			script = append(script, resp[:255]...)
			resp = resp[255:]
		}
		script = append(script, byte(len(resp)))
		script = append(script, resp...)
	}
	f.Add(script)
	f.Add([]byte{2, 0x90, 0x00, 2, 0x6A, 0x82})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, script []byte) {
		c := &scriptCard{script: script}
		info, err := reader.ReadIdentity(c, time.Now())
		if (info == nil) == (err == nil) {
			t.Fatalf("card %v and error %v", info != nil, err)
		}
		if c.verify != 0 {
			t.Fatalf("%d VERIFY sent on a read without PIN", c.verify)
		}
	})
}
