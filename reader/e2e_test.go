//go:build e2e

package reader_test

import (
	"bytes"
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"kyukyu/internal/testenv"
	"kyukyu/reader"
	"kyukyu/reader/jpki"
	"kyukyu/reader/pcsctest"
	"kyukyu/reader/vcard"
	"kyukyu/training"
)

// The stack is started by the first test that needs it, so that runs
// without one (fuzz workers, which would wait on the stack's lock held by
// their coordinator) never touch pcscd.
var (
	stack     *pcsctest.Stack
	stackErr  error
	stackOnce sync.Once
)

func startStack() error {
	stackOnce.Do(func() { stack, stackErr = pcsctest.Start() })
	return stackErr
}

func TestMain(m *testing.M) {
	code := m.Run()
	if stack != nil {
		stack.Stop()
	}
	os.Exit(code)
}

func needStack(t *testing.T) *pcsctest.Stack {
	t.Helper()
	if errors.Is(startStack(), pcsctest.ErrAbsent) {
		testenv.Unavailable(t, "%v", stackErr)
	}
	if stackErr != nil {
		t.Fatal(stackErr)
	}
	return stack
}

// watcher follows Watch on the vpcd reader.
type watcher struct {
	t      *testing.T
	events <-chan reader.Event
	cancel context.CancelFunc
}

func watch(t *testing.T, opts ...reader.Option) *watcher {
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{t: t, events: reader.Watch(ctx, append([]reader.Option{reader.WithReader(pcsctest.Reader)}, opts...)...), cancel: cancel}
	t.Cleanup(func() {
		cancel()
		for range w.events {
		}
	})
	return w
}

// next waits for an event in one of the states, skipping the others.
func (w *watcher) next(states ...reader.State) reader.Event {
	w.t.Helper()
	timeout := time.After(15 * time.Second)
	for {
		select {
		case ev, ok := <-w.events:
			if !ok {
				w.t.Fatal("monitor stopped")
			}
			for _, s := range states {
				if ev.State == s {
					return ev
				}
			}
			w.t.Logf("event %v %v", ev.State, ev.Err)
		case <-timeout:
			w.t.Fatalf("no %v within 15s", states)
		}
	}
}

func insert(t *testing.T, s *pcsctest.Stack, c *vcard.Card, f vcard.Faults) *vcard.Slot {
	t.Helper()
	slot, err := s.Insert(c, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		slot.Remove()
		if err := pcsctest.WaitEmpty(); err != nil {
			t.Error(err)
		}
	})
	return slot
}

// read inserts card and returns the first outcome of the read.
func (w *watcher) read(s *pcsctest.Stack, card *vcard.Card, f vcard.Faults) (reader.Event, *vcard.Slot) {
	w.t.Helper()
	slot := insert(w.t, s, card, f)
	return w.next(reader.CardRead, reader.StaffCard, reader.Failed, reader.NotMyNumber, reader.Removed), slot
}

// readOK inserts card without faults and fails unless it reads; what
// says which read.
func (w *watcher) readOK(s *pcsctest.Stack, card *vcard.Card, what string) (reader.Event, *vcard.Slot) {
	w.t.Helper()
	ev, slot := w.read(s, card, vcard.Faults{})
	if ev.State != reader.CardRead {
		w.t.Fatalf("%s: %v %v", what, ev.State, ev.Err)
	}
	return ev, slot
}

// remove takes the card off and waits for the monitor to say so.
func (w *watcher) remove(slot *vcard.Slot) {
	w.t.Helper()
	slot.Remove()
	w.next(reader.Removed)
}

func TestE2EInsertReadsIdentity(t *testing.T) {
	s, w := needStack(t), watch(t)
	w.next(reader.Waiting)
	card := newCard(t, vcard.Config{PatientID: "shinryo-taro"})
	ev, slot := w.readOK(s, card, "insert")
	if want := training.CardSerial("shinryo-taro").Text(16); ev.Card.Serial != want {
		t.Errorf("serial %s, want %s", ev.Card.Serial, want)
	}
	if !bytes.Equal(ev.Card.Cert, card.File(jpki.EFAuthCert)) {
		t.Error("certificate bytes differ from the card's")
	}
	if ev.Card.Token != jpki.TokenMyNumber || !strings.Contains(ev.Card.Issuer, "kyukyu training CA") || ev.Card.Expiry != nil {
		t.Errorf("card info %+v", ev.Card)
	}
	if ev.Reader != pcsctest.Reader {
		t.Errorf("reader %q", ev.Reader)
	}
	noPINSent(t, card)
	w.remove(slot)
}

// A card taken off while any APDU of the read is in flight ends in
// Removed, never Failed, and the next card reads.
func TestE2ERemovalDuringEveryAPDU(t *testing.T) {
	s, w := needStack(t), watch(t)
	card := newCard(t, vcard.Config{PatientID: "warfarin-head-injury"})
	_, slot := w.readOK(s, card, "clean read")
	n := card.Stats().APDUs
	w.remove(slot)
	for k := 1; k <= n; k++ {
		ev, slot := w.read(s, card, vcard.Faults{DropAt: k})
		if ev.State != reader.Removed {
			t.Fatalf("drop at APDU %d of %d: %v %v, want %v", k, n, ev.State, ev.Err, reader.Removed)
		}
		if ev.Err != nil && !errors.Is(ev.Err, reader.ErrRemoved) {
			t.Errorf("drop at APDU %d: error %v is not 'card removed'", k, ev.Err)
		}
		slot.Err()
		_, slot = w.readOK(s, card, fmt.Sprintf("reinsertion after drop at %d", k))
		w.remove(slot)
	}
	noPINSent(t, card)
}

func TestE2ENotMyNumber(t *testing.T) {
	s, w := needStack(t), watch(t)
	for _, tc := range []struct {
		kind vcard.Kind
		want string
	}{
		{vcard.Foreign, "no JPKI application"},
		{vcard.Smartphone, "smartphone"},
		{vcard.Juki, "住民基本台帳カード"},
	} {
		card := newCard(t, vcard.Config{PatientID: "shinryo-taro", Kind: tc.kind})
		ev, slot := w.read(s, card, vcard.Faults{})
		if ev.State != reader.NotMyNumber || !strings.Contains(ev.Err.Error(), tc.want) {
			t.Errorf("kind %d: %v %v, want NotMyNumber saying %q", tc.kind, ev.State, ev.Err, tc.want)
		}
		noPINSent(t, card)
		w.remove(slot)
	}
}

func TestE2EExpiredWarns(t *testing.T) {
	s, w := needStack(t), watch(t)
	card := newCard(t, vcard.Config{PatientID: "shinryo-taro", Expired: true})
	ev, _ := w.readOK(s, card, "expired")
	if e := ev.Card.Expiry; e == nil || e.Kind != reader.ExpiryGrace {
		t.Errorf("expiry %+v, want %s", e, reader.ExpiryGrace)
	}
}

// Every fault ends in a clear state, and the next card reads.
func TestE2EFaults(t *testing.T) {
	s, w := needStack(t), watch(t)
	for _, tc := range []struct {
		spec  string
		state reader.State
		want  string
	}{
		{"sw=1:6F00", reader.Failed, "selecting the JPKI application: card answered status 6F00"},
		{"sw=3:6982", reader.Failed, "reading the token: card answered status 6982"},
		{"sw=6:6B00", reader.Failed, "truncated"},
		{"garbage=3", reader.NotMyNumber, "unknown JPKI token"},
		{"garbage=5", reader.Failed, "the certificate"},
		{"truncate=600", reader.Failed, "truncated"},
		{"slow=30ms", reader.CardRead, ""},
	} {
		f, err := vcard.ParseFaults(tc.spec)
		if err != nil {
			t.Fatal(err)
		}
		card := newCard(t, vcard.Config{PatientID: "shinryo-taro"})
		ev, slot := w.read(s, card, f)
		if ev.State != tc.state || (tc.want != "" && !strings.Contains(ev.Err.Error(), tc.want)) {
			t.Errorf("fault %s: %v %v, want %v saying %q", tc.spec, ev.State, ev.Err, tc.state, tc.want)
		}
		w.remove(slot)
		_, slot = w.readOK(s, newCard(t, vcard.Config{PatientID: "shinryo-taro"}), "the card after fault "+tc.spec)
		w.remove(slot)
	}
}

// The monitor survives pcscd stopping and starting.
func TestE2EServiceRestart(t *testing.T) {
	s := needStack(t)
	w := watch(t)
	w.next(reader.Waiting)
	if err := s.StopDaemon(); err != nil {
		t.Fatal(err)
	}
	ev := w.next(reader.NoService)
	if !errors.Is(ev.Err, reader.ErrNoService) {
		t.Errorf("no service error %v", ev.Err)
	}
	if err := s.RestartDaemon(); err != nil {
		t.Fatal(err)
	}
	w.next(reader.Waiting)
	w.readOK(s, newCard(t, vcard.Config{PatientID: "shinryo-taro"}), "after restart")
}

// Watch leaves no goroutine behind once its context ends.
func TestE2EWatchNoLeak(t *testing.T) {
	needStack(t)
	before := runtime.NumGoroutine()
	for range 3 {
		ctx, cancel := context.WithCancel(context.Background())
		events := reader.Watch(ctx)
		<-events
		cancel()
		for range events {
		}
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines after Watch ended, %d before", runtime.NumGoroutine(), before)
}

// openscCert reads the authentication certificate (PKCS#15 ID 01) with
// OpenSC's pkcs15-tool.
func openscCert(t testing.TB) []byte {
	t.Helper()
	tool := testenv.Tool(t, "pkcs15-tool", "opensc")
	out, err := exec.Command(tool, "--reader", pcsctest.Reader, "--read-certificate", "01").Output()
	if err != nil {
		t.Fatalf("pkcs15-tool: %v", err)
	}
	b, _ := pem.Decode(out)
	if b == nil {
		t.Fatalf("pkcs15-tool printed no PEM: %s", out)
	}
	return b.Bytes
}

// OpenSC and kyukyu read the same certificate bytes through the same pcscd.
func TestE2EOpenSCSameCertificate(t *testing.T) {
	s, w := needStack(t), watch(t)
	card := newCard(t, vcard.Config{PatientID: "dialysis-hd"})
	ev, _ := w.readOK(s, card, "kyukyu")
	der := openscCert(t)
	if !bytes.Equal(der, ev.Card.Cert) {
		t.Errorf("OpenSC read %d bytes, kyukyu %d; they differ", len(der), len(ev.Card.Cert))
	}
	noPINSent(t, card)
}

// A staff card (FeliCa, no JPKI application) put on the reader through
// pcscd gives its UID to PC/SC's GET DATA; nothing else is read from it.
func TestE2EStaffCardGivesItsUID(t *testing.T) {
	s, w := needStack(t), watch(t)
	card := newCard(t, vcard.Config{Kind: vcard.Staff, UID: []byte{0x01, 0x2E, 0x4C, 0xD3, 0x5A, 0x19, 0x0B, 0x07}})
	ev, slot := w.read(s, card, vcard.Faults{})
	if ev.State != reader.StaffCard || ev.UID != "012E4CD35A190B07" || ev.Card != nil || ev.Err != nil {
		t.Fatalf("staff card: %v %q %+v %v", ev.State, ev.UID, ev.Card, ev.Err)
	}
	w.remove(slot)
	// A My Number card after it reads as one.
	w.readOK(s, newCard(t, vcard.Config{PatientID: "shinryo-taro"}), "My Number card after a staff card")
}
