package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Japanese line breaking (JIS X 4051 simplified). Every cell, heading and
// paragraph of the PDF goes through Wrap, which never drops a character
// (gofpdf-style breakers drop one at each forced break, go-pdf/fpdf#80).

// noStart may not begin a line (行頭禁則): closing brackets, punctuation,
// the prolonged sound mark and small kana.
const noStart = "、。，．・：；？！ー）」』】〕〉》］｝〙〗ゝゞ々…‥" +
	"ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ" +
	",.:;?!)]}>%"

// noEnd may not end a line (行末禁則): opening brackets.
const noEnd = "（「『【〔〈《［｛〘〖([{<"

// runeSet makes 禁則 lookups constant-time: Wrap runs for every cell.
func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

var noStartSet, noEndSet = runeSet(noStart), runeSet(noEnd)

// Width measures a string in the unit the caller wraps in.
type Width func(string) float64

// Wrap breaks text into lines no wider than width. Between two Japanese
// characters any break is allowed unless 禁則 forbids it; a run of Latin
// letters and digits with their decimal points and units (2.5mg, 0.1%, 5mL)
// stays whole when it fits on a line. A unit wider than the line is broken
// between characters: nothing is ever dropped except the spaces a line is
// broken at. Newlines in text force a break.
func Wrap(text string, width float64, measure Width) []string {
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		lines = append(lines, wrapParagraph(para, width, measure)...)
	}
	return lines
}

func wrapParagraph(text string, width float64, measure Width) []string {
	if text == "" {
		return []string{""}
	}
	var lines []string
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW = 0
	}
	for _, u := range units(text) {
		w := measure(u)
		if lineW+w <= width {
			line.WriteString(u)
			lineW += w
			continue
		}
		if strings.TrimSpace(u) == "" {
			flush() // the space the line breaks at is not carried over
			continue
		}
		if line.Len() > 0 {
			flush()
		}
		if w <= width {
			line.WriteString(u)
			lineW = w
			continue
		}
		// Wider than a whole line: cut it between characters.
		for _, r := range u {
			s := string(r)
			rw := measure(s)
			if lineW+rw > width && line.Len() > 0 {
				flush()
			}
			line.WriteString(s)
			lineW += rw
		}
	}
	if line.Len() > 0 {
		flush()
	}
	return lines
}

// units splits text into the pieces a line may break between: single
// Japanese characters, Latin words with their units, spaces, with 禁則
// characters glued to their neighbour.
func units(text string) []string {
	var out []string
	glueNext := false
	for i := 0; i < len(text); {
		n := tokenLen(text[i:])
		u := text[i : i+n]
		i += n
		first, _ := utf8.DecodeRuneInString(u)
		last, _ := utf8.DecodeLastRuneInString(u)
		switch {
		case len(out) > 0 && (glueNext || noStartSet[first] || countsPrevious(out[len(out)-1], first)):
			out[len(out)-1] += u
		default:
			out = append(out, u)
		}
		glueNext = noEndSet[last]
	}
	return out
}

// countsPrevious keeps a supply together: the counter stays with its
// number (28日, 3錠) and 分 with its counter (28日分, 10回分, 1処方分), so the
// days supplied are never split as 28日 / 分.
func countsPrevious(prev string, r rune) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	switch {
	case strings.ContainsRune("日回錠枚包本個管", r):
		return unicode.IsDigit(last)
	case r == '分':
		return strings.ContainsRune("日回方", last)
	}
	return false
}

// tokenLen is the byte length of the token at the start of s: a run of word
// characters, or one rune.
func tokenLen(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isWord(r) || n > 0 && !continuesWord(r, s[n+size:]) {
			break
		}
		n += size
	}
	if n == 0 {
		_, n = utf8.DecodeRuneInString(s)
	}
	return n
}

// isWord reports runes that form Latin words and numbers: ASCII and
// full-width letters and digits, Greek (μg), and the signs that belong to
// a number (2.5, 1,000, 0.1%, 1/2, +/-).
func isWord(r rune) bool {
	switch {
	case r < 0x80:
		return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".,%/+-'", r)
	case r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ', r >= '０' && r <= '９', r == '％', r == '．':
		return true
	}
	return unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Latin, r)
}

// continuesWord keeps punctuation inside a word only between word
// characters: "2.5mg" is one word, but "錠." ends at the full stop.
func continuesWord(r rune, after string) bool {
	if !strings.ContainsRune(".,/+-'．", r) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(after)
	return after != "" && isWord(next) && !strings.ContainsRune(".,/+-'．", next)
}
