// Package ui is the triage workstation window: the reader's state, the
// patient, the alerts and the seven sections, print and save, training.
package ui

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"kyukyu/audit"
	"kyukyu/fonts"
	"kyukyu/oqs"
	"kyukyu/pdf"
	"kyukyu/reader"
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
	faceDir := fs.String("oqs-face", "", "the OQS connector's face-auth result folder (default: face beside the res folder)")
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
	a.Settings().SetTheme(newTheme(fyne.NewStaticResource("BIZUDGothic-Regular.ttf", fonts.Regular),
		fyne.NewStaticResource("BIZUDGothic-Bold.ttf", fonts.Bold), prefs.StringWithFallback(prefTextSize, "normal")))

	d := Deps{Training: trainingMode, Now: now, Printer: SystemPrinter{}, Render: pdf.Render,
		OpenFile: func(path string) error { return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}) }}
	log, err := audit.OpenHome(audit.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "kyukyu: %v\n", err)
		return 1
	}
	defer log.Close()
	d.Audit = auditLog{log}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	closeSource, err := wireSource(ctx, &d, prefs, *faceDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kyukyu: %v\n", err)
		return 1
	}
	defer closeSource()
	d.Cards = reader.Watch(ctx, reader.WithReader(prefs.String(prefReader)))
	s := New(a, d)
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
// dataset, or the OQS folder exchange with its face-auth results.
func wireSource(ctx context.Context, d *Deps, prefs fyne.Preferences, faceDir string) (func(), error) {
	if !d.Training {
		c, err := oqs.NewClient(oqs.Settings{ReqDir: prefs.String(prefOQSReq), ResDir: prefs.String(prefOQSRes), FaceDir: faceDir, InstitutionCode: prefs.String(prefInstitution)})
		if err != nil {
			// The window still opens, so the settings can be corrected there.
			d.Source = unavailable{fmt.Errorf("%s: %w", t("oqs.settings"), err)}
			return func() {}, nil
		}
		d.Source = c
		d.Faces = faceResults(ctx, c.WatchFaces(ctx, time.Now()))
		return func() {}, nil
	}
	st, err := training.OpenHome()
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

// faceResults adapts the OQS face-auth watcher to the screen's channel.
func faceResults(ctx context.Context, in <-chan oqs.FaceEvent) <-chan FaceResult {
	out := make(chan FaceResult)
	go func() {
		defer close(out)
		for ev := range in {
			select {
			case out <- FaceResult{Patient: ev.Patient, Err: ev.Err}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// unavailable is the source of a mode whose part is not installed: every
// lookup says so.
type unavailable struct{ err error }

func (u unavailable) Lookup(context.Context, summary.Query) (*summary.Record, error) {
	return nil, u.err
}
