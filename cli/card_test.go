package cli

import (
	"bytes"
	"encoding/json"
	"errors"
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
	s, err := pcsctest.Start()
	if errors.Is(err, pcsctest.ErrAbsent) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	home := useHome(t)
	card, err := vcard.New(vcard.Config{PatientID: "shinryo-taro"})
	if err != nil {
		t.Fatal(err)
	}
	slot, err := s.Insert(card, vcard.Faults{})
	if err != nil {
		t.Fatal(err)
	}
	defer slot.Remove()

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
	phone, err := vcard.New(vcard.Config{PatientID: "shinryo-taro", Kind: vcard.Smartphone})
	if err != nil {
		t.Fatal(err)
	}
	slot, err = s.Insert(phone, vcard.Faults{})
	if err != nil {
		t.Fatal(err)
	}
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

func TestCardReadErrors(t *testing.T) {
	events := make(chan reader.Event, 2)
	events <- reader.Event{State: reader.NoReader, Err: reader.ErrNoReader}
	close(events)
	var status bytes.Buffer
	if _, err := waitCard(t.Context(), events, &status); !errors.Is(err, reader.ErrNoReader) {
		t.Errorf("no reader: %v", err)
	}
	events = make(chan reader.Event, 2)
	events <- reader.Event{State: reader.Waiting, Reader: "R"}
	close(events)
	if _, err := waitCard(t.Context(), events, &status); err == nil || !strings.Contains(err.Error(), "-wait") {
		t.Errorf("timeout: %v", err)
	}
	for _, args := range [][]string{{"card"}, {"card", "eject"}, {"card", "read", "-wait", "0s"}, {"vcard", "-patient", "nobody"}, {"vcard", "-fault", "melt=1"}, {"vcard", "-pin", "12"}} {
		if code, _, errs := run(t, "", args...); code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, errs)
		}
	}
}
