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

// The theme's own colour names: what Fyne has no name for.
const (
	colorNameNote      fyne.ThemeColorName = "kyu-note"       // column heads, empty sections, notes
	colorNameBannerBg  fyne.ThemeColorName = "kyu-banner-bg"  // the 訓練用 banner's field
	colorNameBannerFg  fyne.ThemeColorName = "kyu-banner-fg"  // and its text
	colorNameForeignBg fyne.ThemeColorName = "kyu-foreign-bg" // the other-patient bar's field
	colorNameForeignFg fyne.ThemeColorName = "kyu-foreign-fg" // and its text
)

// Variant settings: follow the system, or force one.
const (
	variantSystem = "system"
	variantLight  = "light"
	variantDark   = "dark"
)

// palettes are the colours that differ from Fyne's default theme: every
// text reaches 4.5:1 against its field and alerts 7:1 (WCAG 2.x), which
// Fyne's disabled grey, its light-theme green and amber and its red on a
// red field do not (contrast_test.go computes every pair).
var palettes = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantDark: {
		theme.ColorNameDisabled:            rgb(0x9a, 0x9a, 0x9a),
		theme.ColorNamePlaceHolder:         rgb(0xa6, 0xa6, 0xa6),
		theme.ColorNameInputBorder:         rgb(0x9a, 0x9a, 0x9a), // radio circles, check boxes, entry edges: 3:1
		theme.ColorNameError:               rgb(0xff, 0x8a, 0x80),
		theme.ColorNameWarning:             rgb(0xff, 0xc1, 0x4d),
		theme.ColorNameSuccess:             rgb(0x81, 0xd6, 0x86),
		theme.ColorNamePrimary:             rgb(0x8c, 0xbc, 0xff),
		theme.ColorNameHyperlink:           rgb(0x8c, 0xbc, 0xff),
		theme.ColorNameForegroundOnPrimary: rgb(0x00, 0x00, 0x00),
		theme.ColorNameForegroundOnError:   rgb(0x00, 0x00, 0x00),
		theme.ColorNameForegroundOnWarning: rgb(0x00, 0x00, 0x00),
		theme.ColorNameForegroundOnSuccess: rgb(0x00, 0x00, 0x00),
		colorNameNote:                      rgb(0xbd, 0xbd, 0xbd),
		colorNameBannerBg:                  rgb(0xff, 0xc1, 0x07),
		colorNameBannerFg:                  rgb(0x00, 0x00, 0x00),
		colorNameForeignBg:                 rgb(0xa0, 0x00, 0x00),
		colorNameForeignFg:                 rgb(0xff, 0xff, 0xff),
	},
	theme.VariantLight: {
		theme.ColorNameForeground:          rgb(0x1c, 0x1c, 0x1c),
		theme.ColorNameDisabled:            rgb(0x6e, 0x6e, 0x6e),
		theme.ColorNamePlaceHolder:         rgb(0x69, 0x69, 0x69),
		theme.ColorNameInputBorder:         rgb(0x76, 0x76, 0x76),
		theme.ColorNameError:               rgb(0xa5, 0x00, 0x1e),
		theme.ColorNameWarning:             rgb(0x7a, 0x45, 0x00),
		theme.ColorNameSuccess:             rgb(0x1b, 0x5e, 0x20),
		theme.ColorNamePrimary:             rgb(0x0d, 0x47, 0xa1),
		theme.ColorNameHyperlink:           rgb(0x0d, 0x47, 0xa1),
		theme.ColorNameForegroundOnPrimary: rgb(0xff, 0xff, 0xff),
		theme.ColorNameForegroundOnError:   rgb(0xff, 0xff, 0xff),
		theme.ColorNameForegroundOnWarning: rgb(0xff, 0xff, 0xff),
		theme.ColorNameForegroundOnSuccess: rgb(0xff, 0xff, 0xff),
		colorNameNote:                      rgb(0x4a, 0x4a, 0x4a),
		colorNameBannerBg:                  rgb(0xff, 0xc1, 0x07),
		colorNameBannerFg:                  rgb(0x00, 0x00, 0x00),
		colorNameForeignBg:                 rgb(0xa0, 0x00, 0x00),
		colorNameForeignFg:                 rgb(0xff, 0xff, 0xff),
	},
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 0xff} }

// kyuTheme is Fyne's default theme with BIZ UDGothic for every text, a
// larger text size, the palettes above and a light/dark setting; what it
// does not override comes from the embedded theme.
type kyuTheme struct {
	fyne.Theme
	regular, bold fyne.Resource // nil: Fyne's own font
	scale         float32
	variant       string // variantSystem, variantLight, variantDark
}

func newTheme(regular, bold fyne.Resource, textSize, variant string) *kyuTheme {
	s, ok := textScales[textSize]
	if !ok {
		s = 1
	}
	return &kyuTheme{Theme: theme.DefaultTheme(), regular: regular, bold: bold, scale: s * baseScale, variant: variant}
}

func (t *kyuTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case variantLight:
		v = theme.VariantLight
	case variantDark:
		v = theme.VariantDark
	}
	if c, ok := palettes[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

func (t *kyuTheme) Font(s fyne.TextStyle) fyne.Resource {
	if t.regular == nil {
		return t.Theme.Font(s)
	}
	if s.Bold && t.bold != nil {
		return t.bold
	}
	return t.regular
}

// scaled are the sizes that follow the text size setting.
var scaled = map[fyne.ThemeSizeName]bool{
	theme.SizeNameText: true, theme.SizeNameHeadingText: true, theme.SizeNameSubHeadingText: true,
	theme.SizeNameCaptionText: true, theme.SizeNameInlineIcon: true,
}

func (t *kyuTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	if scaled[n] {
		return s * t.scale
	}
	return s
}

// washAlpha is the opacity of a colour's wash behind an alert or a row.
const washAlpha = 0x30

// washOf is the pale wash of a colour, for a row or box background.
func washOf(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = washAlpha
	return n
}
