package cards

import (
	"errors"
	"testing"
	"time"

	"kyukyu/reader"
	"kyukyu/summary"
	"kyukyu/ui/flow"
)

// Every reader state has the window's, and a card carries its identity
// and its certificate's end.
func TestEveryReaderStateAndTheCard(t *testing.T) {
	for s := reader.NoService; s.String() != "unknown"; s++ {
		if _, ok := states[s]; !ok {
			t.Errorf("reader state %d has no window state", s)
		}
	}
	if len(expiries) != len(flow.ExpiryKinds) {
		t.Errorf("%d certificate-end kinds mapped, the window words %d", len(expiries), len(flow.ExpiryKinds))
	}
	boom := errors.New("boom")
	end := summary.NewDate(2026, 12, 25)
	got := Of(reader.Event{State: reader.CardRead, Reader: "R", Err: boom, Card: &reader.CardInfo{Serial: "aa01", NotAfter: time.Now(),
		Expiry: &reader.Expiry{Kind: reader.ExpiryGrace, End: end, GraceEnd: end, DaysLeft: 3}}})
	if got.State != flow.CardRead || got.Reader != "R" || got.Err != boom || got.Card.Identity.CertSerial != "aa01" ||
		*got.Card.Expiry != (flow.Expiry{Kind: "grace", End: end, GraceEnd: end, DaysLeft: 3}) {
		t.Errorf("%+v", got)
	}
	if Of(reader.Event{State: reader.Removed}).State != flow.Removed {
		t.Error("removal is not removal")
	}
	if got := Of(reader.Event{State: reader.StaffCard, UID: "0102"}); got.State != flow.StaffCard || got.UID != "0102" {
		t.Errorf("staff card %+v", got)
	}
}
