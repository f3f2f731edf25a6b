package ui

import (
	"embed"
	"encoding/json"
	"os"
	"path"
	"runtime"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"kyukyu/summary/alerttext"
)

//go:embed lang/*.json
var translations embed.FS

// localizer says the screen's texts in the language of the settings. It
// is ours, not Fyne's: Fyne's lang package takes the language from the
// system (on Windows and macOS its display language, which no variable
// changes), so the setting would do nothing there.
var localizer *i18n.Localizer

// loadTranslations loads the screen's texts (ja and en) and the alerts'
// (shared with the PDF and the CLI) and chooses language. On Linux and BSD
// the LANGUAGE variable is set too, for Fyne's own few words (a dialog's
// OK); on Windows and macOS those follow the system.
func loadTranslations(lang string) error {
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
		os.Setenv("LANGUAGE", lang)
	}
	bundle := i18n.NewBundle(language.Japanese)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, src := range []struct {
		fs  embed.FS
		dir string
	}{{translations, "lang"}, {alerttext.Files, alerttext.Dir}} {
		files, err := src.fs.ReadDir(src.dir)
		if err != nil {
			return err
		}
		for _, f := range files {
			b, err := src.fs.ReadFile(path.Join(src.dir, f.Name()))
			if err != nil {
				return err
			}
			if _, err := bundle.ParseMessageFileBytes(b, f.Name()); err != nil {
				return err
			}
		}
	}
	localizer = i18n.NewLocalizer(bundle, lang)
	return nil
}

// t is the translated text of a key; the key itself when missing (a test
// checks that every key used has both languages).
func t(key string) string { return tf(key, nil) }

// tf is t with template data: {{.Name}}.
func tf(key string, data map[string]any) string {
	if localizer == nil {
		return key
	}
	s, err := localizer.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: data})
	if err != nil {
		return key
	}
	return s
}
