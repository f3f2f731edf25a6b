package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"kyukyu/reader"
)

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
