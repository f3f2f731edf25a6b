package oqs

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
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

// charsets are the declared encodings accepted besides UTF-8 (which
// encoding/xml reads itself); Windows-31J is what Shift_JIS means in practice.
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
// start of data, read as encoding/xml reads it ("" when none).
var declaredEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// utf8BOM may start a UTF-8 document (Windows tools write one).
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 turns the document into UTF-8 for encoding/xml, in one pass (much
// faster than decoding through a reader byte by byte), and checks that the
// bytes are in the encoding the declaration names: UTF-8 bytes declared
// Shift_JIS, Shift_JIS bytes declared UTF-8 and invalid sequences are
// refused, never shown as mojibake or U+FFFD. A document without a
// declaration is UTF-8, or Shift_JIS when it is not UTF-8 but decodes
// cleanly as such (the connector's face files come without one). already
// tells the XML decoder which labels are now UTF-8.
func toUTF8(data []byte) (out []byte, already func(label string) bool, err error) {
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
			return nil, nil, fmt.Errorf("the file starts with a UTF-8 byte order mark but declares %s: its encoding is unclear", label)
		}
		if !isASCII(data) && utf8.Valid(data) {
			return nil, nil, fmt.Errorf("the bytes are UTF-8 but the file declares %s: the encoding is wrong", label)
		}
		out, err := decodeCP932(data)
		if err != nil {
			return nil, nil, fmt.Errorf("the file declares %s but %w", label, err)
		}
		return out, func(l string) bool { return strings.EqualFold(l, label) }, nil
	case label != "" && !strings.EqualFold(label, "UTF-8"):
		return data, none, nil // refused by charsetReader, naming the label
	case !utf8.Valid(data):
		if label != "" || bom {
			return nil, nil, fmt.Errorf("the file declares UTF-8 but has a byte sequence that is not UTF-8 near line %d (Shift_JIS?)", invalidUTF8Line(data))
		}
		out, err := decodeCP932(data)
		if err != nil {
			return nil, nil, fmt.Errorf("the file has no encoding declaration and is neither UTF-8 nor Shift_JIS: %w", err)
		}
		return out, none, nil
	}
	return data, none, nil // a U+FFFD is refused or withheld on the tree (lostError, pruneLost)
}

// decodeCP932 decodes Shift_JIS as Windows writes it (CP932, with the NEC
// and IBM extensions: ① ㈱ 髙 﨑). The decoder replaces an invalid
// sequence with U+FFFD, which Shift_JIS itself cannot hold: one in the
// output is an invalid byte sequence in the input.
func decodeCP932(data []byte) ([]byte, error) {
	// Room for the usual 2 bytes → 3 up front: no copy of a growing buffer.
	out, _, err := transform.Append(japanese.ShiftJIS.NewDecoder(), make([]byte, 0, len(data)*3/2), data)
	if err != nil {
		return nil, fmt.Errorf("the bytes are not valid Shift_JIS: %w", err)
	}
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
		return nil, fmt.Errorf("line %d has a byte sequence that is not Shift_JIS", lineOf(out, i))
	}
	return out, nil
}

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

// charsetReader serves the labels encoding/xml asks for: those toUTF8 has
// decoded already pass through, the others are refused.
func charsetReader(already func(string) bool) func(label string, r io.Reader) (io.Reader, error) {
	return func(label string, r io.Reader) (io.Reader, error) {
		if already(label) {
			return r, nil
		}
		return nil, &encodingError{label}
	}
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
	data, already, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader(already)
	d.Strict = true
	var stack []*node
	var top *node
	var text bytes.Buffer
	names := map[string]string{} // one string per element name, not per element
	var slab []node              // nodes come in blocks, not one allocation each
	// The children of the open elements wait end to end in open (each
	// element's from starts[depth]) and move, exactly sized, into a block
	// of kidSlab when it closes: no slice grows per element.
	var open, kidSlab []*node
	var starts []int
	count := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, describe(err, d, len(stack))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if top != nil && len(stack) == 0 {
				return nil, fmt.Errorf("line %d: a second root element <%s> after </%s>", line(d), t.Name.Local, top.name)
			}
			if len(stack) >= MaxDepth {
				return nil, fmt.Errorf("line %d: elements nested deeper than %d levels: not an OQS result", line(d), MaxDepth)
			}
			if count++; count > MaxElements {
				return nil, fmt.Errorf("more than %d elements: not an OQS result", MaxElements)
			}
			if count%4096 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			name, ok := names[t.Name.Local]
			if !ok {
				name = t.Name.Local
				names[name] = name
			}
			if len(slab) == 0 {
				slab = make([]node, 1024)
			}
			n := &slab[0]
			slab = slab[1:]
			n.name, n.line = name, line(d)
			if len(stack) == 0 {
				if n.name != root {
					return nil, fmt.Errorf("root element is <%s>, expected <%s>: not an OQS result file", n.name, root)
				}
				top = n
			} else {
				open = append(open, n)
			}
			stack = append(stack, n)
			starts = append(starts, len(open))
			text.Reset()
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1].name != t.Name.Local {
				return nil, fmt.Errorf("line %d: unexpected </%s>: the file is not well-formed XML", line(d), t.Name.Local)
			}
			n, from := stack[len(stack)-1], starts[len(starts)-1]
			if kids := open[from:]; len(kids) > 0 {
				if cap(kidSlab)-len(kidSlab) < len(kids) {
					kidSlab = make([]*node, 0, max(4096, len(kids)))
				}
				kidSlab = append(kidSlab, kids...)
				n.kids = kidSlab[len(kidSlab)-len(kids) : len(kidSlab) : len(kidSlab)]
				open = open[:from]
			} else {
				n.text = strings.TrimSpace(text.String())
			}
			stack, starts = stack[:len(stack)-1], starts[:len(starts)-1]
			text.Reset()
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, fmt.Errorf("line %d: text outside the root element: not XML", line(d))
				}
				continue
			}
			text.Write(t)
		case xml.Directive:
			return nil, fmt.Errorf("line %d: the file declares a DTD (<!%s…>); OQS results have none and entities are not expanded", line(d), firstWord(t))
		}
	}
	if top == nil {
		return nil, errors.New("no XML element in the file: not XML")
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("file ends inside <%s>: %w", stack[len(stack)-1].name, errTruncated)
	}
	return top, nil
}

func line(d *xml.Decoder) int { l, _ := d.InputPos(); return l }

func firstWord(b []byte) string {
	s := string(b)
	if i := strings.IndexAny(s, " \t\r\n["); i >= 0 {
		s = s[:i]
	}
	return s
}

// describe turns a decoder error into the problem as a user reads it.
func describe(err error, d *xml.Decoder, depth int) error {
	var se *xml.SyntaxError
	var ee *encodingError
	switch {
	case errors.As(err, &ee):
		return ee
	case errors.Is(err, errTooLarge):
		return err
	case errors.As(err, &se) && depth > 0 && strings.Contains(se.Msg, "unexpected EOF"):
		return fmt.Errorf("file ends at line %d in the middle of the document: %w", se.Line, errTruncated)
	case errors.As(err, &se):
		return fmt.Errorf("line %d: not well-formed XML: %s", se.Line, se.Msg)
	}
	return fmt.Errorf("line %d: %v", line(d), err)
}
