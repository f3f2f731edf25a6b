// Package ui is the triage workstation window: the reader's state, the
// patient, the alerts and the seven sections, print and save, training.
package ui

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"kyukyu/internal/home"
	"kyukyu/summary"
	"kyukyu/training"
)

// appID is the Preferences namespace, the same as FyneApp.toml.
const appID = "jp.kyukyu.app"

// Main opens the window; args are the flags after the program name.
func Main(args []string) int {
	fs := flag.NewFlagSet("kyukyu", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "training mode on synthetic patients")
	patient := fs.String("patient", "", "training mode: open this training patient at start")
	date := fs.String("date", "", "training mode: creation date YYYY-MM-DD (default: today in Japan)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	now := time.Now
	if *date != "" {
		on, err := summary.ParseDate(*date)
		if err != nil {
			fmt.Fprintf(os.Stderr, "kyukyu: -date: %v\n", err)
			return 2
		}
		fixed := time.Date(on.Year, on.Month, on.Day, 12, 0, 0, 0, summary.Tokyo)
		now = func() time.Time { return fixed }
	}
	a := app.NewWithID(appID)
	prefs := a.Preferences()
	trainingMode := *demo || prefs.StringWithFallback(prefMode, modeTraining) == modeTraining
	if *patient != "" && !trainingMode {
		fmt.Fprintln(os.Stderr, "kyukyu: -patient opens a training patient: add -demo")
		return 2
	}
	if err := loadTranslations(prefs.StringWithFallback(prefLanguage, "ja")); err != nil {
		fmt.Fprintf(os.Stderr, "kyukyu: translations: %v\n", err)
	}
	regular, bold := uiFonts()
	a.Settings().SetTheme(newTheme(regular, bold, prefs.StringWithFallback(prefTextSize, "normal")))

	d := Deps{Training: trainingMode, Now: now, Printer: SystemPrinter{},
		OpenFile: func(path string) error { return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}) }}
	closeSource, err := wireSource(&d)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kyukyu: %v\n", err)
		return 1
	}
	defer closeSource()
	s := New(a, d)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.Start(ctx)
	if *patient != "" {
		s.OpenCase(*patient)
	}
	s.Window().SetMaster()
	s.Window().ShowAndRun()
	if d.VCard != nil {
		d.VCard.Stop()
	}
	s.Close()
	return 0
}

// wireSource connects the patient source of the mode: the training
// dataset, or the OQS (not part of this build yet).
func wireSource(d *Deps) (func(), error) {
	if !d.Training {
		d.Source = unavailable{errors.New(t("oqs.missing"))}
		return func() {}, nil
	}
	dir, err := home.Dir()
	if err != nil {
		return nil, err
	}
	st, err := training.Open(dir)
	if err != nil {
		return nil, err
	}
	d.Source = st
	for _, c := range training.Patients() {
		d.Cases = append(d.Cases, Case{ID: c.ID, Name: c.Name, Teaches: c.Teaches})
	}
	d.CaseIdentity = func(id string) summary.Identity {
		return summary.Identity{CertSerial: training.CardSerial(id).Text(16)}
	}
	d.VCard = newVCard()
	return func() { st.Close() }, nil
}

// unavailable is the source of a mode whose part is not installed: every
// lookup says so.
type unavailable struct{ err error }

func (u unavailable) Lookup(context.Context, summary.Query) (*summary.Record, error) {
	return nil, u.err
}

// fontDirs are where Debian's fonts-morisawa-bizud-gothic puts BIZ UDGothic.
var fontDirs = []string{"/usr/share/fonts/truetype/bizud-gothic", "/usr/share/fonts/truetype/morisawa"}

// uiFonts loads BIZ UDGothic Regular and Bold; nil when absent (Fyne's
// font then, which lacks kanji).
func uiFonts() (regular, bold fyne.Resource) {
	for _, dir := range fontDirs {
		r, err1 := fyne.LoadResourceFromPath(filepath.Join(dir, "BIZUDGothic-Regular.ttf"))
		b, err2 := fyne.LoadResourceFromPath(filepath.Join(dir, "BIZUDGothic-Bold.ttf"))
		if err1 == nil && err2 == nil {
			return r, b
		}
	}
	fmt.Fprintln(os.Stderr, "kyukyu: BIZ UDGothic not found: install fonts-morisawa-bizud-gothic")
	return nil, nil
}
