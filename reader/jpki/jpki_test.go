package jpki

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		data []byte
		le   int
	}{
		{VerifyStatus(), nil, 0},
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
		if _, err := Parse(bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("% X: %v", bad, err)
		}
	}
}

func TestAttributesRoundTrip(t *testing.T) {
	a := Attributes{Name: "診療 太郎", Address: strings.Repeat("長い住所", 20), Birth: "1956-04-01", Sex: "1"}
	raw := EncodeAttributes(a)
	got, err := DecodeAttributes(raw)
	if err != nil || got != a {
		t.Fatalf("%+v %v", got, err)
	}
	for _, bad := range [][]byte{raw[:len(raw)-1], {0xFF, 0x20, 0x00}, {0x30, 0x00}} {
		if _, err := DecodeAttributes(bad); !errors.Is(err, ErrTLV) {
			t.Errorf("% X: %v", bad, err)
		}
	}
}

func TestTries(t *testing.T) {
	if n, ok := Tries(0x63C2); !ok || n != 2 {
		t.Errorf("63C2: %d %v", n, ok)
	}
	if _, ok := Tries(SWOK); ok {
		t.Error("9000 is not a tries count")
	}
}
