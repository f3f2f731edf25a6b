// Package jpki names, once, what the My Number card speaks: the application
// identifiers, file identifiers, instructions and status words, and the
// APDU builders. Both the reader and the virtual card use it, so they
// cannot drift apart. kyukyu reads only what needs no PIN.
package jpki

import (
	"errors"
	"fmt"
)

// ATR is the answer to reset OpenSC knows as a JPKI card.
var ATR = []byte{0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14}

// Application identifiers.
var (
	AIDJPKI = []byte{0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01} // 公的個人認証 AP
)

// Elementary files of the JPKI AP.
const (
	EFToken      uint16 = 0x0006 // token name, TokenLen bytes, space padded
	EFAuthCert   uint16 = 0x000A // 利用者証明用 certificate: no PIN
	EFAuthCACert uint16 = 0x000B // its CA certificate: no PIN
	EFAuthPIN    uint16 = 0x0018 // authentication PIN (4 digits)
	EFSignPIN    uint16 = 0x001B // signing PIN (6–16 characters): kyukyu never uses it
)

// Tokens in EF 0006.
const (
	TokenLen        = 0x20
	TokenMyNumber   = "JPKIAPICCTOKEN2" // My Number card
	TokenSmartphone = "JPKIAPGPSETOKEN" // スマホ用電子証明書
	TokenJuki       = "JPKIAPICCTOKEN"  // 住民基本台帳カード
)

// Instructions.
const (
	InsSelect      byte = 0xA4
	InsReadBinary  byte = 0xB0
	InsVerify      byte = 0x20
	InsGetResponse byte = 0xC0
)

// SELECT parameters.
const (
	SelectByAID byte = 0x04
	SelectEF    byte = 0x02
	SelectNoFCI byte = 0x0C
	VerifyLocal byte = 0x80 // P2 of VERIFY: the PIN of the selected application
)

// Status words.
const (
	SWOK              uint16 = 0x9000
	SWEndOfFile       uint16 = 0x6282 // fewer bytes than Le
	SWTriesLeft       uint16 = 0x63C0 // low nibble: tries left
	SWWrongLength     uint16 = 0x6700
	SWBlocked         uint16 = 0x6983 // authentication method blocked
	SWRefDataBlocked  uint16 = 0x6984 // reference data not usable
	SWNoCurrentEF     uint16 = 0x6986
	SWFileNotFound    uint16 = 0x6A82
	SWWrongP1P2       uint16 = 0x6B00 // offset outside the file
	SWINSNotSupported uint16 = 0x6D00
	SWCLANotSupported uint16 = 0x6E00
	swMoreData        byte   = 0x61 // 61 xx: GET RESPONSE xx
	swWrongLe         byte   = 0x6C // 6C xx: repeat with Le xx
)

// MaxShortLe is the most a short READ BINARY returns (Le 00).
const MaxShortLe = 256

// SelectAID builds SELECT DF by AID without FCI.
func SelectAID(aid []byte) []byte {
	return append([]byte{0x00, InsSelect, SelectByAID, SelectNoFCI, byte(len(aid))}, aid...)
}

// SelectFile builds SELECT EF by file identifier without FCI.
func SelectFile(fid uint16) []byte {
	return []byte{0x00, InsSelect, SelectEF, SelectNoFCI, 0x02, byte(fid >> 8), byte(fid)}
}

// ReadBinary builds READ BINARY of n (1..256) bytes at off of the current EF.
func ReadBinary(off, n int) []byte {
	return []byte{0x00, InsReadBinary, byte(off >> 8), byte(off), byte(n)} // n 256 → Le 00
}

// GetResponse builds GET RESPONSE of n bytes.
func GetResponse(n byte) []byte { return []byte{0x00, InsGetResponse, 0x00, 0x00, n} }

// MoreData reports a 61 xx status: xx more bytes wait for GET RESPONSE.
func MoreData(sw uint16) (byte, bool) { return byte(sw), byte(sw>>8) == swMoreData }

// WrongLe reports a 6C xx status: repeat the command with Le xx.
func WrongLe(sw uint16) (byte, bool) { return byte(sw), byte(sw>>8) == swWrongLe }

// Split separates a response APDU into data and status word.
func Split(resp []byte) ([]byte, uint16, error) {
	if len(resp) < 2 {
		return nil, 0, fmt.Errorf("card answered %d bytes, not a response APDU", len(resp))
	}
	n := len(resp) - 2
	return resp[:n], uint16(resp[n])<<8 | uint16(resp[n+1]), nil
}

// Command is a parsed short command APDU (ISO 7816-4 cases 1–4).
type Command struct {
	CLA, INS, P1, P2 byte
	Data             []byte
	Le               int // 0 when absent; 256 for Le 00
}

// errMalformed is a command APDU whose lengths do not add up.
var errMalformed = errors.New("malformed command APDU")

// Parse reads a short command APDU.
func Parse(b []byte) (Command, error) {
	if len(b) < 4 {
		return Command{}, errMalformed
	}
	c := Command{CLA: b[0], INS: b[1], P1: b[2], P2: b[3]}
	body := b[4:]
	switch {
	case len(body) == 0:
	case len(body) == 1:
		c.Le = leOf(body[0])
	case int(body[0])+1 == len(body) && body[0] != 0:
		c.Data = body[1:]
	case int(body[0])+2 == len(body) && body[0] != 0:
		c.Data = body[1 : len(body)-1]
		c.Le = leOf(body[len(body)-1])
	default:
		return Command{}, errMalformed
	}
	return c, nil
}

func leOf(b byte) int {
	if b == 0 {
		return MaxShortLe
	}
	return int(b)
}

// FID is the file identifier in the data of a SELECT EF.
func (c Command) FID() (uint16, bool) {
	if len(c.Data) != 2 {
		return 0, false
	}
	return uint16(c.Data[0])<<8 | uint16(c.Data[1]), true
}

// Offset is the READ BINARY offset (15 bits; P1 bit 8 would mean a short EF id).
func (c Command) Offset() int { return int(c.P1&0x7F)<<8 | int(c.P2) }
