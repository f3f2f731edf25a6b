package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// writeJSON is the indented JSON every -json flag prints: what
// json.Encoder with SetIndent("", "  ") prints, byte for byte. The encoder
// indents a second copy of the whole text with a byte-by-byte scanner, most
// of the time of the summary of a long receipt file (issue 19).
func writeJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeIndented(w, b)
}

// indentChunk is how much indented text writeIndented hands w at a time.
const indentChunk = 64 << 10

// newlines are a line break and the indentation of the levels below
// len(newlines)/2: one append per line.
var newlines = "\n" + strings.Repeat("  ", 32)

// writeIndented writes compact JSON (json.Marshal's: no space outside
// strings) as json.Indent with no prefix and an indent of two spaces does,
// then a line break, as json.Encoder: a line per element and member, ": "
// after a name, an empty object or array kept as {} or [].
func writeIndented(w io.Writer, src []byte) error {
	out := make([]byte, 0, indentChunk+len(newlines))
	depth := 0
	newline := func() {
		if n := 1 + 2*depth; n <= len(newlines) {
			out = append(out, newlines[:n]...)
			return
		}
		out = append(out, '\n')
		for range depth {
			out = append(out, "  "...)
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"': // a string is copied whole, through its closing quote
			j := i + 1
			for {
				k := bytes.IndexByte(src[j:], '"')
				if k < 0 {
					j = len(src) - 1
					break
				}
				j += k
				b := j - 1 // stops at the opening quote
				for src[b] == '\\' {
					b--
				}
				if (j-1-b)%2 == 0 { // an even run of backslashes before it: the quote is not escaped
					break
				}
				j++
			}
			out = append(out, src[i:j+1]...)
			i = j
		case '{', '[':
			out = append(out, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				out = append(out, src[i+1])
				i++
				break
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			out = append(out, c)
		case ',':
			out = append(out, c)
			newline()
		case ':':
			out = append(out, ": "...)
		default:
			out = append(out, c)
		}
		if len(out) >= indentChunk {
			if _, err := w.Write(out); err != nil {
				return err
			}
			out = out[:0]
		}
	}
	_, err := w.Write(append(out, '\n'))
	return err
}
