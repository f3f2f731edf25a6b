package ui

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is the WCAG 2.x relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG 2.x contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over composes a translucent colour over an opaque one.
func over(fg, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(f.R, b.R), mix(f.G, b.G), mix(f.B, b.B), 0xff}
}

// Every text colour the screen uses against every field it sits on, in
// both variants: 4.5:1 for text, 7:1 for alerts and the safety bars.
func TestContrastOfEveryColourPair(t *testing.T) {
	th := newTheme(nil, nil, "normal", variantSystem)
	type pair struct {
		what   string
		fg, bg fyne.ThemeColorName
		tint   fyne.ThemeColorName // the field is this colour's wash over bg
		min    float64
	}
	const text, alert = 4.5, 7
	pairs := []pair{
		{"text", theme.ColorNameForeground, theme.ColorNameBackground, "", alert},
		{"section heading", theme.ColorNameForeground, theme.ColorNameHeaderBackground, "", text},
		{"entry text", theme.ColorNameForeground, theme.ColorNameInputBackground, "", text},
		{"dialog text", theme.ColorNameForeground, theme.ColorNameOverlayBackground, "", text},
		{"menu text", theme.ColorNameForeground, theme.ColorNameMenuBackground, "", text},
		{"button text", theme.ColorNameForeground, theme.ColorNameButton, "", text},
		{"hovered row", theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNameHover, text},
		{"selected row", theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNameSelection, text},
		{"column heads, empty sections, notes", colorNameNote, theme.ColorNameBackground, "", text},
		{"notes on a heading", colorNameNote, theme.ColorNameHeaderBackground, "", text},
		{"disabled text", theme.ColorNameDisabled, theme.ColorNameBackground, "", text},
		{"placeholder", theme.ColorNamePlaceHolder, theme.ColorNameInputBackground, "", text},
		{"status (high)", theme.ColorNamePrimary, theme.ColorNameBackground, "", text},
		{"status 表示中", theme.ColorNameSuccess, theme.ColorNameBackground, "", text},
		{"primary button", theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, "", text},
		{"danger button", theme.ColorNameForegroundOnError, theme.ColorNameError, "", text},
		{"warning button", theme.ColorNameForegroundOnWarning, theme.ColorNameWarning, "", text},
		{"status (danger)", theme.ColorNameError, theme.ColorNameBackground, "", alert},
		{"error in a dialog", theme.ColorNameError, theme.ColorNameOverlayBackground, "", alert},
		{"warnings, countdown", theme.ColorNameWarning, theme.ColorNameBackground, "", alert},
		{"critical alert text", theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNameError, alert},
		{"warning alert text", theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNameWarning, alert},
		{"info alert text", theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNamePrimary, alert},
		{"anticoagulant row", theme.ColorNameForeground, theme.ColorNameBackground, theme.ColorNameError, alert},
		{"訓練用 banner", colorNameBannerFg, colorNameBannerBg, "", alert},
		{"other-patient bar", colorNameForeignFg, colorNameForeignBg, "", alert},
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		for _, p := range pairs {
			bg := th.Color(p.bg, v)
			if p.tint != "" {
				tint := th.Color(p.tint, v)
				if p.tint == theme.ColorNameError || p.tint == theme.ColorNameWarning || p.tint == theme.ColorNamePrimary {
					tint = washOf(tint)
				}
				bg = over(tint, bg)
			}
			if r := contrast(th.Color(p.fg, v), bg); r < p.min {
				t.Errorf("%s, %s: %s on %s%s is %.2f:1, want ≥ %.1f:1", variantName(v), p.what, p.fg, p.bg, tintName(p.tint), r, p.min)
			}
		}
	}
	// The outline of a radio button, a check box and an entry is what shows
	// it (WCAG non-text contrast): 3:1 against every field it sits on.
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameInputBackground} {
			if r := contrast(th.Color(theme.ColorNameInputBorder, v), over(th.Color(bg, v), th.Color(theme.ColorNameBackground, v))); r < 3 {
				t.Errorf("%s: radio and check outlines on %s are %.2f:1, want ≥ 3:1", variantName(v), bg, r)
			}
		}
	}
	// The bars beside an alert are graphics: 3:1 against the field.
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		for _, n := range []fyne.ThemeColorName{theme.ColorNameError, theme.ColorNameWarning, theme.ColorNamePrimary} {
			if r := contrast(th.Color(n, v), th.Color(theme.ColorNameBackground, v)); r < 3 {
				t.Errorf("%s: the %s bar is %.2f:1 against the background, want ≥ 3:1", variantName(v), n, r)
			}
		}
	}
}

// The variant setting overrides the system's choice.
func TestVariantSetting(t *testing.T) {
	for setting, want := range map[string]fyne.ThemeVariant{variantLight: theme.VariantLight, variantDark: theme.VariantDark} {
		th := newTheme(nil, nil, "normal", setting)
		base := newTheme(nil, nil, "normal", variantSystem)
		for _, sys := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
			if th.Color(theme.ColorNameBackground, sys) != base.Color(theme.ColorNameBackground, want) {
				t.Errorf("setting %s on a %s system: not the %s background", setting, variantName(sys), variantName(want))
			}
		}
	}
}

func variantName(v fyne.ThemeVariant) string {
	if v == theme.VariantLight {
		return "light"
	}
	return "dark"
}

func tintName(n fyne.ThemeColorName) string {
	if n == "" {
		return ""
	}
	return fmt.Sprintf(" with a %s wash", n)
}
