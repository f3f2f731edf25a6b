package reader_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"kyukyu/reader"
	"kyukyu/reader/pcsctest"
	"kyukyu/reader/vcard"
	"kyukyu/training"
)

var stack *pcsctest.Stack
var stackErr error

func TestMain(m *testing.M) {
	stack, stackErr = pcsctest.Start()
	code := m.Run()
	if stack != nil {
		stack.Stop()
	}
	os.Exit(code)
}

func needStack(t *testing.T) *pcsctest.Stack {
	t.Helper()
	if errors.Is(stackErr, pcsctest.ErrAbsent) {
		t.Skip(stackErr)
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

func newCard(t *testing.T, cfg vcard.Config) *vcard.Card {
	t.Helper()
	c, err := vcard.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func insert(t *testing.T, s *pcsctest.Stack, c *vcard.Card, f vcard.Faults) *vcard.Slot {
	t.Helper()
	slot, err := s.Insert(c, f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(slot.Remove)
	return slot
}

func TestE2EInsertReadsIdentity(t *testing.T) {
	s := needStack(t)
	w := watch(t)
	w.next(reader.Waiting)
	card := newCard(t, vcard.Config{PatientID: "shinryo-taro"})
	slot := insert(t, s, card, vcard.Faults{})
	ev := w.next(reader.CardRead, reader.Failed, reader.NotMyNumber, reader.Removed)
	if ev.State != reader.CardRead {
		t.Fatalf("state %v: %v", ev.State, ev.Err)
	}
	if want := training.CardSerial("shinryo-taro").Text(16); ev.Card.Serial != want {
		t.Errorf("serial %s, want %s", ev.Card.Serial, want)
	}
	fmt.Println("APDUs", card.Stats().APDUs)
	slot.Remove()
	w.next(reader.Removed)
}
