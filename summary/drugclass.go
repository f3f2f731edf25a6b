package summary

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// DrugClass is one row of the drug table: what a code prefix or a name
// stem means for the emergency physician.
type DrugClass struct {
	Prefixes   []string // YJ code prefixes (7 characters, 9 to refine)
	Ingredient string   // as shown to the doctor
	Terms      []string // ingredient names and brand stems found in names
	Requires   []string // when set, a name must also carry one of these
	Excludes   []string // a name carrying one of these is not this drug
	Class      Class
	Subclass   string
	Reversal   []string // specific reversal agents; none verified when empty
	MaxDailyMg float64  // label maximum per day (hypnotics)
}

// unclassified is the class of every drug the table does not name.
var unclassified = &DrugClass{Class: ClassNone}

// yjLen is the length of a YJ or 一般名処方 code.
const yjLen = 12

// The table indexed for lookups: rows by code prefix, prefix lengths
// longest first (a 9-character prefix refines its 7-character parent), and
// each row's terms folded once.
var (
	byPrefix   = map[string]*DrugClass{}
	prefixLens []int
	matchers   []matcher
)

type matcher struct{ terms, requires, excludes []string }

func init() {
	for i := range DrugClasses {
		dc := &DrugClasses[i]
		for _, p := range dc.Prefixes {
			if _, dup := byPrefix[p]; dup {
				panic("summary: DrugClasses lists code prefix " + p + " twice")
			}
			byPrefix[p] = dc
			if !slices.Contains(prefixLens, len(p)) {
				prefixLens = append(prefixLens, len(p))
			}
		}
		matchers = append(matchers, matcher{foldAll(dc.Terms), foldAll(dc.Requires), foldAll(dc.Excludes)})
	}
	slices.SortFunc(prefixLens, func(a, b int) int { return b - a })
}

// fold normalises a drug name or code for matching: NFKC (full-width Ｋ, ｍｇ,
// half-width ｶﾅ), upper case, no spaces.
func fold(s string) string {
	s = strings.ToUpper(norm.NFKC.String(s))
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func foldAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fold(s)
	}
	return out
}

// CheckCode accepts the codes a drug row may carry: empty, a YJ code or a
// 一般名処方 code (YJ first 9 + ZZZ), a レセプト電算 code (9 digits) or a HOT
// code (13 digits). Only the first two can be classified by code.
func CheckCode(code string) error {
	c := fold(code)
	switch {
	case c == "", isYJ(c), len(c) == 9 && allDigits(c), len(c) == 13 && allDigits(c):
		return nil
	}
	return fmt.Errorf("code %q is not a YJ, 一般名処方, レセプト電算 or HOT code", code)
}

// isYJ: 7 digits, a form letter, then 4 characters (a YJ code ends in
// digits, a 一般名処方 code in ZZZ).
func isYJ(c string) bool {
	if len(c) != yjLen || !allDigits(c[:7]) {
		return false
	}
	for i := 7; i < len(c); i++ {
		if !(c[i] >= '0' && c[i] <= '9' || c[i] >= 'A' && c[i] <= 'Z') {
			return false
		}
	}
	return c[7] >= 'A' && c[7] <= 'Z'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// classifyCode looks a YJ or 一般名処方 code up by its longest listed prefix.
// ok is false when the code is not of those kinds or no row lists it.
func classifyCode(code string) (dc *DrugClass, ok bool) {
	c := fold(code)
	if !isYJ(c) {
		return unclassified, false
	}
	for _, n := range prefixLens {
		if dc, ok := byPrefix[c[:n]]; ok {
			return dc, true
		}
	}
	return unclassified, false
}

// classifyName finds the first table row one of whose terms occurs in a
// product or ingredient name. ok is false when none does.
func classifyName(name string) (dc *DrugClass, ok bool) {
	n := fold(name)
	if n == "" {
		return unclassified, false
	}
	for i, m := range matchers {
		if containsAny(n, m.terms) && (len(m.requires) == 0 || containsAny(n, m.requires)) && !containsAny(n, m.excludes) {
			return &DrugClasses[i], true
		}
	}
	return unclassified, false
}

func containsAny(s string, subs []string) bool {
	for _, t := range subs {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// Classify uses whatever a row carries: the code when the table lists it
// (the traps too), else the first name that matches. A code the table does
// not list does not clear a name that matches: a product newer than the
// table must still be flagged.
func Classify(code string, names ...string) *DrugClass {
	if dc, ok := classifyCode(code); ok {
		return dc
	}
	for _, n := range names {
		if dc, ok := classifyName(n); ok {
			return dc
		}
	}
	return unclassified
}

// Classifier classifies medication rows and remembers each drug it has
// seen: a record repeats the same few drugs over thousands of rows, and a
// view needs every row's class twice (the rows shown, the alerts).
type Classifier map[[3]string]*DrugClass

// Medication sets the class of a row from its code, drug name and
// ingredient, and returns its row of the table.
func (c Classifier) Medication(m *Medication) *DrugClass {
	key := [3]string{m.Code, m.Drug, m.Ingredient}
	dc, ok := c[key]
	if !ok {
		dc = Classify(m.Code, m.Drug, m.Ingredient)
		c[key] = dc
	}
	m.Class, m.Subclass = dc.Class, dc.Subclass
	return dc
}
