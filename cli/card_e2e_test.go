//go:build e2e

package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/audit"
	"kyukyu/reader"
	"kyukyu/reader/pcsctest"
	"kyukyu/reader/vcard"
	"kyukyu/training"
)

// The virtual card of a training patient, read by `kyukyu card read`
// through pcscd, leads `kyukyu summary -card` to that patient.
func TestCardReadThenSummary(t *testing.T) {
	s := pcsctest.Need(t)
	home := useHome(t)
	card, slot := s.InsertNew(t, vcard.Config{PatientID: "shinryo-taro"})

	code, out, errs := runHome(t, "card", "read", "-reader", pcsctest.Reader, "-wait", "10s", "-json")
	if code != 0 {
		t.Fatalf("card read: exit %d: %s", code, errs)
	}
	var info reader.CardInfo
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	if info.Serial != training.CardSerial("shinryo-taro").Text(16) || info.Token != "JPKIAPICCTOKEN2" {
		t.Errorf("card read printed %+v", info)
	}
	code, out, errs = runHome(t, "summary", "-card", info.Serial)
	if code != 0 || !strings.Contains(out, "訓練用") {
		t.Errorf("summary -card: exit %d: %s %s", code, out, errs)
	}
	if card.Stats().VerifyWithData != 0 {
		t.Error("card read sent a PIN")
	}

	// A smartphone on the reader: a failed attempt, logged without a patient.
	slot.Remove()
	s.InsertNew(t, vcard.Config{PatientID: "shinryo-taro", Kind: vcard.Smartphone})
	if code, _, errs := runHome(t, "card", "read", "-reader", pcsctest.Reader, "-wait", "10s"); code != 1 || !strings.Contains(errs, "smartphone") {
		t.Errorf("smartphone: exit %d, %q", code, errs)
	}
	es := entries(t, home)
	if len(es) != 3 {
		t.Fatalf("%d audit entries, want card read, summary, failed card read", len(es))
	}
	if e := es[0]; e.Action != audit.CardRead || e.Mode != audit.Training || e.Result != audit.OK || e.Patient != "" || strings.Contains(e.Output, info.Serial) {
		t.Errorf("card read entry %+v", e)
	}
	if e := es[2]; e.Action != audit.CardRead || e.Result != audit.Failed || e.Mode != audit.Training || e.Patient != "" || !strings.Contains(e.Output, "smartphone") {
		t.Errorf("failed card read entry %+v", e)
	}
}

// A staff card through pcscd: `kyukyu card read` prints the UID IT
// registers with `kyukyu staff add`, and logs nothing (no patient data).
func TestCardReadOfAStaffCard(t *testing.T) {
	s := pcsctest.Need(t)
	home := useHome(t)
	s.InsertNew(t, vcard.Config{Kind: vcard.Staff, UID: []byte{0x01, 0x2E, 0x4C, 0xD3, 0x5A, 0x19, 0x0B, 0x07}})
	code, out, errs := runHome(t, "card", "read", "-reader", pcsctest.Reader, "-wait", "10s", "-json")
	if code != 0 || !strings.Contains(out, `"uid": "012E4CD35A190B07"`) || !strings.Contains(out, `"registered": "staff_cards is not set"`) {
		t.Errorf("card read: exit %d: %s %s", code, out, errs)
	}
	// With the hospital's cards file, it says whom the card signs in.
	csvPath := filepath.Join(t.TempDir(), "staff.csv")
	if err := os.WriteFile(csvPath, []byte("uid,staff_id,name,department,groups\n012E4CD35A190B07,S0042,山田 太郎,救急科,er-doctors\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	machineFile(t, "staff_cards = '"+csvPath+"'\n")
	code, out, errs = runHome(t, "card", "read", "-reader", pcsctest.Reader, "-wait", "10s")
	if code != 0 || !strings.Contains(out, "registered  yes") || !strings.Contains(out, "S0042 山田 太郎 救急科") {
		t.Errorf("card read with staff_cards: exit %d: %s %s", code, out, errs)
	}
	if es := entries(t, home); len(es) != 0 {
		t.Errorf("reading a staff card logged %+v", es)
	}
}
