package reader_test

import (
	"errors"
	"testing"
	"time"

	"kyukyu/reader"
	"kyukyu/reader/vcard"
)

// A card is told apart by its answers: the JPKI application makes it a My
// Number card (whose UID is never asked: it would identify the patient);
// without it, a UID from GET DATA makes it a staff card; a card with
// neither is not a My Number card, as before.
func TestReadCardTellsStaffCards(t *testing.T) {
	staff := mem(t, vcard.Config{Kind: vcard.Staff, UID: []byte{0x04, 0xA1, 0xB2, 0xC3}})
	info, uid, err := reader.ReadCard(staff, time.Now())
	if err != nil || info != nil || uid != "04A1B2C3" {
		t.Errorf("staff card: %+v %q %v", info, uid, err)
	}
	my := mem(t, vcard.Config{PatientID: "shinryo-taro"})
	info, uid, err = reader.ReadCard(my, time.Now())
	if err != nil || info == nil || uid != "" {
		t.Fatalf("My Number card: %+v %q %v", info, uid, err)
	}
	for _, cmd := range my.sent {
		if cmd[0] == 0xFF {
			t.Errorf("the My Number card was asked % X", cmd)
		}
	}
	other := mem(t, vcard.Config{Kind: vcard.Foreign})
	if _, uid, err := reader.ReadCard(other, time.Now()); !errors.Is(err, reader.ErrNotMyNumber) || uid != "" {
		t.Errorf("a card without JPKI or UID: %q %v", uid, err)
	}
	if _, err := vcard.New(vcard.Config{Kind: vcard.Staff, UID: []byte{1, 2}}); err == nil {
		t.Error("a 2-byte UID was accepted")
	}
}
