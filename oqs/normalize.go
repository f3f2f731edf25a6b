package oqs

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// dashes are the hyphen-like characters that occur in 記号/番号 as the
// connector and people write them, after NFKC (which leaves most of them
// distinct and turns a half-width ｰ into ー, never part of a number).
const dashes = "-‐‑‒–—―−ー"

// matchKey is a value as compared when identifying a patient: NFKC (so
// half-width kana and full-width digits meet their common forms), without
// spaces of any width. The original text stays for display.
func matchKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
}

// numberKey is matchKey of an insurance number, also without hyphens and
// without the left padding of an 8-character insurer field.
func numberKey(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(dashes, r) {
			return -1
		}
		return r
	}, matchKey(s))
}
