package oqs

import (
	"fmt"

	"kyukyu/summary"
)

// WrongPatientError is a result that is not for the patient asked for (or
// not for the same patient as the other result it was to be merged with).
// It names files and the element that differs, never a value: where it is
// shown, it reads 別の患者の結果です — 表示しません.
type WrongPatientError struct {
	File    string // the refused result
	Other   string // what it was compared with: our request, or the other file
	Element string // the first field that differs
}

func (e *WrongPatientError) Error() string {
	return fmt.Sprintf("%s: answer is for another patient than %s (%s differs)", e.File, e.Other, e.Element)
}

// Is lets consumers that do not import oqs (the window) recognise it.
func (e *WrongPatientError) Is(target error) bool { return target == summary.ErrWrongPatient }

// identityField is one field two identities are compared on, when both
// carry it, in the form used for matching.
type identityField struct {
	element string
	key     func(summary.Patient) string
}

// identityFields compare NFKC forms without spaces (names) or hyphens
// (numbers): the connector writes ﾖｼﾀﾞ and ０２８２‐００１ where we typed
// ヨシダ and 0282-001.
var identityFields = []identityField{
	{"name", func(p summary.Patient) string { return matchKey(p.Name) }},
	{"kana", func(p summary.Patient) string { return matchKey(p.Kana) }},
	{"birth date", func(p summary.Patient) string {
		if p.Birth.IsZero() {
			return ""
		}
		return p.Birth.String()
	}},
	{"sex", func(p summary.Patient) string { return string(p.Sex) }},
}

// insuranceFields are the insurance numbers compared when both carry them.
var insuranceFields = []identityField{
	{"insurer number", func(p summary.Patient) string { return numberKey(p.Insurance.InsurerNumber) }},
	{"記号", func(p summary.Patient) string { return numberKey(p.Insurance.Symbol) }},
	{"番号", func(p summary.Patient) string { return numberKey(p.Insurance.Number) }},
	{"枝番", func(p summary.Patient) string { return numberKey(p.Insurance.Branch) }},
}

// differs compares a and b on every field of fields both carry. It returns
// the first differing field ("" when none) and how many were compared.
func differs(a, b summary.Patient, fields []identityField) (element string, compared int) {
	for _, f := range fields {
		x, y := f.key(a), f.key(b)
		if x == "" || y == "" {
			continue
		}
		compared++
		if x != y {
			return f.element, compared
		}
	}
	return "", compared
}

// samePatient compares every identity field both carry.
func samePatient(a, b summary.Patient) (element string, compared int) {
	e, n := differs(a, b, identityFields)
	if e != "" {
		return e, n
	}
	e, m := differs(a, b, insuranceFields)
	return e, n + m
}

// insuranceKey is the face table's key: the four numbers as matched.
func insuranceKey(in summary.Insurance) string {
	p := summary.Patient{Insurance: in}
	k := ""
	for _, f := range insuranceFields {
		k += f.key(p) + "\x00"
	}
	return k
}
