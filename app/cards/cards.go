// Package cards tells the window what the card reader did, in the
// window's own terms: the window (package ui) knows nothing of PC/SC.
package cards

import (
	"context"

	"kyukyu/internal/chans"
	"kyukyu/reader"
	"kyukyu/ui/flow"
)

// states are the window's reader states for the reader package's.
var states = map[reader.State]flow.CardState{
	reader.NoService: flow.NoService, reader.NoReader: flow.NoReader, reader.Waiting: flow.Waiting, reader.Reading: flow.Reading,
	reader.CardRead: flow.CardRead, reader.NotMyNumber: flow.NotMyNumber, reader.Removed: flow.Removed, reader.Failed: flow.Failed,
	reader.StaffCard: flow.StaffCard,
}

// expiries are the window's certificate-end kinds for the reader's.
var expiries = map[reader.ExpiryKind]flow.ExpiryKind{
	reader.ExpirySoon: flow.ExpirySoon, reader.ExpiryGrace: flow.ExpiryGrace, reader.ExpiryTooLate: flow.ExpiryTooLate,
}

// Events passes the card watcher's events to the window.
func Events(ctx context.Context, in <-chan reader.Event) <-chan flow.CardEvent {
	return chans.Map(ctx, in, Of)
}

// Of is what the window is told of a reader event.
func Of(ev reader.Event) flow.CardEvent {
	e := flow.CardEvent{State: states[ev.State], Reader: ev.Reader, UID: ev.UID, Err: ev.Err}
	if c := ev.Card; c != nil {
		e.Card = &flow.Card{Identity: c.Identity()}
		if x := c.Expiry; x != nil {
			e.Card.Expiry = &flow.Expiry{Kind: expiries[x.Kind], End: x.End, GraceEnd: x.GraceEnd, DaysLeft: x.DaysLeft}
		}
	}
	return e
}
