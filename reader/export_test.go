package reader

import "github.com/ebfe/scard"

// Conn is a card on a named reader, for the benchmark's read without the
// monitor. Close resets the card.
type Conn struct {
	sc *scard.Context
	*pcscCard
}

// Connect opens the card on readerName.
func Connect(readerName string) (*Conn, error) {
	sc, err := scard.EstablishContext()
	if err != nil {
		return nil, pcscErr(err)
	}
	c, err := connect(sc, readerName, scard.ResetCard)
	if err != nil {
		sc.Release()
		return nil, err
	}
	return &Conn{sc: sc, pcscCard: c}, nil
}

// Close resets the card and releases the PC/SC context.
func (c *Conn) Close() error {
	c.close()
	return pcscErr(c.sc.Release())
}
