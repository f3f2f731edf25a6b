package jpki

import (
	"errors"
	"fmt"
)

// Tags of EF 0002 of the 券面事項入力補助AP.
const (
	TagAttributes uint16 = 0xFF20 // the whole record
	TagHeader     uint16 = 0xDF21
	TagName       uint16 = 0xDF22 // UTF-8
	TagAddress    uint16 = 0xDF23
	TagBirth      uint16 = 0xDF24
	TagSex        uint16 = 0xDF25 // ISO 5218: 1 male, 2 female, 9 not applicable
)

// Attributes are the four attributes printed on the card (基本4情報).
type Attributes struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Birth   string `json:"birth"` // as the card stores it
	Sex     string `json:"sex"`   // ISO 5218 digit
}

// fields is the order of the four attributes in EF 0002, as data.
var fields = []struct {
	tag uint16
	get func(*Attributes) *string
}{
	{TagName, func(a *Attributes) *string { return &a.Name }},
	{TagAddress, func(a *Attributes) *string { return &a.Address }},
	{TagBirth, func(a *Attributes) *string { return &a.Birth }},
	{TagSex, func(a *Attributes) *string { return &a.Sex }},
}

// ErrTLV is EF 0002 content that is not the expected TLV.
var ErrTLV = errors.New("attributes are not a valid FF20 record")

// HeaderLen reports the length of the TLV header (2-byte tag and BER
// length) at the start of b, and the length of the value that follows.
func HeaderLen(b []byte, tagLen int) (hdr, value int, err error) {
	if len(b) < tagLen+1 {
		return 0, 0, ErrTLV
	}
	l := b[tagLen]
	if l < 0x80 {
		return tagLen + 1, int(l), nil
	}
	n := int(l & 0x7F)
	if n == 0 || n > 3 || len(b) < tagLen+1+n {
		return 0, 0, ErrTLV
	}
	v := 0
	for _, x := range b[tagLen+1 : tagLen+1+n] {
		v = v<<8 | int(x)
	}
	return tagLen + 1 + n, v, nil
}

func appendTLV(dst []byte, tag uint16, value []byte) []byte {
	dst = append(dst, byte(tag>>8), byte(tag))
	switch n := len(value); {
	case n < 0x80:
		dst = append(dst, byte(n))
	case n <= 0xFF:
		dst = append(dst, 0x81, byte(n))
	default:
		dst = append(dst, 0x82, byte(n>>8), byte(n))
	}
	return append(dst, value...)
}

// EncodeAttributes builds EF 0002 content.
func EncodeAttributes(a Attributes) []byte {
	inner := appendTLV(nil, TagHeader, []byte{0, 0, 0})
	for _, f := range fields {
		inner = appendTLV(inner, f.tag, []byte(*f.get(&a)))
	}
	return appendTLV(nil, TagAttributes, inner)
}

// DecodeAttributes reads EF 0002 content.
func DecodeAttributes(b []byte) (Attributes, error) {
	var a Attributes
	if len(b) < 2 || uint16(b[0])<<8|uint16(b[1]) != TagAttributes {
		return a, ErrTLV
	}
	hdr, n, err := HeaderLen(b, 2)
	if err != nil || hdr+n > len(b) {
		return a, ErrTLV
	}
	seen := map[uint16]string{}
	for rest := b[hdr : hdr+n]; len(rest) > 0; {
		if len(rest) < 2 {
			return a, ErrTLV
		}
		tag := uint16(rest[0])<<8 | uint16(rest[1])
		h, vn, err := HeaderLen(rest, 2)
		if err != nil || h+vn > len(rest) {
			return a, ErrTLV
		}
		seen[tag] = string(rest[h : h+vn])
		rest = rest[h+vn:]
	}
	for _, f := range fields {
		v, ok := seen[f.tag]
		if !ok {
			return a, fmt.Errorf("%w: tag %04X missing", ErrTLV, f.tag)
		}
		*f.get(&a) = v
	}
	return a, nil
}
