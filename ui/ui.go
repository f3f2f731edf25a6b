// Package ui is the triage workstation window: the reader's state, the
// patient, the alerts and the seven sections, print and save, training.
// It shows what it is given and acts through the small interfaces of Deps;
// the app's wiring (flags, data folder, audit log, sources, card watcher)
// lives in package app.
package ui

import (
	"fmt"

	"fyne.io/fyne/v2"

	"kyukyu/fonts"
)

// Prepare loads the screen's texts in the language of the settings and
// sets the theme (embedded BIZ UDGothic, the text size of the settings).
func Prepare(a fyne.App) error {
	prefs := a.Preferences()
	a.Settings().SetTheme(newTheme(fyne.NewStaticResource("BIZUDGothic-Regular.ttf", fonts.Regular),
		fyne.NewStaticResource("BIZUDGothic-Bold.ttf", fonts.Bold), prefs.StringWithFallback(prefTextSize, "normal")))
	if err := loadTranslations(prefs.StringWithFallback(prefLanguage, "ja")); err != nil {
		return fmt.Errorf("translations: %w", err)
	}
	return nil
}
