// Package app wires the window: flags, the data folder's audit log, the
// patient source of the mode (training store or OQS connector), the card
// watcher and the print command. The window (package ui) only shows what it
// is given and acts through small interfaces.
package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"kyukyu/app/auditlog"
	"kyukyu/audit"
	"kyukyu/cli"
	"kyukyu/oqs"
	"kyukyu/pdf"
	"kyukyu/reader"
	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/ui"
)

// ID is the Preferences namespace, the same as FyneApp.toml.
const ID = "jp.kyukyu.app"

// Main opens the window; args are the flags after the program name.
func Main(args []string, stderr io.Writer) int { return mainWith(args, stderr, os.Getenv) }

func mainWith(args []string, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("kyukyu", flag.ContinueOnError)
	fs.SetOutput(stderr)
	demo := fs.Bool("demo", false, "training mode on synthetic patients")
	patient := fs.String("patient", "", "training mode: open this training patient at start")
	date := fs.String("date", "", "training mode: creation date YYYY-MM-DD (default: today in Japan)")
	faceDir := fs.String("oqs-face", "", "the OQS connector's face-auth result folder (default: face beside the res folder)")
	fs.Usage = func() {
		// The window's flags, then every subcommand: -h is where people look.
		cli.Main([]string{"help"}, &cli.Env{Stdout: stderr, Stderr: stderr})
		fmt.Fprintln(stderr, "\nwindow flags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kyukyu: unknown command %q (kyukyu -h lists the commands)\n", fs.Arg(0))
		return 2
	}
	if why := noDisplay(runtime.GOOS, getenv); why != "" {
		fmt.Fprintln(stderr, why)
		return 1
	}
	now := time.Now
	if *date != "" {
		on, err := summary.ParseDate(*date)
		if err != nil {
			fmt.Fprintf(stderr, "kyukyu: -date: %v\n", err)
			return 2
		}
		fixed := time.Date(on.Year, on.Month, on.Day, 12, 0, 0, 0, summary.Tokyo)
		now = func() time.Time { return fixed }
	}
	a := fyneapp.NewWithID(ID)
	ws := ui.ReadWorkstation(a.Preferences())
	if *faceDir != "" {
		ws.OQSFace = *faceDir
	}
	ws.Training = ws.Training || *demo
	if *patient != "" && !ws.Training {
		fmt.Fprintln(stderr, "kyukyu: -patient opens a training patient: add -demo")
		return 2
	}
	if err := ui.Prepare(a); err != nil {
		fmt.Fprintf(stderr, "kyukyu: %v\n", err)
	}

	d := ui.Deps{Training: ws.Training, Now: now, Printer: systemPrinter{}, Render: pdf.Render, Pages: pdfPages,
		OpenFile: func(path string) error {
			return openFile(runtime.GOOS, func(p string) error {
				return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(p)})
			}, path)
		}}
	log, err := audit.OpenHome(audit.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "kyukyu: %v\n", err)
		return 1
	}
	defer log.Close()
	d.Audit = auditlog.Log{L: log}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	closeSource, err := wireSource(ctx, &d, ws)
	if err != nil {
		fmt.Fprintf(stderr, "kyukyu: %v\n", err)
		return 1
	}
	defer closeSource()
	d.Cards = reader.Watch(ctx, reader.WithReader(ws.Reader))
	s := ui.New(a, d)
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

// noDisplay is the one line said when there is no display to open the
// window on (X11 and Wayland systems; Windows and macOS always have one).
func noDisplay(goos string, getenv func(string) string) string {
	if goos == "windows" || goos == "darwin" || goos == "android" || goos == "ios" {
		return ""
	}
	if getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	return "kyukyu: no display found (DISPLAY/WAYLAND_DISPLAY unset) — use the command line: kyukyu summary|pdf …"
}

// wireSource connects the patient source of the mode: the training
// dataset, or the OQS folder exchange with its face-auth results.
func wireSource(ctx context.Context, d *ui.Deps, ws ui.Workstation) (func(), error) {
	if !d.Training {
		c, err := oqs.NewClient(oqs.Settings{ReqDir: ws.OQSReq, ResDir: ws.OQSRes, FaceDir: ws.OQSFace, InstitutionCode: ws.Institution})
		if err != nil {
			// The window still opens, so the settings can be corrected there.
			d.Source = unavailable{fmt.Errorf("%w: %w", ui.ErrNotSetUp, err)}
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
		d.Cases = append(d.Cases, ui.Case{ID: c.ID, Name: c.Name, Teaches: c.Teaches})
	}
	d.CaseIdentity = func(id string) summary.Identity {
		return summary.Identity{CertSerial: training.CardSerial(id).Text(16)}
	}
	d.VCard = newVCard()
	return func() { st.Close() }, nil
}

// faceResults adapts the OQS face-auth watcher to the screen's channel.
func faceResults(ctx context.Context, in <-chan oqs.FaceEvent) <-chan ui.FaceResult {
	out := make(chan ui.FaceResult)
	go func() {
		defer close(out)
		for ev := range in {
			select {
			case out <- ui.FaceResult{Patient: ev.Patient, Err: ev.Err}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// unavailable is the source of a mode whose part is not set up: every
// lookup says so.
type unavailable struct{ err error }

func (u unavailable) Lookup(context.Context, summary.Query) (*summary.Record, error) {
	return nil, u.err
}
