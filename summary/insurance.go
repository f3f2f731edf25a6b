package summary

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// InsurerCheckDigit computes the 検証番号 of a 保険者番号 from all digits but
// the last (厚労省 保険者番号設定要領: Luhn mod 10, weights 2,1,2,… from the right).
func InsurerCheckDigit(body string) (int, error) {
	sum := 0
	for i := 0; i < len(body); i++ {
		c := body[len(body)-1-i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("保険者番号の%d桁目「%c」が数字ではありません", len(body)-i, c)
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

// ValidateInsurerNumber checks length, digits and check digit of a
// 保険者番号 (8 digits, or 6 for 国民健康保険). The message says which digit is wrong.
func ValidateInsurerNumber(s string) error {
	if len(s) != 8 && len(s) != 6 {
		return fmt.Errorf("保険者番号は8桁（国保は6桁）です: %d桁入力されています", utf8.RuneCountInString(s))
	}
	want, err := InsurerCheckDigit(s[:len(s)-1])
	if err != nil {
		return err
	}
	last := s[len(s)-1]
	if last < '0' || last > '9' {
		return fmt.Errorf("保険者番号の%d桁目「%c」が数字ではありません", len(s), last)
	}
	if got := int(last - '0'); got != want {
		return fmt.Errorf("保険者番号の%d桁目（検証番号）が%dですが、前の桁からは%dになるはずです: 番号を確かめてください", len(s), got, want)
	}
	return nil
}

// ValidateInsurance checks numbers a person typed; data from the OQS or a
// card is shown even when invalid (see PatientWarnings).
func ValidateInsurance(in Insurance) error {
	if err := ValidateInsurerNumber(in.InsurerNumber); err != nil {
		return err
	}
	if in.Symbol == "" && in.Number == "" {
		return fmt.Errorf("被保険者証等記号か番号を入力してください")
	}
	for _, f := range []struct{ name, v string }{{"被保険者証等記号", in.Symbol}, {"被保険者証等番号", in.Number}} {
		if n := utf8.RuneCountInString(f.v); n > 20 {
			return fmt.Errorf("%sは20文字までです: %d文字入力されています", f.name, n)
		}
	}
	if len(in.Branch) != 2 || strings.Trim(in.Branch, "0123456789") != "" {
		return fmt.Errorf("枝番は2桁の数字です（例: 00）: 「%s」", in.Branch)
	}
	return nil
}

// PatientWarnings lists what is doubtful in delivered data, without refusing it.
func PatientWarnings(p Patient) []string {
	if p.Insurance.InsurerNumber == "" {
		return nil
	}
	if err := ValidateInsurerNumber(p.Insurance.InsurerNumber); err != nil {
		return []string{"保険者番号の検証番号が合いません（届いたデータのまま表示しています）: " + err.Error()}
	}
	return nil
}
