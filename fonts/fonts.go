// Package fonts embeds BIZ UDGothic (Morisawa, SIL OFL 1.1; see OFL.txt), the
// universal-design Japanese gothic that both the printed summary and the
// window use, so that the binary needs no font installed on the machine.
// The files are Debian's fonts-morisawa-bizud-gothic, unmodified.
package fonts

import (
	_ "embed"
)

// Regular is BIZUDGothic-Regular.ttf.
//
//go:embed BIZUDGothic-Regular.ttf
var Regular []byte

// Bold is BIZUDGothic-Bold.ttf.
//
//go:embed BIZUDGothic-Bold.ttf
var Bold []byte

// License is the SIL Open Font License text that must travel with the fonts.
//
//go:embed OFL.txt
var License string

// Family is the font family name, for the PDF and for the GUI theme.
const Family = "BIZ UDGothic"
