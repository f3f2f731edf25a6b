package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// A typed insurance number with a wrong check digit is refused in the
// CLI's words, naming the digit and what it should be, without echoing
// the number; exit 2.
func TestTypedInsuranceProblemInWords(t *testing.T) {
	code, _, errs := run(t, "", "summary", "-insurance", "12345678:1:2:00")
	want := "-insurance: 保険者番号の8桁目（検証番号）が8ですが、前の桁からは4になるはずです: 番号を確かめてください"
	if code != 2 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, %q; want 2 and %q", code, errs, want)
	}
	if strings.Contains(errs, "12345678") {
		t.Errorf("the typed number is echoed: %q", errs)
	}
	code, _, errs = run(t, "", "summary", "-insurance", "06130017:港01:4021:0")
	if want := "枝番は2桁の数字（例: 00）です: 1桁入力されています"; code != 2 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, %q; want 2 and %q", code, errs, want)
	}
}

// The sample's dummy insurer number is shown with a warning: in words on
// the terminal, as kind and facts in the JSON.
func TestWarningsOfTheSample(t *testing.T) {
	code, out, errs := run(t, "", "summary", "-demo", "shinryo-taro", "-date", "2022-08-26")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "注意: 届いた保険者番号が検証を通りません（届いたデータのまま表示しています）: 保険者番号の8桁目（検証番号）が8ですが、前の桁からは4になるはずです"; !strings.Contains(out, want) {
		t.Errorf("terminal lacks %q:\n%s", want, out)
	}
	code, out, errs = run(t, "", "summary", "-demo", "shinryo-taro", "-date", "2022-08-26", "-json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Warnings []struct {
			Kind      string
			Insurance struct {
				Field, Problem      string
				Position, Got, Want int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Warnings) != 1 || v.Warnings[0].Kind != "insurer-number" || v.Warnings[0].Insurance.Problem != "check-digit" ||
		v.Warnings[0].Insurance.Position != 8 || v.Warnings[0].Insurance.Got != 8 || v.Warnings[0].Insurance.Want != 4 {
		t.Errorf("warnings in the JSON: %+v", v.Warnings)
	}
}
