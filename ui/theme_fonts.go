package ui

import (
	"errors"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"

	"kyukyu/fonts"
)

// themeFonts are the regular and bold fonts of the theme.
type themeFonts struct{ regular, bold fyne.Resource }

// screenFonts are BIZ UDGothic with the Hanazono glyphs appended
// (fonts.ScreenRegular): Fyne falls back only to its own Noto fonts and the
// machine's, and a hospital PC may have no font with 𠮷 or 𩸽. Should the
// merge fail, the window keeps plain BIZ UDGothic and the error says so.
var screenFonts = sync.OnceValues(func() (themeFonts, error) {
	var regular, bold []byte
	var errR, errB error
	var wg sync.WaitGroup
	wg.Go(func() { regular, errR = fonts.ScreenRegular() }) // the two merges run side by side: start-up waits for them
	bold, errB = fonts.ScreenBold()
	wg.Wait()
	if errR != nil || errB != nil {
		plain := themeFonts{fyne.NewStaticResource("BIZUDGothic-Regular.ttf", fonts.Regular), fyne.NewStaticResource("BIZUDGothic-Bold.ttf", fonts.Bold)}
		return plain, fmt.Errorf("screen font: kanji beyond BIZ UDGothic (𠮷) will show as boxes: %w", errors.Join(errR, errB))
	}
	return themeFonts{fyne.NewStaticResource("BIZUDGothic-Regular+Hanazono.ttf", regular), fyne.NewStaticResource("BIZUDGothic-Bold+Hanazono.ttf", bold)}, nil
})
