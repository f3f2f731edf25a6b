package reader

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/ebfe/scard"
)

// pnpReader is pcsc-lite's and WinSCard's pseudo reader whose state
// changes when a reader is plugged in or out.
const pnpReader = `\\?PnP?\Notification`

// Retry delays while the PC/SC service is down.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 2 * time.Second
	// pollTimeout bounds each GetStatusChange: SCardCancel only wakes a
	// call already waiting, so a cancel landing between two calls would
	// otherwise be lost.
	pollTimeout = time.Second
)

// Option changes what Watch watches.
type Option func(*monitor)

// WithReader watches only readers whose name contains part.
func WithReader(part string) Option { return func(m *monitor) { m.only = part } }

// WithClock dates the certificate warnings (tests, training mode).
func WithClock(now func() time.Time) Option { return func(m *monitor) { m.now = now } }

// Watch reports the states of the readers and their cards until ctx ends,
// then closes the channel. It reads every My Number card put on a reader
// (no PIN) and reports CardRead with its identity, and StaffCard with the
// UID of a card without the JPKI application. It keeps going through
// readers plugged in and out and the PC/SC service stopping and starting.
//
// After Removed the reader waits for the next card; Waiting is reported
// only for a reader first seen empty.
func Watch(ctx context.Context, opts ...Option) <-chan Event {
	m := &monitor{now: time.Now, out: make(chan Event, 16), last: map[string]State{}}
	for _, o := range opts {
		o(m)
	}
	go func() {
		defer close(m.out)
		m.run(ctx)
	}()
	return m.out
}

type monitor struct {
	only string
	now  func() time.Time
	out  chan Event
	last map[string]State // last state per reader ("" for the service)
}

// emit sends ev unless it repeats a settled state (waiting, removed, no
// reader, no service) of the same reader. It reports false when ctx ended.
func (m *monitor) emit(ctx context.Context, ev Event) bool {
	settled := ev.State == Waiting || ev.State == Removed || ev.State == NoReader || ev.State == NoService
	if prev, ok := m.last[ev.Reader]; ok && settled && prev == ev.State {
		return true
	}
	m.last[ev.Reader] = ev.State
	select {
	case m.out <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

func (m *monitor) run(ctx context.Context) {
	backoff := minBackoff
	for ctx.Err() == nil {
		connected, err := m.session(ctx)
		if ctx.Err() != nil {
			return
		}
		if connected {
			backoff = minBackoff
		}
		for r := range m.last {
			if r != "" {
				delete(m.last, r)
			}
		}
		if !m.emit(ctx, Event{State: NoService, Err: err}) {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// session watches through one PC/SC context until the service goes away
// (the error says how) or ctx ends. connected says the service answered.
func (m *monitor) session(ctx context.Context) (connected bool, err error) {
	sc, err := scard.EstablishContext()
	if err != nil {
		return false, pcscErr(err)
	}
	defer sc.Release()
	// Cancel wakes GetStatusChange when ctx ends; no goroutine waits for it.
	defer context.AfterFunc(ctx, func() { sc.Cancel() })()

	states := []scard.ReaderState{{Reader: pnpReader, CurrentState: scard.StateUnaware}}
	relist := true
	for {
		if relist {
			if states, err = m.relist(ctx, sc, states); err != nil {
				return true, err
			}
			relist = false
		}
		if ctx.Err() != nil {
			return true, nil
		}
		err := sc.GetStatusChange(states, pollTimeout)
		if ctx.Err() != nil {
			return true, nil
		}
		switch {
		case err == nil:
		case errors.Is(err, scard.ErrTimeout):
			// Relisting asks the service: a pcscd that died while we
			// waited shows here, and so do readers on systems without PnP.
			relist = true
			continue
		case errors.Is(err, scard.ErrUnknownReader), errors.Is(err, scard.ErrReaderUnavailable):
			relist = true
			continue
		default:
			return true, pcscErr(err)
		}
		for i := range states {
			st := &states[i]
			ev, prev := st.EventState, st.CurrentState
			if ev&scard.StateChanged == 0 {
				continue
			}
			st.CurrentState = ev
			if st.Reader == pnpReader || ev&(scard.StateUnknown|scard.StateUnavailable) != 0 {
				relist = true
				continue
			}
			present, wasPresent := ev&scard.StatePresent != 0, prev&scard.StatePresent != 0
			newCard := present && (!wasPresent || eventCount(ev) != eventCount(prev))
			switch {
			case newCard:
				if !m.read(ctx, sc, st) {
					return true, nil
				}
			case !present && wasPresent:
				m.emit(ctx, Event{State: Removed, Reader: st.Reader})
			case !present:
				m.emit(ctx, Event{State: Waiting, Reader: st.Reader})
			}
		}
	}
}

// eventCount is pcsc-lite's count of card events in the high 16 bits of
// the state: it changes when a card was swapped between two calls.
func eventCount(s scard.StateFlag) uint32 { return uint32(s) >> 16 }

// relist rebuilds the watched states from the reader list, keeping the
// known state of readers still there.
func (m *monitor) relist(ctx context.Context, sc *scard.Context, old []scard.ReaderState) ([]scard.ReaderState, error) {
	names, err := sc.ListReaders()
	if err != nil && !errors.Is(err, scard.ErrNoReadersAvailable) {
		return old, pcscErr(err)
	}
	known := map[string]scard.StateFlag{}
	for _, st := range old {
		known[st.Reader] = st.CurrentState
	}
	states := []scard.ReaderState{{Reader: pnpReader, CurrentState: known[pnpReader]}}
	for _, n := range names {
		if strings.Contains(n, m.only) {
			states = append(states, scard.ReaderState{Reader: n, CurrentState: known[n]})
		}
	}
	for n := range known {
		if n != pnpReader && !hasReader(states, n) {
			delete(m.last, n)
		}
	}
	if len(states) == 1 {
		m.emit(ctx, Event{State: NoReader, Err: ErrNoReader})
	} else {
		delete(m.last, "")
	}
	return states, nil
}

func hasReader(states []scard.ReaderState, name string) bool {
	for _, st := range states {
		if st.Reader == name {
			return true
		}
	}
	return false
}

// read reads the card on st's reader and reports the outcome. It reports
// false when ctx ended.
func (m *monitor) read(ctx context.Context, sc *scard.Context, st *scard.ReaderState) bool {
	if !m.emit(ctx, Event{State: Reading, Reader: st.Reader}) {
		return false
	}
	info, uid, err := m.readOnce(sc, st.Reader)
	ev := Event{State: CardRead, Reader: st.Reader, Card: info, UID: uid, Err: err}
	switch {
	case uid != "":
		ev.State = StaffCard
	case err == nil:
	case errors.Is(err, ErrNotMyNumber):
		ev.State = NotMyNumber
	case !errors.Is(err, ErrRemoved) && !cardLeaves(sc, st.Reader):
		ev.State = Failed
	default:
		ev.State = Removed
		if !errors.Is(err, ErrRemoved) { // an answer cut short by the removal
			ev.Err = step("reading the card", ErrRemoved)
		}
		// The card is gone: the next GetStatusChange must see it as new.
		st.CurrentState = scard.StateEmpty
	}
	return m.emit(ctx, ev)
}

func (m *monitor) readOnce(sc *scard.Context, readerName string) (*CardInfo, string, error) {
	c, err := connect(sc, readerName, scard.LeaveCard)
	if err != nil {
		return nil, "", step("connecting to the card", err)
	}
	defer c.close()
	return ReadCard(c, m.now())
}

// removalGrace is how long a failed read waits to see whether the card
// is leaving: PC/SC drivers poll for presence (pcscd every 400 ms), so an
// APDU cut short by a removal can fail before the removal is known.
const removalGrace = time.Second

// cardLeaves reports whether the card leaves the reader within
// removalGrace, to tell a card taken off in the middle of an APDU from a
// failing card.
func cardLeaves(sc *scard.Context, readerName string) bool {
	st := []scard.ReaderState{{Reader: readerName, CurrentState: scard.StateUnaware}}
	if err := sc.GetStatusChange(st, 0); err != nil || st[0].EventState&scard.StatePresent == 0 {
		return true
	}
	st[0].CurrentState = st[0].EventState
	deadline := time.Now().Add(removalGrace)
	for time.Now().Before(deadline) {
		if err := sc.GetStatusChange(st, time.Until(deadline)); err != nil {
			return false
		}
		if st[0].EventState&scard.StatePresent == 0 {
			return true
		}
		st[0].CurrentState = st[0].EventState
	}
	return false
}
