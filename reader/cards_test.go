package reader_test

import (
	"testing"

	"kyukyu/reader/vcard"
)

func newCard(t *testing.T, cfg vcard.Config) *vcard.Card {
	t.Helper()
	c, err := vcard.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// noPINSent fails when the card saw a VERIFY carrying a PIN.
func noPINSent(t *testing.T, c *vcard.Card) {
	t.Helper()
	if n := c.Stats().VerifyWithData; n != 0 {
		t.Errorf("the card got %d VERIFY with a PIN though none was typed", n)
	}
}
