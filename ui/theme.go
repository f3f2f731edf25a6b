package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// textScales maps the text size setting to a factor over the base size.
var textScales = map[string]float32{"normal": 1, "large": 1.25, "xlarge": 1.5}

// baseScale makes the default text larger than Fyne's: read at arm's length at night.
const baseScale = 1.15

// kyuTheme is the default theme (light and dark honoured) with BIZ UDGothic
// for every text and a larger text size.
type kyuTheme struct {
	regular, bold fyne.Resource // nil: Fyne's own font
	scale         float32
}

func newTheme(regular, bold fyne.Resource, setting string) *kyuTheme {
	s, ok := textScales[setting]
	if !ok {
		s = 1
	}
	return &kyuTheme{regular: regular, bold: bold, scale: s * baseScale}
}

func (t *kyuTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}

func (t *kyuTheme) Font(s fyne.TextStyle) fyne.Resource {
	if t.regular == nil {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold && t.bold != nil {
		return t.bold
	}
	return t.regular
}

func (t *kyuTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// scaled are the sizes that follow the text size setting.
var scaled = map[fyne.ThemeSizeName]bool{
	theme.SizeNameText: true, theme.SizeNameHeadingText: true, theme.SizeNameSubHeadingText: true,
	theme.SizeNameCaptionText: true, theme.SizeNameInlineIcon: true,
}

func (t *kyuTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	if scaled[n] {
		return s * t.scale
	}
	return s
}
