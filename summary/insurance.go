package summary

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// InsuranceField is the part of the insurance numbers a problem is in.
type InsuranceField string

const (
	FieldInsurer InsuranceField = "insurer" // 保険者番号
	FieldSymbol  InsuranceField = "symbol"  // 被保険者証等記号
	FieldNumber  InsuranceField = "number"  // 被保険者証等番号
	FieldBranch  InsuranceField = "branch"  // 枝番
)

// InsuranceProblem is what is wrong with a field.
type InsuranceProblem string

const (
	ProblemLength     InsuranceProblem = "length"      // Got characters; the form allows other lengths
	ProblemNotDigit   InsuranceProblem = "not-digit"   // the character Char at Position is not 0–9
	ProblemCheckDigit InsuranceProblem = "check-digit" // the digit at Position is Got, the others give Want
	ProblemMissing    InsuranceProblem = "missing"     // neither 記号 nor 番号 was given
	ProblemTooLong    InsuranceProblem = "too-long"    // Got characters, at most Want
)

// InsuranceError says which field is wrong, how, and (by its field and
// problem) the accepted form; the words are chosen where it is shown.
type InsuranceError struct {
	Field    InsuranceField   `json:"field"`
	Problem  InsuranceProblem `json:"problem"`
	Position int              `json:"position,omitempty"` // 1-based, from the left
	Char     string           `json:"char,omitempty"`
	Got      int              `json:"got,omitempty"`
	Want     int              `json:"want,omitempty"`
}

// Error is for logs and developers; users see the words of ui or alerttext.
func (e *InsuranceError) Error() string {
	s := fmt.Sprintf("insurance: %s: %s", e.Field, e.Problem)
	if e.Position > 0 {
		s += fmt.Sprintf(" at %d", e.Position)
	}
	if e.Char != "" {
		s += fmt.Sprintf(" (%q)", e.Char)
	}
	if e.Got != 0 || e.Want != 0 {
		s += fmt.Sprintf(": got %d, want %d", e.Got, e.Want)
	}
	return s
}

// InsurerCheckDigit computes the 検証番号 of a 保険者番号 from all digits but
// the last (厚労省 保険者番号設定要領: Luhn mod 10, weights 2,1,2,… from the right).
func InsurerCheckDigit(body string) (int, *InsuranceError) {
	sum := 0
	for i := 0; i < len(body); i++ {
		c := body[len(body)-1-i]
		if c < '0' || c > '9' {
			return 0, notDigit(FieldInsurer, body, len(body)-1-i)
		}
		d := int(c - '0')
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10, nil
}

// notDigit is the problem of the character at byte i of s.
func notDigit(f InsuranceField, s string, i int) *InsuranceError {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return &InsuranceError{Field: f, Problem: ProblemNotDigit, Position: utf8.RuneCountInString(s[:i]) + 1, Char: string(r)}
}

// ValidateInsurerNumber checks length, digits and check digit of a
// 保険者番号 (8 digits, or 6 for 国民健康保険). The problem says which digit
// is wrong; nil when the number is valid.
func ValidateInsurerNumber(s string) *InsuranceError {
	if n := utf8.RuneCountInString(s); n != 8 && n != 6 {
		return &InsuranceError{Field: FieldInsurer, Problem: ProblemLength, Got: n}
	}
	if i := strings.IndexFunc(s, notASCIIDigit); i >= 0 {
		return notDigit(FieldInsurer, s, i)
	}
	want, err := InsurerCheckDigit(s[:len(s)-1])
	if err != nil {
		return err
	}
	if got := int(s[len(s)-1] - '0'); got != want {
		return &InsuranceError{Field: FieldInsurer, Problem: ProblemCheckDigit, Position: len(s), Got: got, Want: want}
	}
	return nil
}

func notASCIIDigit(r rune) bool { return r < '0' || r > '9' }

// maxSymbolNumber is the longest 記号 or 番号 accepted, in characters.
const maxSymbolNumber = 20

// ValidateInsurance checks numbers a person typed; data from the OQS or a
// card is shown even when invalid (see PatientWarnings). Nil when valid.
func ValidateInsurance(in Insurance) *InsuranceError {
	if err := ValidateInsurerNumber(in.InsurerNumber); err != nil {
		return err
	}
	if in.Symbol == "" && in.Number == "" {
		return &InsuranceError{Field: FieldNumber, Problem: ProblemMissing}
	}
	for _, f := range []struct {
		field InsuranceField
		v     string
	}{{FieldSymbol, in.Symbol}, {FieldNumber, in.Number}} {
		if n := utf8.RuneCountInString(f.v); n > maxSymbolNumber {
			return &InsuranceError{Field: f.field, Problem: ProblemTooLong, Got: n, Want: maxSymbolNumber}
		}
	}
	if utf8.RuneCountInString(in.Branch) != 2 {
		return &InsuranceError{Field: FieldBranch, Problem: ProblemLength, Got: utf8.RuneCountInString(in.Branch)}
	}
	if i := strings.IndexFunc(in.Branch, notASCIIDigit); i >= 0 {
		return notDigit(FieldBranch, in.Branch, i)
	}
	return nil
}

// PatientWarnings lists what is doubtful in delivered data, without refusing it.
func PatientWarnings(p Patient) []Warning {
	if p.Insurance.InsurerNumber == "" {
		return nil
	}
	if err := ValidateInsurerNumber(p.Insurance.InsurerNumber); err != nil {
		return []Warning{{Kind: WarningInsurerNumber, Insurance: err}}
	}
	return nil
}
