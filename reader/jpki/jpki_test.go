package jpki

import (
	"bytes"
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		data []byte
		le   int
	}{
		{[]byte{0x00, InsVerify, 0x00, VerifyLocal}, nil, 0}, // VERIFY without data (tries left)
		{ReadBinary(0x123, 256), nil, 256},
		{ReadBinary(0, 32), nil, 32},
		{SelectFile(EFAuthCert), []byte{0x00, 0x0A}, 0},
		{append(SelectFile(EFToken), 0x00), []byte{0x00, 0x06}, 256},
	} {
		c, err := Parse(tc.in)
		if err != nil || !bytes.Equal(c.Data, tc.data) || c.Le != tc.le {
			t.Errorf("% X: %+v %v", tc.in, c, err)
		}
	}
	if c, _ := Parse(ReadBinary(0x123, 1)); c.Offset() != 0x123 {
		t.Errorf("offset %x", c.Offset())
	}
	for _, bad := range [][]byte{{0x00, 0xA4}, {0x00, 0xA4, 0x02, 0x0C, 0x05, 0x01}} {
		if _, err := Parse(bad); !errors.Is(err, errMalformed) {
			t.Errorf("% X: %v", bad, err)
		}
	}
}
