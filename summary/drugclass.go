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
	Routes     []Route  // when set, a code of another route is not this drug
	Class      Class
	Subclass   string
	Reversal   []Reversal // specific reversal agents; none verified when empty
	// Counts is the ingredient whose mg the row's strength measures when
	// not the Ingredient (トラムセット: tramadol), and UnitMg that mg per
	// unit where the product name carries none: duplicates add them up.
	Counts string
	UnitMg float64
	// Components are the active ingredients that count for duplication
	// (コンプラビン is clopidogrel and aspirin); the Ingredient when empty.
	Components []string
	// Hypnotics: label maximum per day, the maximum for patients aged 65 or
	// more where the label gives one, and the dose equal to diazepam 5 mg
	// (0: no equivalence, e.g. orexin antagonists).
	MaxDailyMg     float64
	ElderlyMaxMg   float64
	DiazepamEq5    float64
	PrednisoloneEq float64 // steroids: mg equal to prednisolone 5 mg
	// Weekly drugs (methotrexate): the label maximum per week; a supply
	// over it or a 1日N回 usage means daily dosing, a classic fatal error.
	MaxWeeklyMg float64
	// Strengths in mg per unit by the first 9 characters of a YJ code
	// (its strength digit), for names that carry none (クロルジアゼポキシド錠).
	Strengths map[string]float64
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

// CodeKind is what kind of code a drug row carries.
type CodeKind int

const (
	CodeNone    CodeKind = iota // empty
	CodeYJ                      // YJ / 薬価基準収載医薬品コード, 12 characters
	CodeGeneric                 // 一般名処方 code: YJ first 9 + ZZZ
	CodeReceipt                 // レセプト電算処理システム用コード, 9 digits
	CodeHOT                     // HOT code, 13 digits
	CodeInvalid
)

// Route is the 使用区分 a YJ code carries in digits 5–7: 001–399 内用,
// 400–699 注射, 700–999 外用 (rectal forms are 外用).
type Route int

const (
	RouteUnknown Route = iota // not a YJ or 一般名処方 code
	RouteOral
	RouteInjection
	RouteExternal
)

// DrugCode is a drug row's code, folded (full-width digits accepted).
type DrugCode string

// CodeOf folds a code as a row carries it.
func CodeOf(s string) DrugCode { return DrugCode(fold(s)) }

// Kind tells the code system.
func (c DrugCode) Kind() CodeKind {
	s := string(c)
	switch {
	case s == "":
		return CodeNone
	case isYJShape(s) && strings.HasSuffix(s, "ZZZ"):
		return CodeGeneric
	case isYJShape(s) && s[11] >= '0' && s[11] <= '9': // the check digit
		return CodeYJ
	case len(s) == 9 && allDigits(s):
		return CodeReceipt
	case len(s) == 13 && allDigits(s):
		return CodeHOT
	}
	return CodeInvalid
}

// Classifiable: YJ and 一般名処方 codes carry the class prefix.
func (c DrugCode) Classifiable() bool { k := c.Kind(); return k == CodeYJ || k == CodeGeneric }

// Route reads the 使用区分; RouteUnknown for codes that do not carry it.
func (c DrugCode) Route() Route {
	if !c.Classifiable() {
		return RouteUnknown
	}
	switch d := string(c)[4:7]; {
	case d >= "001" && d <= "399":
		return RouteOral
	case d >= "400" && d <= "699":
		return RouteInjection
	case d >= "700":
		return RouteExternal
	}
	return RouteUnknown
}

// CheckCode accepts the codes a drug row may carry: empty, a YJ code or a
// 一般名処方 code (YJ first 9 + ZZZ), a レセプト電算 code (9 digits) or a HOT
// code (13 digits). Only the first two can be classified by code.
func CheckCode(code string) error {
	if CodeOf(code).Kind() == CodeInvalid {
		return fmt.Errorf("code %q is not a YJ, 一般名処方, レセプト電算 or HOT code", code)
	}
	return nil
}

// isYJShape: 7 digits, a form letter, then 4 digits or letters (a YJ code
// ends in its check digit, a 一般名処方 code in ZZZ).
func isYJShape(c string) bool {
	if len(c) != yjLen || !allDigits(c[:7]) || c[7] < 'A' || c[7] > 'Z' {
		return false
	}
	for i := 8; i < len(c); i++ {
		if !(c[i] >= '0' && c[i] <= '9' || c[i] >= 'A' && c[i] <= 'Z') {
			return false
		}
	}
	return true
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
func classifyCode(c DrugCode) (dc *DrugClass, ok bool) {
	if !c.Classifiable() {
		return unclassified, false
	}
	for _, n := range prefixLens {
		if dc, ok := byPrefix[string(c)[:n]]; ok {
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
// table must still be flagged, unless the product is of a route the row
// does not allow: by its code's route, or by injection words in its name
// (an injection never becomes an oral hypnotic through its ingredient name).
func Classify(code string, names ...string) *DrugClass {
	c := CodeOf(code)
	if dc, ok := classifyCode(c); ok {
		return dc
	}
	route := c.Route()
	if route == RouteUnknown && len(names) > 0 && containsAny(fold(names[0]), parenteralFolded) {
		route = RouteInjection
	}
	for _, n := range names {
		if dc, ok := classifyName(n); ok {
			if route != RouteUnknown && len(dc.Routes) > 0 && !slices.Contains(dc.Routes, route) {
				return unclassified
			}
			return dc
		}
	}
	return unclassified
}

// parenteral are the injection words of a product name; 注腸 (rectal:
// エスクレ) is not one.
var (
	parenteral       = []string{"注射", "静注", "筋注", "皮下注", "点滴"}
	parenteralFolded = foldAll(parenteral)
)

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

// components is what a drug counts as for dual therapy and duplication.
func (dc *DrugClass) components() []string {
	if len(dc.Components) > 0 {
		return dc.Components
	}
	return []string{dc.Ingredient}
}
