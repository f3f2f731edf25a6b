package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"kyukyu/summary/alerttext"
	"kyukyu/ui/flow"
)

// TestEveryTextKeyTranslated: every key the code uses has a Japanese and an
// English text, and the two files hold the same keys.
func TestEveryTextKeyTranslated(t *testing.T) {
	files := map[string]map[string]string{}
	for _, l := range []string{"ja", "en"} {
		data, err := translations.ReadFile("lang/" + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", l, err)
		}
		files[l] = m
	}
	for k := range files["ja"] {
		if _, ok := files["en"][k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range files["en"] {
		if _, ok := files["ja"][k]; !ok {
			t.Errorf("ja.json lacks %q", k)
		}
	}
	// Keys written in the code: string literals shaped like group.name.
	keyRe := regexp.MustCompile(`"((?:app|training|mode|oqs|btn|consent|placeholder|state|hint|idle|patient|alert|section|col|tag|reason|replace|audit|print|search|picker|vcard|settings|foreign)\.[A-Za-z.]+)"`)
	srcs, _ := filepath.Glob("*.go")
	flowSrcs, _ := filepath.Glob("flow/*.go") // the flow's status lines
	srcs = append(srcs, flowSrcs...)
	used := map[string]bool{}
	for _, f := range srcs {
		if filepath.Ext(f) == ".go" && !regexp.MustCompile(`_test\.go$`).MatchString(f) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range keyRe.FindAllStringSubmatch(string(data), -1) {
				if m[1][len(m[1])-1] != '.' {
					used[m[1]] = true
				}
			}
		}
	}
	// Keys built from values.
	for _, v := range modeChoices {
		used["settings.mode."+v] = true
	}
	for _, v := range textSizeChoices {
		used["settings.size."+v] = true
	}
	for _, v := range languageChoices {
		used["settings.lang."+v] = true
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys in the code: the pattern is wrong", len(used))
	}
	for k := range used {
		if _, ok := files["ja"][k]; !ok {
			t.Errorf("key %q used in the code is missing from ja.json", k)
		}
	}
	// The card's expiry words are alerttext's, shared with the CLI.
	for _, k := range flow.ExpiryKinds {
		if key := "card.expiry." + string(k); alerttext.Japanese(key, nil) == key {
			t.Errorf("key %q is missing from alerttext's ja.json", key)
		}
	}
}

// TestLanguageSettingNotTheSystems: the setting chooses the words whatever
// the system's language is (Windows' display language is no variable:
// make test-windows runs this under Wine, whose locale is English).
func TestLanguageSettingNotTheSystems(tt *testing.T) {
	tt.Cleanup(func() { loadTranslations("ja") })
	for _, tc := range []struct{ lang, title string }{{"en", "kyukyu emergency summary"}, {"ja", "kyukyu 救急用サマリー"}, {"en", "kyukyu emergency summary"}} {
		if err := loadTranslations(tc.lang); err != nil {
			tt.Fatal(err)
		}
		if got := t("app.title"); got != tc.title {
			tt.Errorf("language %s: the title is %q, want %q", tc.lang, got, tc.title)
		}
	}
}
