package vcard

import (
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	f, err := ParseFaults("drop=5,sw=2:6A82,garbage=3,truncate=100,slow=20ms")
	want := Faults{DropAt: 5, SWAt: 2, SW: 0x6A82, GarbageAt: 3, Truncate: 100, Slow: 20 * time.Millisecond}
	if err != nil || f != want {
		t.Fatalf("%+v %v", f, err)
	}
	for _, bad := range []string{"drop", "drop=0", "sw=2", "sw=2:XYZW", "slow=-1s", "melt=1"} {
		if _, err := ParseFaults(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestUnknownCommands(t *testing.T) {
	c, err := New(Config{PatientID: "x", Kind: Foreign})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		apdu []byte
		sw   [2]byte
	}{
		{[]byte{0x00, 0xCA, 0xDF, 0x30, 0x00}, [2]byte{0x6D, 0x00}},
		{[]byte{0x00, 0xA4, 0x04, 0x0C, 0x02, 0xA0, 0x00}, [2]byte{0x6A, 0x82}},
		{[]byte{0x80, 0xA4, 0x04, 0x0C, 0x02, 0xA0, 0x00}, [2]byte{0x6E, 0x00}},
	} {
		r := c.Process(tc.apdu)
		if len(r) != 2 || r[0] != tc.sw[0] || r[1] != tc.sw[1] {
			t.Errorf("% X → % X, want % X", tc.apdu, r, tc.sw)
		}
	}
}
