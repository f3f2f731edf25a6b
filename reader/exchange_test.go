package reader_test

import (
	"strings"
	"testing"
	"time"

	"kyukyu/reader"
)

// stuckCard selects whatever it is asked to and answers every other
// command with the same status word.
type stuckCard struct {
	sw    [2]byte
	sent  int // commands other than SELECT
	limit int
}

func (s *stuckCard) Transmit(cmd []byte) ([]byte, error) {
	if cmd[1] == 0xA4 {
		return []byte{0x90, 0x00}, nil
	}
	s.sent++
	if s.sent > s.limit {
		panic("the reader kept sending")
	}
	return s.sw[:], nil
}

func (s *stuckCard) ATR() ([]byte, error) { return []byte{0x3B, 0x00}, nil }

// A card that keeps asking for another Le, or keeps saying more data
// waits, ends the read with its status word instead of hanging it. The
// reader repeats a 6C command once, as OpenSC does, and follows at most 32
// GET RESPONSE.
func TestStuckStatusWordsEndTheRead(t *testing.T) {
	for _, tc := range []struct {
		sw   [2]byte
		sent int
		want string
	}{
		{[2]byte{0x6C, 0x10}, 2, "card answered status 6C10 after repeating the command"},
		{[2]byte{0x61, 0x00}, 33, "card answered status 6100 after 32 GET RESPONSE"},
	} {
		c := &stuckCard{sw: tc.sw, limit: 100}
		_, err := reader.ReadIdentity(c, time.Now())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("% X: %v, want %q", tc.sw, err, tc.want)
		}
		if c.sent != tc.sent {
			t.Errorf("% X: %d commands sent, want %d", tc.sw, c.sent, tc.sent)
		}
	}
}
