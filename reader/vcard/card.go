// Package vcard is kyukyu's own virtual My Number card: an in-memory card
// answering the JPKI application, and a client of the
// vsmartcard vpcd driver that puts it on a real pcscd reader. Its
// certificates come from a test CA; it is for training and tests only.
package vcard

import (
	"crypto/subtle"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"kyukyu/reader/jpki"
)

// Kind is what card the virtual card pretends to be.
type Kind int

const (
	MyNumber   Kind = iota // a My Number card
	Smartphone             // a smartphone's JPKI (token JPKIAPGPSETOKEN)
	Juki                   // an old 住基カード (token JPKIAPICCTOKEN)
	Foreign                // any other card: no JPKI application
	Staff                  // a staff ID card (職員証, FeliCa): no JPKI application, answers GET DATA with its UID
)

var kinds = map[string]Kind{"mynumber": MyNumber, "smartphone": Smartphone, "juki": Juki, "other": Foreign, "staff": Staff}

// ParseKind reads a -kind flag.
func ParseKind(s string) (Kind, error) {
	if k, ok := kinds[s]; ok {
		return k, nil
	}
	var names []string
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	return 0, fmt.Errorf("unknown card kind %q; one of %s", s, strings.Join(names, ", "))
}

var tokens = map[Kind]string{MyNumber: jpki.TokenMyNumber, Smartphone: jpki.TokenSmartphone, Juki: jpki.TokenJuki}

// foreignATR is a PC/SC storage card (MIFARE Classic 1K through a contactless reader).
var foreignATR = []byte{0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x6A}

// felicaATR is a FeliCa card through a contactless reader (PC/SC part 3), as staff cards often are.
var felicaATR = []byte{0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x11, 0x00, 0x3B, 0x00, 0x00, 0x00, 0x00, 0x42}

// getData is the reader's GET DATA (class FF, INS CA): P1 00 asks the UID.
const getData = 0xCA

// Default PIN and tries of a new card.
const (
	DefaultPIN = "1234"
	MaxTries   = 3
)

// Config describes a virtual card.
type Config struct {
	PatientID string    // the training patient: the certificate serial is training.CardSerial(PatientID)
	PIN       string    // 4 digits; DefaultPIN when empty
	Expired   bool      // the authentication certificate ended 10 days ago
	Kind      Kind      // MyNumber unless set
	UID       []byte    // Staff: the UID the reader gives for GET DATA (4 to 10 bytes)
	Now       time.Time // dates the certificates; time.Now when zero
}

// Stats count what the card was sent.
type Stats struct {
	APDUs          int // command APDUs
	VerifyWithData int // VERIFY carrying a PIN: each one can spend a try
}

// app is an application: its files and its PIN files. kyukyu reads only
// files that need no PIN; the PINs are there because other readers
// (OpenSC) ask their tries, and so the tests can count VERIFY commands.
type app struct {
	files map[uint16][]byte
	pins  map[uint16]*secret
}

// secret is a PIN and its tries counter.
type secret struct {
	value      []byte
	tries, max int
}

// signPIN stands in for the signing PIN (6–16 characters, 5 tries), which
// kyukyu never uses; OpenSC asks its tries.
var signPIN = []byte("TRAINING")

const signTries = 5

// Card is the virtual card. Its methods are safe for concurrent use.
type Card struct {
	mu    sync.Mutex
	atr   []byte
	uid   []byte          // answered to GET DATA; nil: the class is refused, as a contact card does
	apps  map[string]*app // by AID
	pin   *secret         // the 4-digit authentication PIN
	stats Stats

	// volatile: cleared at power on and reset
	cur      *app
	ef       uint16
	hasEF    bool
	verified bool // a PIN of cur was verified
}

// New makes a card. It generates the certificates (the keys once per process).
func New(cfg Config) (*Card, error) {
	if cfg.PIN == "" {
		cfg.PIN = DefaultPIN
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	c := &Card{atr: jpki.ATR, apps: map[string]*app{}, pin: &secret{value: []byte(cfg.PIN), tries: MaxTries, max: MaxTries}}
	switch cfg.Kind {
	case Foreign:
		c.atr = foreignATR
		return c, nil
	case Staff:
		if len(cfg.UID) < 4 || len(cfg.UID) > 10 {
			return nil, fmt.Errorf("vcard: a staff card's UID is 4 to 10 bytes, not %d", len(cfg.UID))
		}
		c.atr, c.uid = felicaATR, append([]byte(nil), cfg.UID...)
		return c, nil
	}
	auth, ca, err := certificates(cfg.PatientID, cfg.Now, cfg.Expired)
	if err != nil {
		return nil, err
	}
	token := []byte(fmt.Sprintf("%-*s", jpki.TokenLen, tokens[cfg.Kind]))
	c.apps[string(jpki.AIDJPKI)] = &app{
		files: map[uint16][]byte{jpki.EFToken: token, jpki.EFAuthCert: auth, jpki.EFAuthCACert: ca},
		pins: map[uint16]*secret{
			jpki.EFAuthPIN: c.pin,
			jpki.EFSignPIN: {value: signPIN, tries: signTries, max: signTries},
		},
	}
	return c, nil
}

// ATR is the card's answer to reset.
func (c *Card) ATR() []byte { return c.atr }

// Stats reports what the card was sent so far.
func (c *Card) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// Tries is the PIN tries left.
func (c *Card) Tries() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pin.tries
}

// SetTries sets the PIN tries left (tests, -tries).
func (c *Card) SetTries(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pin.tries = n
}

// File is the content of an EF of the JPKI AP, as the card holds it.
func (c *Card) File(fid uint16) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a := c.apps[string(jpki.AIDJPKI)]; a != nil {
		return a.files[fid]
	}
	return nil
}

// Truncate keeps only the first n bytes of the authentication certificate.
func (c *Card) Truncate(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a := c.apps[string(jpki.AIDJPKI)]; a != nil && n < len(a.files[jpki.EFAuthCert]) {
		a.files[jpki.EFAuthCert] = a.files[jpki.EFAuthCert][:n]
	}
}

// Reset clears what a power cycle clears: the selection and the verified PIN.
func (c *Card) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur, c.hasEF, c.verified = nil, false, false
}

// instructions is the card's instruction table.
var instructions = map[byte]func(*Card, jpki.Command) ([]byte, uint16){
	jpki.InsSelect:     (*Card).selectFile,
	jpki.InsReadBinary: (*Card).readBinary,
	jpki.InsVerify:     (*Card).verify,
}

// Process answers one command APDU with a response APDU.
func (c *Card) Process(apdu []byte) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.APDUs++
	cmd, err := jpki.Parse(apdu)
	if err != nil {
		return sw(nil, jpki.SWWrongLength)
	}
	if cmd.CLA == 0xFF && cmd.INS == getData && cmd.P1 == 0 && c.uid != nil {
		return sw(c.uid, jpki.SWOK) // the contactless reader answers for the card
	}
	if cmd.CLA != 0x00 {
		return sw(nil, jpki.SWCLANotSupported)
	}
	f, ok := instructions[cmd.INS]
	if !ok {
		return sw(nil, jpki.SWINSNotSupported)
	}
	return sw(f(c, cmd))
}

func sw(data []byte, s uint16) []byte {
	return append(append([]byte(nil), data...), byte(s>>8), byte(s))
}

func (c *Card) selectFile(cmd jpki.Command) ([]byte, uint16) {
	switch cmd.P1 {
	case jpki.SelectByAID:
		a, ok := c.apps[string(cmd.Data)]
		if !ok {
			return nil, jpki.SWFileNotFound
		}
		c.cur, c.hasEF, c.verified = a, false, false
		return nil, jpki.SWOK
	case jpki.SelectEF:
		fid, ok := cmd.FID()
		if !ok {
			return nil, jpki.SWWrongLength
		}
		if c.cur == nil {
			return nil, jpki.SWFileNotFound
		}
		if _, ok := c.cur.files[fid]; !ok && c.cur.pins[fid] == nil {
			return nil, jpki.SWFileNotFound
		}
		c.ef, c.hasEF = fid, true
		return nil, jpki.SWOK
	}
	return nil, jpki.SWWrongP1P2
}

func (c *Card) readBinary(cmd jpki.Command) ([]byte, uint16) {
	if !c.hasEF || c.cur.pins[c.ef] != nil {
		return nil, jpki.SWNoCurrentEF
	}
	file, off := c.cur.files[c.ef], cmd.Offset()
	if off > len(file) {
		return nil, jpki.SWWrongP1P2
	}
	n := min(cmd.Le, len(file)-off)
	if cmd.Le == 0 {
		n = min(jpki.MaxShortLe, len(file)-off)
	}
	if n < cmd.Le {
		return file[off : off+n], jpki.SWEndOfFile
	}
	return file[off : off+n], jpki.SWOK
}

func (c *Card) verify(cmd jpki.Command) ([]byte, uint16) {
	var p *secret
	if c.hasEF {
		p = c.cur.pins[c.ef]
	}
	if p == nil {
		return nil, jpki.SWNoCurrentEF
	}
	if len(cmd.Data) > 0 {
		c.stats.VerifyWithData++
	}
	switch {
	case p.tries == 0:
		return nil, jpki.SWRefDataBlocked
	case len(cmd.Data) == 0 && c.verified:
		return nil, jpki.SWOK
	case len(cmd.Data) == 0:
		return nil, jpki.SWTriesLeft | uint16(p.tries)
	case subtle.ConstantTimeCompare(cmd.Data, p.value) == 1:
		p.tries, c.verified = p.max, true
		return nil, jpki.SWOK
	}
	p.tries--
	c.verified = false
	if p.tries == 0 {
		return nil, jpki.SWBlocked
	}
	return nil, jpki.SWTriesLeft | uint16(p.tries)
}
