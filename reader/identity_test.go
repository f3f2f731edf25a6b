package reader_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"kyukyu/reader"
	"kyukyu/reader/jpki"
	"kyukyu/reader/vcard"
	"kyukyu/summary"
	"kyukyu/summary/alerttext"
	"kyukyu/training"
)

// memCard is the virtual card in memory, recording what it was sent.
type memCard struct {
	*vcard.Card
	sent [][]byte
}

func (m *memCard) Transmit(cmd []byte) ([]byte, error) {
	m.sent = append(m.sent, append([]byte(nil), cmd...))
	return m.Process(cmd), nil
}

func (m *memCard) ATR() ([]byte, error) { return m.Card.ATR(), nil }

func mem(t *testing.T, cfg vcard.Config) *memCard {
	t.Helper()
	return &memCard{Card: newCard(t, cfg)}
}

func TestReadIdentityInMemory(t *testing.T) {
	c := mem(t, vcard.Config{PatientID: "shinryo-taro"})
	info, err := reader.ReadIdentity(c, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if info.Serial != training.CardSerial("shinryo-taro").Text(16) || !bytes.Equal(info.Cert, c.File(jpki.EFAuthCert)) {
		t.Errorf("info %+v", info)
	}
	// SELECT AP, SELECT token, READ token, SELECT cert, then whole 256-byte chunks.
	chunks := (len(info.Cert) + jpki.MaxShortLe - 1) / jpki.MaxShortLe
	if len(c.sent) != 4+chunks {
		t.Errorf("%d APDUs for a %d-byte certificate, want %d", len(c.sent), len(info.Cert), 4+chunks)
	}
	if info.NotAfter.Location() != summary.Tokyo {
		t.Errorf("notAfter in %v, want Asia/Tokyo", info.NotAfter.Location())
	}
}

// The certificate's end as data, in the CLI's words (alerttext's English).
func TestExpiryWarnings(t *testing.T) {
	notAfter := time.Date(2026, 3, 10, 0, 0, 0, 0, summary.Tokyo)
	for _, tc := range []struct {
		now  time.Time
		want string // "" for no warning
	}{
		{notAfter.AddDate(0, 0, -91), ""},
		{notAfter.AddDate(0, 0, -30), "expires on 2026-03-10 (in 30 days)"},
		{notAfter.AddDate(0, 0, 10), "still usable for insurance qualification until 2026-06-10"},
		{notAfter.AddDate(0, 4, 0), "ended on 2026-06-10"},
	} {
		var ws []string
		if e := reader.ExpiryOf(notAfter, tc.now); e != nil {
			ws = append(ws, alerttext.CardExpiry(string(e.Kind), e.End, e.GraceEnd, e.DaysLeft, alerttext.Language("en")))
		}
		if tc.want == "" && len(ws) != 0 || tc.want != "" && (len(ws) != 1 || !strings.Contains(ws[0], tc.want)) {
			t.Errorf("on %s: %q, want %q", tc.now.Format(time.DateOnly), ws, tc.want)
		}
	}
}

func TestTruncatedCertificateFails(t *testing.T) {
	c := mem(t, vcard.Config{PatientID: "x"})
	c.Truncate(300)
	_, err := reader.ReadIdentity(c, time.Now())
	if err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("err %v", err)
	}
}
