package pdf

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// cells measures like a monospaced Japanese font: full-width runes are 1,
// ASCII is 0.5.
func cells(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func TestWrapKinsoku(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width float64
		want  []string
	}{
		// A full stop never starts a line: the previous character comes along.
		{"あいうえ。かき", 4, []string{"あいう", "え。かき"}},
		// Small kana and the prolonged sound mark stay with their mora.
		{"アイウッキ", 3, []string{"アイ", "ウッキ"}},
		{"アイウーキ", 3, []string{"アイ", "ウーキ"}},
		{"ワルファリン", 2, []string{"ワル", "ファ", "リン"}},
		// An opening bracket never ends a line.
		{"ああ【用法】", 3, []string{"ああ", "【用", "法】"}},
		{"軟膏「イワキ」", 3, []string{"軟膏", "「イワ", "キ」"}},
		// Closing bracket and comma glue back.
		{"あ（い）、う", 4, []string{"あ", "（い）、", "う"}},
	} {
		got := Wrap(tc.text, tc.width, cells)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Wrap(%q, %v) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

func TestWrapKeepsNumbersWithUnits(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width float64
		want  []string
	}{
		{"マイスリー錠5mg", 6, []string{"マイスリー錠", "5mg"}},
		{"軟膏0.1%「イワキ」", 4, []string{"軟膏0.1%", "「イワ", "キ」"}},
		{"軟膏0.1%「イワキ」", 3, []string{"軟膏", "0.1%", "「イワ", "キ」"}},
		{"ワーファリン錠2.5mg 1錠", 7, []string{"ワーファリン錠", "2.5mg 1錠"}},
		{"リクシアナOD錠30mg", 6, []string{"リクシアナOD", "錠30mg"}},
		{"リクシアナOD錠30mg", 5.5, []string{"リクシアナ", "OD錠30mg"}},
		{"ｍｇ単位１０ｍｇ", 4, []string{"ｍｇ単位", "１０ｍｇ"}},
		// The days supplied stay whole: never 28日 / 分.
		{"12カプセル 28日分", 7, []string{"12カプセル", "28日分"}},
		{"オキノーム散 10回分", 7, []string{"オキノーム散", "10回分"}},
		{"1錠 28日分", 3.5, []string{"1錠", "28日分"}},
		// Punctuation only belongs to a number between word characters.
		{"5mg.次", 2, []string{"5mg.", "次"}},
	} {
		got := Wrap(tc.text, tc.width, cells)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Wrap(%q, %v) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

func TestWrapBreaksTooLongWordsWithoutLoss(t *testing.T) {
	got := Wrap("ABCDEFGHIJ", 2, cells)
	want := []string{"ABCD", "EFGH", "IJ"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	got = Wrap("あいう", 0.5, cells) // narrower than one character
	if !slices.Equal(got, []string{"あ", "い", "う"}) {
		t.Errorf("narrow column: got %q", got)
	}
}

func TestWrapSpacesAndNewlines(t *testing.T) {
	// The space a line breaks at goes; a newline always breaks.
	got := Wrap("1錠 14日分\n【1日1回】", 3, cells)
	want := []string{"1錠", "14日分", "【1日", "1回】"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	got = Wrap("ab cd ef", 1, cells)
	want = []string{"ab", "cd", "ef"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Wrap("", 5, cells); !slices.Equal(got, []string{""}) {
		t.Errorf("empty text: got %q", got)
	}
}

// TestWrapInvariants checks, over many widths, that no character other
// than a space at a break is lost, no line is too wide unless it is one
// unbreakable character, and no 禁則 character sits at a forbidden end.
func TestWrapInvariants(t *testing.T) {
	texts := []string{
		"フルティフォーム125エアゾール56吸入用（フルチカゾンプロピオン酸エステル・ホルモテロールフマル酸塩水和物）【1日2回朝夕食後・吸入】",
		"ゲンタマイシン硫酸塩軟膏0.1%「イワキ」、オンライン薬局（資格医院）。ワーファリン錠0.5mg 1錠 14日分",
		"ダビガトランエテキシラートメタンスルホン酸塩カプセル110mg「ＸＸ」：１日２回、ｍｇ？！",
	}
	const kinsokuWidth = 5 // wide enough for every glued unit of these texts
	for _, text := range texts {
		for width := 1.0; width <= 30; width += 0.5 {
			lines := Wrap(text, width, cells)
			if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(text, " ", "") {
				t.Fatalf("width %v lost characters:\n got %q\nwant %q", width, got, text)
			}
			for i, l := range lines {
				if cells(l) > width && utf8.RuneCountInString(l) > 1 {
					t.Errorf("width %v: line %q is %v wide", width, l, cells(l))
				}
				first, _ := utf8.DecodeRuneInString(l)
				last, _ := utf8.DecodeLastRuneInString(l)
				if i > 0 && strings.ContainsRune(noStart, first) && width >= kinsokuWidth {
					t.Errorf("width %v: line %d starts with %q: %q", width, i, first, lines)
				}
				if i < len(lines)-1 && strings.ContainsRune(noEnd, last) && width >= kinsokuWidth {
					t.Errorf("width %v: line %d ends with %q: %q", width, i, last, lines)
				}
			}
		}
	}
}

// FuzzWrap: for any text and width, the lines hold every character of the
// text in order except white space (dropped only where a line breaks) and
// the newlines that split it, and no line is wider than the width unless it
// is a single character.
func FuzzWrap(f *testing.F) {
	f.Add("フルティフォーム125エアゾール56吸入用（フルチカゾン）【1日2回】", 7.5)
	f.Add("ゲンタマイシン硫酸塩軟膏0.1%「イワキ」 10g 1処方分\n次の行", 3.0)
	f.Add("ｍｇ？！、。ーッ", 1.0)
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if !utf8.ValidString(text) || width != width || width < 0.5 || width > 200 {
			return
		}
		lines := Wrap(text, width, cells)
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		if got := strings.Join(lines, ""); strip(got) != strip(text) {
			t.Fatalf("width %v lost or changed characters:\n got %q\nwant %q", width, got, text)
		}
		for _, l := range lines {
			if cells(l) > width && utf8.RuneCountInString(l) > 1 {
				t.Fatalf("width %v: line %q is %v wide", width, l, cells(l))
			}
		}
	})
}
