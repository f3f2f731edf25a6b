package app

import (
	"net"
	"path/filepath"
	"testing"

	"kyukyu/internal/testenv"
)

// The virtual-card button checks pcscd before starting anything: with the
// packages installed but no pcscd listening, it says to start pcscd; with
// one listening, nothing is missing.
func TestVCardNeedsARunningPcscd(t *testing.T) {
	v := newVCard()
	if n := v.Needs(); len(n.Install) > 0 || n.Unsupported {
		testenv.Unavailable(t, "the virtual card needs pcscd and vsmartcard-vpcd on Linux (scripts/deps.sh test); missing %v", n.Install)
	}
	sock := filepath.Join(t.TempDir(), "pcscd.comm")
	t.Setenv("PCSCLITE_CSOCK_NAME", sock)
	if n := v.Needs(); n.Start != "pcscd" {
		t.Errorf("no pcscd listening: needs %+v, want to start pcscd", n)
	}
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if n := v.Needs(); n.Start != "" || len(n.Install) > 0 || n.Unsupported {
		t.Errorf("pcscd listening: needs %+v", n)
	}
}
