package jpki

import "errors"

// errTLV is a TLV header that does not add up.
var errTLV = errors.New("not a valid TLV header")

// HeaderLen reports the length of the TLV header (2-byte tag and BER
// length) at the start of b, and the length of the value that follows.
func HeaderLen(b []byte, tagLen int) (hdr, value int, err error) {
	if len(b) < tagLen+1 {
		return 0, 0, errTLV
	}
	l := b[tagLen]
	if l < 0x80 {
		return tagLen + 1, int(l), nil
	}
	n := int(l & 0x7F)
	if n == 0 || n > 3 || len(b) < tagLen+1+n {
		return 0, 0, errTLV
	}
	v := 0
	for _, x := range b[tagLen+1 : tagLen+1+n] {
		v = v<<8 | int(x)
	}
	return tagLen + 1 + n, v, nil
}
