package ui

import (
	"embed"
	"os"
	"runtime"

	"fyne.io/fyne/v2/lang"

	"kyukyu/summary/alerttext"
)

//go:embed lang/*.json
var translations embed.FS

// loadTranslations adds the screen's texts (ja primary, en secondary) and
// chooses the language: Fyne takes it from the system, so on Linux and BSD
// the LANGUAGE variable is set for this process to the setting; Windows and
// macOS follow the system's display language.
func loadTranslations(language string) error {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		// LANGUAGE is ignored under the C locale: C.UTF-8 keeps C's meaning.
		for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if val := os.Getenv(v); val != "" {
				if val == "C" || val == "POSIX" {
					os.Setenv(v, "C.UTF-8")
				}
				break
			}
		}
		os.Setenv("LANGUAGE", language)
	}
	if err := lang.AddTranslationsFS(translations, "lang"); err != nil {
		return err
	}
	// The alerts' words are shared with the PDF and the CLI.
	return lang.AddTranslationsFS(alerttext.Files, alerttext.Dir)
}

// t is the translated text of a key; the key itself when missing (a test
// checks that every key used has both languages).
func t(key string) string { return lang.X(key, key) }

// tf is t with template data: {{.Name}}.
func tf(key string, data map[string]any) string { return lang.X(key, key, data) }
