package reader

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"time"

	"kyukyu/reader/jpki"
	"kyukyu/summary"
)

// tokenRefusals says, per JPKI token that is not a My Number card, what
// the person at the reader should do.
var tokenRefusals = map[string]string{
	jpki.TokenSmartphone: "this is a smartphone's electronic certificate (スマホ用電子証明書); kyukyu reads the My Number card itself: ask for the card",
	jpki.TokenJuki:       "this is an old Basic Resident Register card (住民基本台帳カード); ask for the My Number card or the health insurance card",
}

// ReadIdentity reads what a My Number card gives without a PIN: the JPKI
// token and the authentication certificate. now dates the warnings.
func ReadIdentity(c Card, now time.Time) (*CardInfo, error) {
	if err := selectAID(c, jpki.AIDJPKI, "JPKI application"); err != nil {
		return nil, err
	}
	if _, err := command(c, jpki.SelectFile(jpki.EFToken)); err != nil {
		return nil, step("selecting the token", err)
	}
	raw, err := command(c, jpki.ReadBinary(0, jpki.TokenLen))
	if err != nil {
		return nil, step("reading the token", err)
	}
	token := string(bytes.TrimRight(raw, " \x00"))
	if token != jpki.TokenMyNumber {
		why, ok := tokenRefusals[token]
		if !ok {
			why = fmt.Sprintf("unknown JPKI token %q", token)
		}
		return nil, fmt.Errorf("%w: %s", ErrNotMyNumber, why)
	}
	der, err := readFile(c, jpki.EFAuthCert, 1, "the certificate")
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, step("parsing the certificate", err)
	}
	sum := sha256.Sum256(der)
	return &CardInfo{
		Token:      token,
		Serial:     cert.SerialNumber.Text(16),
		NotBefore:  cert.NotBefore.In(summary.Tokyo),
		NotAfter:   cert.NotAfter.In(summary.Tokyo),
		Issuer:     cert.Issuer.String(),
		CertSHA256: hex.EncodeToString(sum[:]),
		Cert:       der,
		Expiry:     ExpiryOf(cert.NotAfter, now),
	}, nil
}

// Expiry thresholds (domain.md §3).
const (
	expiryNoticeDays = 90 // warn this many days ahead
	graceMonths      = 3  // usable for insurance qualification after expiry
)

// ExpiryKind is where a certificate stands against its end (domain.md §3).
type ExpiryKind string

const (
	ExpirySoon    ExpiryKind = "soon"     // ends within the notice days
	ExpiryGrace   ExpiryKind = "grace"    // ended; still usable for insurance qualification until GraceEnd
	ExpiryTooLate ExpiryKind = "too-late" // ended, and so did the grace months
)

// Expiry is the certificate's end as data: alerttext.CardExpiry words it
// for the screen and the CLI.
type Expiry struct {
	Kind     ExpiryKind   `json:"kind"`
	End      summary.Date `json:"end"`
	GraceEnd summary.Date `json:"graceEnd"`
	DaysLeft int          `json:"daysLeft,omitempty"` // ExpirySoon: days from now to End
}

// ExpiryOf is where a certificate that ends at notAfter stands as of now,
// in Japan dates; nil when its end is further than the notice days.
func ExpiryOf(notAfter, now time.Time) *Expiry {
	graceEnd := notAfter.In(summary.Tokyo).AddDate(0, graceMonths, 0)
	e := &Expiry{End: summary.DateOf(notAfter), GraceEnd: summary.DateOf(graceEnd)}
	today := summary.DateOf(now)
	switch {
	case !now.Before(graceEnd):
		e.Kind = ExpiryTooLate
	case !now.Before(notAfter):
		e.Kind = ExpiryGrace
	case today.DaysUntil(e.End) <= expiryNoticeDays:
		e.Kind, e.DaysLeft = ExpirySoon, today.DaysUntil(e.End)
	default:
		return nil
	}
	return e
}
