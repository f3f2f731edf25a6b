package alerttext

import (
	"strings"
	"testing"
	"text/template"

	"kyukyu/summary"
)

// translator is lang.json as a Translate that reports a failing template.
func translator(t *testing.T, lang string) Translate {
	tmpl := map[string]*template.Template{}
	for k, v := range table(t, lang) {
		tmpl[k] = template.Must(template.New(k).Option("missingkey=error").Parse(v))
	}
	return func(key string, data map[string]any) string {
		p, ok := tmpl[key]
		if !ok {
			return key
		}
		var b strings.Builder
		if err := p.Execute(&b, data); err != nil {
			t.Errorf("%s %s: %v", lang, key, err)
		}
		return b.String()
	}
}

// Every problem of every field and every warning reads as a sentence in
// both languages: no raw key, no missing value, no word of the other language.
func TestWarningsAndInsuranceProblemsRender(t *testing.T) {
	fields := []summary.InsuranceField{summary.FieldInsurer, summary.FieldSymbol, summary.FieldNumber, summary.FieldBranch}
	problems := []summary.InsuranceProblem{summary.ProblemLength, summary.ProblemNotDigit, summary.ProblemCheckDigit,
		summary.ProblemMissing, summary.ProblemTooLong}
	for _, lang := range []string{"ja", "en"} {
		tr := translator(t, lang)
		var texts []string
		for _, f := range fields {
			for _, p := range problems {
				texts = append(texts, Insurance(&summary.InsuranceError{Field: f, Problem: p, Position: 3, Char: "A", Got: 7, Want: 4}, tr))
			}
		}
		texts = append(texts, Warning(summary.Warning{Kind: summary.WarningUndated, Count: 2}, tr),
			Warning(summary.Warning{Kind: summary.WarningFutureDated, Count: 3, Items: []summary.Item{summary.ItemDispensing, summary.ItemVisits},
				Classes: []summary.Class{summary.ClassAnticoagulant}}, tr),
			Warning(summary.Warning{Kind: summary.WarningWithheld, Count: 1, Details: []string{"1"}}, tr),
			Warning(summary.Warning{Kind: summary.WarningInsurerNumber, Insurance: &summary.InsuranceError{Field: summary.FieldInsurer, Problem: summary.ProblemLength, Got: 7}}, tr))
		for _, s := range texts {
			if strings.Contains(s, "insurance.") || strings.Contains(s, "warning.") || strings.Contains(s, "<no value>") || s == "" {
				t.Errorf("%s: raw key or missing value in %q", lang, s)
			}
			if hasJapanese(s) != (lang == "ja") {
				t.Errorf("%s: %q is in the other language", lang, s)
			}
		}
	}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30ff || r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// The words say which digit, what it is, what it should be, and the form.
func TestInsuranceWords(t *testing.T) {
	for _, c := range []struct {
		in     summary.Insurance
		ja, en string
	}{
		{summary.Insurance{InsurerNumber: "12345678"}, "保険者番号の8桁目（検証番号）が8ですが、前の桁からは4になるはずです: 番号を確かめてください",
			"Digit 8 of the insurer number (the check digit) is 8, but the digits before it give 4: check the number"},
		{summary.Insurance{InsurerNumber: "0613001"}, "保険者番号は8桁（国保は6桁）の数字です: 7桁入力されています",
			"The insurer number must be 8 digits (6 for National Health Insurance): 7 entered"},
		{summary.Insurance{InsurerNumber: "06130017", Symbol: "港01", Number: "4021", Branch: "0O"},
			"枝番の2桁目「O」が数字ではありません: 枝番は2桁の数字（例: 00）です", "Character 2 of the branch number, “O”, is not a digit: the branch number is 2 digits (e.g. 00)"},
	} {
		p := summary.ValidateInsurance(c.in)
		if p == nil {
			t.Fatalf("%+v accepted", c.in)
		}
		if got := Insurance(p, Japanese); got != c.ja {
			t.Errorf("ja %q, want %q", got, c.ja)
		}
		if got := Insurance(p, translator(t, "en")); got != c.en {
			t.Errorf("en %q, want %q", got, c.en)
		}
	}
	v := summary.Build(&summary.Record{Partial: []string{"a", "b"}, Patient: summary.Patient{Insurance: summary.Insurance{InsurerNumber: "12345678"}}},
		summary.Emergency, summary.NewDate(2026, 9, 1))
	var got []string
	for _, w := range v.Warnings {
		got = append(got, Warning(w, Japanese))
	}
	want := []string{"日付を読めない記録が2件あります: 各欄の末尾に「日付不明」として表示しています（期間外の可能性があります）",
		"届いた保険者番号が検証を通りません（届いたデータのまま表示しています）: 保険者番号の8桁目（検証番号）が8ですが、前の桁からは4になるはずです: 番号を確かめてください"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings of an undated, wrongly numbered record:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
