package oqs

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanTree reads the XML subset result files use into a tree: elements,
// attributes (checked, not kept), text, CDATA, comments and processing
// instructions, character references and the five predefined entities; a
// DTD is refused, so no entity can expand. It accepts what encoding/xml in
// strict mode accepts (FuzzScanTree holds it to that) except names that
// are not ASCII, which OQS never uses; it exists because encoding/xml
// spent half the parse of a large record allocating tokens (issue 19).
// doc is UTF-8 (toUTF8); already says which declared labels it was
// decoded from. Names and texts are substrings of doc, so an element costs
// no allocation of its own.
func scanTree(ctx context.Context, doc string, already func(string) bool, root string) (*node, error) {
	sc := &scanner{s: doc, line: 1, already: already}
	var stack []*node
	var top *node
	var text string    // the open element's text so far, while one piece
	var textBuf []byte // and when several (text around a comment or CDATA)
	pieces := 0
	var slab []node // nodes come in blocks, not one allocation each
	// The children of the open elements wait end to end in open (each
	// element's from starts[depth]) and move, exactly sized, into a block
	// of kidSlab when it closes: no slice grows per element.
	var open, kidSlab []*node
	var starts []int
	count := 0
	closeTop := func() {
		n, from := stack[len(stack)-1], starts[len(starts)-1]
		if kids := open[from:]; len(kids) > 0 {
			if cap(kidSlab)-len(kidSlab) < len(kids) {
				kidSlab = make([]*node, 0, max(4096, len(kids)))
			}
			kidSlab = append(kidSlab, kids...)
			n.kids = kidSlab[len(kidSlab)-len(kids) : len(kidSlab) : len(kidSlab)]
			open = open[:from]
		} else {
			if pieces > 1 {
				text = string(textBuf)
			}
			n.text = strings.TrimSpace(text)
		}
		stack, starts = stack[:len(stack)-1], starts[:len(starts)-1]
		text, pieces = "", 0
	}
	for sc.i < len(sc.s) {
		sc.depth = len(stack)
		t, err := sc.next()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case startTag:
			if top != nil && len(stack) == 0 {
				return nil, fmt.Errorf("line %d: a second root element <%s> after </%s>", sc.lineAt(sc.i), t.name, top.name)
			}
			if len(stack) >= MaxDepth {
				return nil, fmt.Errorf("line %d: elements nested deeper than %d levels: not an OQS result", sc.lineAt(sc.i), MaxDepth)
			}
			if count++; count > MaxElements {
				return nil, fmt.Errorf("more than %d elements: not an OQS result", MaxElements)
			}
			if count%4096 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if len(slab) == 0 {
				slab = make([]node, 1024)
			}
			n := &slab[0]
			slab = slab[1:]
			n.name, n.line = t.name, sc.lineAt(sc.i)
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
			text, pieces = "", 0
			if t.empty {
				closeTop()
			}
		case endTag:
			if len(stack) == 0 || stack[len(stack)-1].name != t.name {
				return nil, fmt.Errorf("line %d: unexpected </%s>: the file is not well-formed XML", sc.lineAt(sc.i), t.name)
			}
			closeTop()
		case charData:
			if len(stack) == 0 {
				if strings.TrimSpace(t.text) != "" {
					return nil, fmt.Errorf("line %d: text outside the root element: not XML", sc.lineAt(sc.i))
				}
				continue
			}
			switch pieces {
			case 0:
				text = t.text
			case 1:
				textBuf = append(append(textBuf[:0], text...), t.text...)
			default:
				textBuf = append(textBuf, t.text...)
			}
			pieces++
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

type tokenKind int

const (
	startTag tokenKind = iota
	endTag
	charData
	other // a comment or a processing instruction
)

type token struct {
	kind  tokenKind
	name  string // a tag's local name (after "prefix:")
	text  string // charData, entities replaced
	empty bool   // <name/>
}

// scanner walks the document once; positions are byte offsets into s.
type scanner struct {
	s       string
	i       int
	line    int // the line of s[lineEnd]: lines are counted only when asked
	lineEnd int
	depth   int // open elements: an end of input inside one is truncation
	already func(string) bool
}

// lineAt is the 1-based line of offset i (never before an earlier call's).
func (sc *scanner) lineAt(i int) int {
	sc.line += strings.Count(sc.s[sc.lineEnd:i], "\n")
	sc.lineEnd = i
	return sc.line
}

// syntax is a well-formedness error at the current position.
func (sc *scanner) syntax(format string, a ...any) error {
	return fmt.Errorf("line %d: not well-formed XML: %s", sc.lineAt(min(sc.i, len(sc.s))), fmt.Sprintf(format, a...))
}

// eof is input that ends inside a token: inside the root, a file perhaps
// still being written.
func (sc *scanner) eof() error {
	if sc.depth > 0 {
		return fmt.Errorf("file ends at line %d in the middle of the document: %w", sc.lineAt(len(sc.s)), errTruncated)
	}
	return sc.syntax("unexpected EOF")
}

// next reads one token starting at sc.i.
func (sc *scanner) next() (token, error) {
	s := sc.s
	if s[sc.i] != '<' {
		end := strings.IndexByte(s[sc.i:], '<')
		if end < 0 {
			end = len(s)
		} else {
			end += sc.i
		}
		text, err := sc.text(s[sc.i:end], inText, end == len(s))
		sc.i = end
		return token{kind: charData, text: text}, err
	}
	sc.i++
	if sc.i >= len(s) {
		return token{}, sc.eof()
	}
	switch s[sc.i] {
	case '/':
		sc.i++
		name, err := sc.name("expected element name after </", true)
		if err != nil {
			return token{}, err
		}
		sc.space()
		if sc.i >= len(s) {
			return token{}, sc.eof()
		}
		if s[sc.i] != '>' {
			return token{}, sc.syntax("invalid characters between </%s and >", name)
		}
		sc.i++
		return token{kind: endTag, name: name}, nil
	case '?':
		sc.i++
		return token{kind: other}, sc.procInst()
	case '!':
		sc.i++
		return sc.bang()
	}
	name, err := sc.name("expected element name after <", true)
	if err != nil {
		return token{}, err
	}
	for {
		sc.space()
		if sc.i >= len(s) {
			return token{}, sc.eof()
		}
		switch s[sc.i] {
		case '/':
			if sc.i++; sc.i >= len(s) {
				return token{}, sc.eof()
			}
			if s[sc.i] != '>' {
				return token{}, sc.syntax("expected /> in element")
			}
			sc.i++
			return token{kind: startTag, name: name, empty: true}, nil
		case '>':
			sc.i++
			return token{kind: startTag, name: name}, nil
		}
		if err := sc.attribute(); err != nil {
			return token{}, err
		}
	}
}

// attribute checks name="value" (the tree keeps no attributes).
func (sc *scanner) attribute() error {
	s := sc.s
	if _, err := sc.name("expected attribute name in element", true); err != nil {
		return err
	}
	sc.space()
	if sc.i >= len(s) {
		return sc.eof()
	}
	if s[sc.i] != '=' {
		return sc.syntax("attribute name without = in element")
	}
	sc.i++
	sc.space()
	if sc.i >= len(s) {
		return sc.eof()
	}
	q := s[sc.i]
	if q != '"' && q != '\'' {
		return sc.syntax("unquoted or missing attribute value in element")
	}
	sc.i++
	end := strings.IndexByte(s[sc.i:], q)
	atEOF := end < 0
	if atEOF {
		end = len(s) - sc.i
	}
	value := s[sc.i : sc.i+end]
	if strings.IndexByte(value, '<') >= 0 {
		return sc.syntax("unescaped < inside quoted string")
	}
	if _, err := sc.text(value, inQuotes, atEOF); err != nil {
		return err
	}
	if sc.i += end; sc.i >= len(s) {
		return sc.eof()
	}
	sc.i++
	return nil
}

// procInst reads <?target …?>; the XML declaration's version must be 1.0
// and its encoding UTF-8 or the one toUTF8 decoded.
func (sc *scanner) procInst() error {
	target, err := sc.name("expected target name after <?", false)
	if err != nil {
		return err
	}
	sc.space()
	end := strings.Index(sc.s[sc.i:], "?>")
	if end < 0 {
		sc.i = len(sc.s)
		return sc.eof()
	}
	content := sc.s[sc.i : sc.i+end]
	sc.i += end + 2
	if target != "xml" {
		return nil
	}
	if v := pseudoAttr("version", content); v != "" && v != "1.0" {
		return fmt.Errorf("line %d: XML version %q declared: only version 1.0 is read", sc.lineAt(sc.i), v)
	}
	if enc := pseudoAttr("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") && !sc.already(enc) {
		return &encodingError{enc}
	}
	return nil
}

// pseudoAttr is the value of name="…" in an XML declaration, found as
// encoding/xml finds it (no spaces around =), so both read the same label.
func pseudoAttr(name, s string) string {
	param := name + "="
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], param)
		if k < 0 || i+k+len(param) >= len(s) {
			return ""
		}
		i += k + len(param)
		if q := s[i]; q == '"' || q == '\'' {
			if j := strings.IndexByte(s[i+1:], q); j >= 0 {
				return s[i+1 : i+1+j]
			}
			return ""
		}
		i++
	}
	return ""
}

// bang reads what starts with <!: a comment, CDATA, or a DTD (refused).
func (sc *scanner) bang() (token, error) {
	s := sc.s
	switch {
	case strings.HasPrefix(s[sc.i:], "--"):
		sc.i += 2
		end := strings.Index(s[sc.i:], "--")
		if end < 0 || sc.i+end+2 >= len(s) {
			sc.i = len(s)
			return token{}, sc.eof()
		}
		sc.i += end + 2
		if s[sc.i] != '>' {
			return token{}, sc.syntax(`invalid sequence "--" not allowed in comments`)
		}
		sc.i++
		return token{kind: other}, nil
	case strings.HasPrefix(s[sc.i:], "["):
		if rest := s[sc.i:min(len(s), sc.i+7)]; !strings.HasPrefix("[CDATA[", rest) {
			return token{}, sc.syntax("invalid <![ sequence")
		} else if len(rest) < 7 {
			sc.i = len(s)
			return token{}, sc.eof()
		}
		sc.i += 7
		end := strings.Index(s[sc.i:], "]]>")
		if end < 0 {
			sc.i = len(s)
			return token{}, sc.eof()
		}
		text, err := sc.text(s[sc.i:sc.i+end], inCDATA, false)
		sc.i += end + 3
		return token{kind: charData, text: text}, err
	case strings.HasPrefix(s[sc.i:], "-"):
		if sc.i+1 >= len(s) {
			return token{}, sc.eof()
		}
		return token{}, sc.syntax("invalid sequence <!- not part of <!--")
	}
	word := s[sc.i:]
	if !strings.Contains(word, ">") {
		sc.i = len(s)
		return token{}, sc.eof()
	}
	if k := strings.IndexAny(word, " \t\r\n[>"); k >= 0 {
		word = word[:k]
	}
	return token{}, fmt.Errorf("line %d: the file declares a DTD (<!%s…>); OQS results have none and entities are not expanded", sc.lineAt(sc.i), word)
}

// space skips XML white space.
func (sc *scanner) space() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\r', '\n', '\t':
			sc.i++
		default:
			return
		}
	}
}

// name reads an XML name; tag names (local) follow encoding/xml: at most
// one colon, the part after it when both sides are non-empty.
func (sc *scanner) name(missing string, local bool) (string, error) {
	s, from, ascii := sc.s, sc.i, true
	for sc.i < len(s) && (isNameByte(s[sc.i]) || s[sc.i] >= utf8.RuneSelf) {
		ascii = ascii && s[sc.i] < utf8.RuneSelf
		sc.i++
	}
	if sc.i >= len(s) {
		return "", sc.eof()
	}
	name := s[from:sc.i]
	switch {
	case name == "":
		return "", sc.syntax("%s", missing)
	case !ascii:
		return "", sc.syntax("the name %q is not ASCII (OQS names are)", name)
	case !isNameStart(name[0]):
		return "", sc.syntax("invalid XML name: %s", name)
	case !local:
		return name, nil
	case strings.Count(name, ":") > 1:
		return "", sc.syntax("%s", missing)
	}
	if prefix, l, ok := strings.Cut(name, ":"); ok && prefix != "" && l != "" {
		return l, nil
	}
	return name, nil
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func isNameStart(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

// entities are the predefined ones; no other can be declared (no DTD).
var entities = map[string]string{"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": `"`}

// Where character data stands: "]]>" is refused in text only, references
// are read outside CDATA only.
const (
	inText = iota
	inQuotes
	inCDATA
)

// text checks raw character data (every character allowed in XML, valid
// UTF-8) and returns it with references replaced and line ends as \n;
// atEOF says raw runs to the end of input (an unfinished reference is then
// truncation). Most text has neither & nor \r and comes back as the
// substring itself.
func (sc *scanner) text(raw string, in int, atEOF bool) (string, error) {
	amp := in != inCDATA
	plain := true // neither a reference nor \r: the substring itself
	for k := 0; k < len(raw); {
		c := raw[k]
		if c >= 0x20 && c < utf8.RuneSelf {
			switch {
			case c == '&' && amp:
				plain = false
			case c == ']' && in == inText && strings.HasPrefix(raw[k:], "]]>"):
				return "", sc.syntax("unescaped ]]> not in CDATA section")
			}
			k++
			continue
		}
		if c < utf8.RuneSelf {
			if c != '\t' && c != '\n' && c != '\r' {
				return "", sc.syntax("illegal character code %U", rune(c))
			}
			plain = plain && c != '\r'
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(raw[k:])
		if r == utf8.RuneError && n == 1 {
			return "", sc.syntax("invalid UTF-8")
		}
		if r == 0xFFFE || r == 0xFFFF {
			return "", sc.syntax("illegal character code %U", r)
		}
		k += n
	}
	if plain {
		return raw, nil
	}
	var b strings.Builder
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			if k+1 < len(raw) && raw[k+1] == '\n' {
				k++
			}
		case c == '&' && amp:
			end := strings.IndexByte(raw[k:], ';')
			ref, ok := reference(raw[k+1:], end)
			if !ok {
				if atEOF && end < 0 && !strings.ContainsFunc(raw[k+1:], notInReference) {
					return "", sc.eof()
				}
				return "", sc.syntax("invalid character entity %s", entityShown(raw[k:]))
			}
			b.WriteString(ref)
			k += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// reference is what &…; stands for; rest follows the &, end is the
// offset of ; from the & (-1: none).
func reference(rest string, end int) (string, bool) {
	if end < 1 {
		return "", false
	}
	ref := rest[:end-1]
	if strings.ContainsFunc(ref, notInReference) {
		return "", false
	}
	if e, ok := entities[ref]; ok {
		return e, true
	}
	digits, base := strings.CutPrefix(ref, "#x")
	b := 16
	if !base {
		digits, base = strings.CutPrefix(ref, "#")
		b = 10
	}
	// strconv would take a sign or underscores; XML only digits.
	if !base || digits == "" || strings.ContainsFunc(digits, func(r rune) bool { return !isDigit(byte(r), b) || r >= utf8.RuneSelf }) {
		return "", false
	}
	n, err := strconv.ParseUint(digits, b, 64)
	if err != nil || n > utf8.MaxRune {
		return "", false
	}
	r := rune(n)
	if 0xD800 <= r && r <= 0xDFFF {
		r = utf8.RuneError // as string(rune) makes it; refused later as a lost character
	}
	if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000) {
		return "", false
	}
	return string(r), true
}

func isDigit(c byte, base int) bool {
	return '0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')
}

// notInReference is a byte that ends a reference's name or number before
// its ; (so "&amp" then EOF is truncation, "&a b;" is wrong).
func notInReference(r rune) bool {
	return r < utf8.RuneSelf && !isNameByte(byte(r)) && r != '#'
}

// entityShown is the reference as the error names it: its name or number
// up to the ; (never the text after, which may hold a line break).
func entityShown(ref string) string {
	n := strings.IndexFunc(ref[1:], notInReference) + 1
	if n == 0 {
		n = len(ref)
	}
	if n < len(ref) && ref[n] == ';' {
		return ref[:n+1]
	}
	return ref[:n] + " (no semicolon)"
}
