// Package ui is the triage workstation window: the reader's state, the
// patient, the alerts and the seven sections, print and save, training.
// It shows what it is given and acts through the small interfaces of Deps;
// the app's wiring (flags, data folder, audit log, sources, card watcher)
// lives in package app.
package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
)

// themeFor is the theme of the settings: text size and light/dark.
func themeFor(prefs fyne.Preferences) fyne.Theme {
	f, _ := screenFonts()
	return newTheme(f.regular, f.bold, prefs.StringWithFallback(prefTextSize, "normal"), prefs.StringWithFallback(prefVariant, variantSystem))
}

// Prepare loads the screen's texts in the language of the settings and
// sets the theme (embedded BIZ UDGothic, the text size of the settings).
func Prepare(a fyne.App) error {
	prefs := a.Preferences()
	a.Settings().SetTheme(themeFor(prefs))
	if _, err := screenFonts(); err != nil {
		return err
	}
	if err := loadTranslations(prefs.StringWithFallback(prefLanguage, "ja")); err != nil {
		return fmt.Errorf("translations: %w", err)
	}
	return nil
}
