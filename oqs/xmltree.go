package oqs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// Limits on a result file. A 5-year, 2,000-row file is about 2 MB; the
// limits leave room for the largest real file while refusing junk early.
const (
	MaxFileSize = 32 << 20
	MaxDepth    = 32
	// MaxElements bounds the tree in memory (about 100 bytes an element):
	// a 5-year record of heavy polypharmacy has about 100,000; 32 MB of empty
	// elements would have 8 million.
	MaxElements = 500_000
)

// errTruncated is a document that ends before its root closes: perhaps
// still being written.
var errTruncated = errors.New("truncated")

// node is an element with its text and children, the whole file in memory
// so that nothing reaches the record before the file has parsed completely.
type node struct {
	name string
	text string
	line int
	kids []*node
}

// child returns the first child named name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// value is the trimmed text of the child named name ("" when absent).
func (n *node) value(name string) string {
	if c := n.child(name); c != nil {
		return c.text
	}
	return ""
}

// all returns the nodes at path below n (every match at each step).
func (n *node) all(path ...string) []*node {
	cur := []*node{n}
	for _, p := range path {
		var next []*node
		for _, c := range cur {
			for _, k := range c.kids {
				if k.name == p {
					next = append(next, k)
				}
			}
		}
		cur = next
	}
	return cur
}

// find returns every descendant named name, in document order (XPath //name).
func (n *node) find(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, k := range m.kids {
			if k.name == name {
				out = append(out, k)
			}
			walk(k)
		}
	}
	walk(n)
	return out
}

// charsets are the declared encodings accepted besides UTF-8; Windows-31J
// is what Shift_JIS means in practice.
var charsets = map[string]bool{
	"shift_jis": true, "shift-jis": true, "sjis": true, "x-sjis": true,
	"windows-31j": true, "cp932": true, "ms_kanji": true, "csshiftjis": true,
}

// encodingError is a declared encoding the exchange does not use.
type encodingError struct{ label string }

func (e *encodingError) Error() string {
	return fmt.Sprintf("unknown encoding %q declared (Shift_JIS and UTF-8 are accepted)", e.label)
}

// declaredEncoding is the encoding label of the XML declaration at the
// start of data ("" when none).
var declaredEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// utf8BOM may start a UTF-8 document (Windows tools write one).
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 turns the document into UTF-8 for scanTree, in one pass (much
// faster than decoding through a reader byte by byte), and checks that the
// bytes are in the encoding the declaration names: UTF-8 bytes declared
// Shift_JIS, Shift_JIS bytes declared UTF-8 and invalid sequences are
// refused, never shown as mojibake or U+FFFD. A document without a
// declaration is UTF-8, or Shift_JIS when it is not UTF-8 but decodes
// cleanly as such (the connector's face files come without one). already
// tells scanTree which declared labels are now UTF-8. The document comes
// back as a string: scanTree's names and texts are substrings of it.
func toUTF8(data []byte) (out string, already func(label string) bool, err error) {
	none := func(string) bool { return false }
	bom := bytes.HasPrefix(data, utf8BOM)
	if bom {
		data = data[len(utf8BOM):]
	}
	label := ""
	if m := declaredEncoding.FindSubmatch(data); m != nil {
		label = string(m[1]) + string(m[2])
	}
	switch {
	case charsets[strings.ToLower(label)]:
		if bom {
			return "", nil, fmt.Errorf("the file starts with a UTF-8 byte order mark but declares %s: its encoding is unclear", label)
		}
		if !isASCII(data) && utf8.Valid(data) {
			return "", nil, fmt.Errorf("the bytes are UTF-8 but the file declares %s: the encoding is wrong", label)
		}
		out, err := decodeCP932(data)
		if err != nil {
			return "", nil, fmt.Errorf("the file declares %s but %w", label, err)
		}
		return out, func(l string) bool { return strings.EqualFold(l, label) }, nil
	case label != "" && !strings.EqualFold(label, "UTF-8"):
		return string(data), none, nil // refused by scanTree, naming the label
	case !utf8.Valid(data):
		if label != "" || bom {
			return "", nil, fmt.Errorf("the file declares UTF-8 but has a byte sequence that is not UTF-8 near line %d (Shift_JIS?)", invalidUTF8Line(data))
		}
		out, err := decodeCP932(data)
		if err != nil {
			return "", nil, fmt.Errorf("the file has no encoding declaration and is neither UTF-8 nor Shift_JIS: %w", err)
		}
		return out, none, nil
	}
	return string(data), none, nil // a U+FFFD is refused or withheld on the tree (lostError, pruneLost)
}

// decodeCP932 decodes Shift_JIS as Windows writes it (CP932, with the NEC
// and IBM extensions: ① ㈱ 髙 﨑), refusing a byte sequence that is not
// Shift_JIS (x/text would put U+FFFD there, which Shift_JIS itself cannot
// hold). A loop over a table of the double-byte characters, built once from
// x/text's decoder, is two to four times as fast as its transform (issue 19).
// The result is a string built in place: no copy of the document.
func decodeCP932(data []byte) (string, error) {
	pairs := cp932Pairs()
	var out strings.Builder
	out.Grow(len(data) * 3 / 2) // the usual 2 bytes → 3: no regrowth
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			j := i + 1
			for j < len(data) && data[j] < utf8.RuneSelf {
				j++
			}
			out.Write(data[i:j])
			i = j
			continue
		}
		r, n := utf8.RuneError, 1
		switch {
		case 0xA1 <= c && c <= 0xDF: // half-width katakana
			r = rune(c) + 0xFF61 - 0xA1
		case c == 0x80:
			r = 0x80
		case i+1 < len(data):
			if k := cp932Index(c, data[i+1]); k >= 0 {
				r, n = pairs[k], 2
			}
		case cp932Index(c, 0x40) >= 0:
			// A lead byte last: a file cut while being written.
			return "", fmt.Errorf("it ends inside a double-byte character: %w", errTruncated)
		}
		if r == utf8.RuneError {
			return "", fmt.Errorf("line %d has a byte sequence that is not Shift_JIS", strings.Count(out.String(), "\n")+1)
		}
		out.WriteRune(r)
		i += n
	}
	return out.String(), nil
}

// cp932Index is the place of a double-byte character in cp932Pairs, or -1
// when lead and trail cannot be one.
func cp932Index(lead, trail byte) int {
	var l, t int
	switch {
	case 0x81 <= lead && lead <= 0x9F:
		l = int(lead) - 0x81
	case 0xE0 <= lead && lead <= 0xFC:
		l = int(lead) - 0xE0 + 0x1F
	default:
		return -1
	}
	switch {
	case 0x40 <= trail && trail <= 0x7E:
		t = int(trail) - 0x40
	case 0x80 <= trail && trail <= 0xFC:
		t = int(trail) - 0x80 + 0x3F
	default:
		return -1
	}
	return l*188 + t
}

// cp932Pairs holds what x/text decodes each double-byte sequence to
// (U+FFFD where nothing).
var cp932Pairs = sync.OnceValue(func() []rune {
	pairs := make([]rune, 60*188)
	dec := japanese.ShiftJIS.NewDecoder()
	for lead := 0x81; lead <= 0xFC; lead++ {
		for trail := 0x40; trail <= 0xFC; trail++ {
			k := cp932Index(byte(lead), byte(trail))
			if k < 0 {
				continue
			}
			pairs[k] = utf8.RuneError
			b, err := dec.Bytes([]byte{byte(lead), byte(trail)})
			if r, n := utf8.DecodeRune(b); err == nil && n == len(b) {
				pairs[k] = r
			}
		}
	}
	return pairs
})

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// lineOf is the 1-based line of byte offset i.
func lineOf(b []byte, i int) int { return bytes.Count(b[:i], []byte("\n")) + 1 }

// invalidUTF8Line is the line of the first byte that is not UTF-8.
func invalidUTF8Line(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return lineOf(b, i)
		}
		i += n
	}
	return 0
}

// errTooLarge is returned by limitedReader past MaxFileSize.
var errTooLarge = fmt.Errorf("file is larger than %d MB: not an OQS result", MaxFileSize>>20)

type limitedReader struct {
	r    io.Reader
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// readTree parses a whole XML document, refusing DTDs (so no entity can
// expand), nesting deeper than MaxDepth, input beyond MaxFileSize and any
// well-formedness error. The root must be named root.
func readTree(r io.Reader, root string) (*node, error) {
	data, err := io.ReadAll(&limitedReader{r: r, left: MaxFileSize})
	if errors.Is(err, errTooLarge) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %w", err)
	}
	return parseTree(context.Background(), data, root)
}

// parseTree is readTree of a document already in memory; it stops when
// ctx ends (Ctrl+C during a long parse). A character lost by an earlier
// conversion (U+FFFD) anywhere refuses the document.
func parseTree(ctx context.Context, data []byte, root string) (*node, error) {
	top, err := buildTree(ctx, data, root)
	if err != nil || !mayHoldLost(data) {
		return top, err
	}
	return top, lostError(top)
}

// mayHoldLost says whether the tree of data can hold U+FFFD: only its UTF-8
// bytes or a character reference put one there (Shift_JIS has none, and
// decodeCP932 refuses one), so most files skip the walks of lostAt.
func mayHoldLost(data []byte) bool {
	return bytes.Contains(data, []byte(string(utf8.RuneError))) || bytes.Contains(data, []byte("&#"))
}

// lostError refuses a tree that still holds U+FFFD, naming its line.
func lostError(n *node) error {
	if l := lostAt(n); l != nil {
		return fmt.Errorf("line %d holds U+FFFD, a character lost by an earlier conversion: ask for the file again", l.line)
	}
	return nil
}

// lostAt is the first node whose text holds U+FFFD, or nil.
func lostAt(n *node) *node {
	if strings.ContainsRune(n.text, utf8.RuneError) {
		return n
	}
	for _, k := range n.kids {
		if l := lostAt(k); l != nil {
			return l
		}
	}
	return nil
}

// pruneLost removes the rows of units (a drug row, a procedure, a checkup
// item, a month whose institution is unreadable) that hold U+FFFD,
// innermost first, and says which by line: a lost character costs only
// its row (issue 19).
func pruneLost(n *node, units map[string]bool) (withheld []string) {
	kept := n.kids[:0]
	for _, k := range n.kids {
		withheld = append(withheld, pruneLost(k, units)...)
		if units[k.name] && lostAt(k) != nil {
			withheld = append(withheld, fmt.Sprintf("line %d: <%s> holds U+FFFD, a character lost by an earlier conversion: not shown", k.line, k.name))
			continue
		}
		kept = append(kept, k)
	}
	n.kids = kept
	return withheld
}

// buildTree is parseTree without the check for lost characters.
func buildTree(ctx context.Context, data []byte, root string) (*node, error) {
	doc, already, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	return scanTree(ctx, doc, already, root)
}
