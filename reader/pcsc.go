package reader

import (
	"errors"
	"fmt"
	"sort"

	"github.com/ebfe/scard"
)

// pcscErrors maps PC/SC errors to what a person can act on.
var pcscErrors = map[scard.Error]error{
	scard.ErrRemovedCard:        ErrRemoved,
	scard.ErrNoSmartcard:        ErrRemoved,
	scard.ErrResetCard:          fmt.Errorf("%w (another program reset it)", ErrRemoved),
	scard.ErrReaderUnavailable:  fmt.Errorf("%w (the reader was unplugged)", ErrRemoved),
	scard.ErrNoService:          ErrNoService,
	scard.ErrServiceStopped:     ErrNoService,
	scard.ErrCommError:          fmt.Errorf("%w (the connection to it broke)", ErrNoService),
	scard.ErrNoReadersAvailable: ErrNoReader,
	scard.ErrUnresponsiveCard:   errors.New("the card does not answer: put it on the reader again, chip side as the reader shows"),
	scard.ErrUnpoweredCard:      errors.New("the card is not powered: put it on the reader again"),
	scard.ErrSharingViolation:   errors.New("another program holds the card: close it and put the card on again"),
}

// pcscErr wraps a PC/SC error so errors.Is finds ErrRemoved, ErrNoService, ...
func pcscErr(err error) error {
	var se scard.Error
	if !errors.As(err, &se) {
		return err
	}
	if e, ok := pcscErrors[se]; ok {
		return e
	}
	return fmt.Errorf("PC/SC: %w", err)
}

// pcscCard is a card on a PC/SC reader, held in a transaction so no other
// program changes the selected file in the middle of a read.
type pcscCard struct {
	card *scard.Card
	disp scard.Disposition
}

func connect(sc *scard.Context, readerName string, disp scard.Disposition) (*pcscCard, error) {
	card, err := sc.Connect(readerName, scard.ShareShared, scard.ProtocolAny)
	if err != nil {
		return nil, pcscErr(err)
	}
	if err := card.BeginTransaction(); err != nil {
		card.Disconnect(scard.LeaveCard)
		return nil, pcscErr(err)
	}
	return &pcscCard{card: card, disp: disp}, nil
}

func (p *pcscCard) Transmit(cmd []byte) ([]byte, error) {
	resp, err := p.card.Transmit(cmd)
	return resp, pcscErr(err)
}

func (p *pcscCard) ATR() ([]byte, error) {
	st, err := p.card.Status()
	if err != nil {
		return nil, pcscErr(err)
	}
	return st.Atr, nil
}

func (p *pcscCard) close() {
	p.card.EndTransaction(p.disp)
	p.card.Disconnect(p.disp)
}

// ReaderInfo is a reader and its card, for `kyukyu card readers`.
type ReaderInfo struct {
	Name    string
	Present bool   // a card is on it
	ATR     []byte // of that card
}

// Readers lists the readers and whether a card is on each.
func Readers() ([]ReaderInfo, error) {
	sc, err := scard.EstablishContext()
	if err != nil {
		return nil, pcscErr(err)
	}
	defer sc.Release()
	names, err := sc.ListReaders()
	if err != nil {
		return nil, pcscErr(err)
	}
	sort.Strings(names)
	states := make([]scard.ReaderState, len(names))
	for i, n := range names {
		states[i] = scard.ReaderState{Reader: n, CurrentState: scard.StateUnaware}
	}
	if err := sc.GetStatusChange(states, 0); err != nil {
		return nil, pcscErr(err)
	}
	infos := make([]ReaderInfo, len(names))
	for i, st := range states {
		infos[i] = ReaderInfo{Name: st.Reader, Present: st.EventState&scard.StatePresent != 0, ATR: st.Atr}
	}
	return infos, nil
}
