// Package app wires the window: flags, the data folder's audit log, the
// patient source of the mode (training store or OQS connector), the card
// watcher and the print command. The window (package ui) only shows what it
// is given and acts through small interfaces.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"kyukyu/access"
	"kyukyu/app/auditlog"
	"kyukyu/app/cards"
	"kyukyu/audit"
	"kyukyu/cli"
	"kyukyu/config"
	"kyukyu/internal/chans"
	"kyukyu/oqs"
	"kyukyu/pdf"
	"kyukyu/reader"
	"kyukyu/staff"
	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/ui"
)

// ID is the Preferences namespace, the same as FyneApp.toml.
const ID = "jp.kyukyu.app"

// Main opens the window; args are the flags after the program name, icon
// the PNG of the window's icon.
func Main(args []string, stdout, stderr io.Writer, icon []byte) int {
	return mainWith(args, stdout, stderr, os.Getenv, icon)
}

func mainWith(args []string, stdout, stderr io.Writer, getenv func(string) string, icon []byte) int {
	fs := flag.NewFlagSet("kyukyu", flag.ContinueOnError)
	win := cli.WindowFlags(fs)
	fs.SetOutput(io.Discard) // a wrong flag is one line, below; -h prints the help
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			cli.Help(stdout) // the same text as kyukyu help
			return 0
		}
		return usage(stderr, err.Error())
	}
	if fs.NArg() > 0 {
		return usage(stderr, fmt.Sprintf("unknown command %q", fs.Arg(0)))
	}
	// A wrong training patient is said before any window opens.
	if win.Patient != "" && !slices.Contains(training.IDs(), win.Patient) {
		return usage(stderr, fmt.Sprintf("-patient: unknown training patient %q; known: %s (kyukyu demo list)", win.Patient, strings.Join(training.IDs(), ", ")))
	}
	now := time.Now
	if win.Date != "" {
		on, err := summary.ParseDate(win.Date)
		if err != nil {
			return usage(stderr, "-date: "+err.Error())
		}
		fixed := time.Date(on.Year, on.Month, on.Day, 12, 0, 0, 0, summary.Tokyo)
		now = func() time.Time { return fixed }
	}
	lg := openStartLog()
	defer lg.close()
	log, err := audit.OpenHome(audit.Options{})
	if err != nil {
		return lg.fail(stderr, err)
	}
	defer log.Close()
	// A refused machine-wide file does not keep the window closed: it opens
	// in training mode only, and a red bar says why until IT mends the file.
	machine, configErr := config.LoadMachine()
	if configErr != nil {
		slog.Warn("machine-wide file refused: training mode only", "why", configErr.Error())
		fmt.Fprintf(stderr, "kyukyu: %v (starting in training mode only)\n", configErr)
		machine = config.Refused(config.DefaultPath())
	}
	if why := noDisplay(runtime.GOOS, getenv); why != "" {
		return lg.fail(stderr, errors.New(why))
	}
	if err := noWindow(getenv); err != nil {
		return lg.fail(stderr, err)
	}
	a := fyneapp.NewWithID(ID)
	a.SetIcon(fyne.NewStaticResource("Icon.png", icon))
	// settings are read again when the mode is switched in the window.
	settings := func() ui.Workstation {
		w := ui.ReadWorkstation(a.Preferences(), machine)
		if win.OQSFace != "" {
			w.OQSFace = win.OQSFace
		}
		return w
	}
	ws := settings()
	ws.Training = ws.Training || win.Demo
	if win.Patient != "" && !ws.Training {
		return usage(stderr, "-patient opens a training patient: add -demo")
	}
	if err := ui.Prepare(a); err != nil {
		fmt.Fprintf(stderr, "kyukyu: %v\n", err)
	}

	d := ui.Deps{Now: now, Locks: machine, SetupProblem: errText(configErr), Printer: systemPrinter{}, Render: pdf.Layout,
		OpenFile: func(path string) error {
			return openFile(runtime.GOOS, func(p string) error {
				return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(p)})
			}, path)
		}}
	d.Audit = auditlog.Log{L: log}
	if err := wireAccess(&d, machine, cli.CentralURL(machine, getenv)); err != nil {
		// Fail closed: with viewer lists or staff_required set, the real
		// views it concerns are refused, each saying why.
		fmt.Fprintf(stderr, "kyukyu: %v\n", err)
	}
	ctx, cancel := context.WithCancel(context.Background()) // the window's life
	defer cancel()
	if url := cli.CentralURL(machine, getenv); url != "" {
		fwd, err := log.ForwardContext(ctx, url)
		if err != nil {
			return lg.fail(stderr, err)
		}
		defer fwd.Close()
		var told refusalOnce
		d.Central = func() ui.CentralStatus {
			st := fwd.Status()
			told.report(st.Err)
			return ui.CentralStatus{Pending: st.Pending, Unreachable: st.Unreachable}
		}
	}
	m := &modes{ctx: ctx, settings: settings, oqs: oqs.Settings{Late: lateAudit(auditlog.Log{L: log}, stderr)}}
	parts, err := m.wire(ws.Training)
	if err != nil {
		return lg.fail(stderr, err)
	}
	defer m.Close()
	d.Training, d.Source, d.Faces, d.Cases, d.CaseIdentity, d.VCard = parts.Training, parts.Source, parts.Faces, parts.Cases, parts.CaseIdentity, parts.VCard
	d.SwitchMode = m.wire
	d.Cards = cards.Events(ctx, reader.Watch(ctx, reader.WithReader(ws.Reader)))
	s := ui.New(a, d)
	s.Start(ctx)
	if win.Patient != "" {
		s.OpenCase(win.Patient)
	}
	s.Window().SetMaster()
	err = showAndRun(s.Window())
	s.Close()
	if err != nil {
		return lg.fail(stderr, err)
	}
	return 0
}

// usage says a wrong command line in one line with every form it may take: exit 2.
func usage(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "kyukyu: %s; %s\n", msg, cli.WindowUsage)
	return 2
}

// wireAccess gives the window the hospital's rights, the account at the
// workstation with its groups, and the staff card directory.
func wireAccess(d *ui.Deps, m *config.Machine, centralURL string) error {
	d.Access = access.FromMachine(m)
	if v, ok := m.Value(config.StaffHours); ok {
		d.StaffHours, _ = strconv.Atoi(v) // checked by config
	}
	who, err := access.Current()
	if err != nil {
		return err
	}
	d.Who = who
	dir, err := staff.Open(m, centralURL)
	if err != nil || dir == nil {
		return err
	}
	d.Staff = dir
	return nil
}

// lateAudit is the OQS client's Late hook: the audit line of a result
// removed unread after its request timed out.
func lateAudit(al auditlog.Log, stderr io.Writer) func(file string) {
	return func(file string) {
		if err := al.LateResult(file); err != nil {
			fmt.Fprintf(stderr, "kyukyu: %v\n", err) // the file is gone already: say so where someone can see it
		}
	}
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
	return "no display found (DISPLAY/WAYLAND_DISPLAY unset) — use the command line: kyukyu summary|pdf …"
}

// modes wires the patient source of a mode and releases the previous
// one when the window switches modes.
type modes struct {
	ctx      context.Context
	settings func() ui.Workstation // read at each switch: the folders may have changed
	// oqs is what the connector's settings get besides the workstation's
	// folders and code: the late-result audit line (tests: shorter waits).
	oqs   oqs.Settings
	close func()
}

// wire connects the source of a mode: the training dataset, or the OQS
// folder exchange with its face-auth results; then releases the old one.
func (m *modes) wire(train bool) (ui.ModeParts, error) {
	ctx, cancel := context.WithCancel(m.ctx)
	p := ui.ModeParts{Training: train}
	closeNew := cancel
	if train {
		st, err := training.OpenHome()
		if err != nil {
			cancel()
			return ui.ModeParts{}, err
		}
		p.Source = st
		for _, c := range training.Patients() {
			p.Cases = append(p.Cases, ui.Case{ID: c.ID, Name: c.Name, Teaches: c.Teaches})
		}
		p.CaseIdentity = func(id string) summary.Identity {
			return summary.Identity{CertSerial: training.CardSerial(id).Text(16)}
		}
		vc := newVCard()
		p.VCard = vc
		closeNew = func() { cancel(); vc.Stop(); st.Close() }
	} else {
		ws := m.settings()
		s := m.oqs
		s.ReqDir, s.ResDir, s.FaceDir, s.InstitutionCode = ws.OQSReq, ws.OQSRes, ws.OQSFace, ws.Institution
		c, err := oqs.NewClient(s)
		if err != nil {
			// The window still opens, so the settings can be corrected there.
			p.Source = unavailable{fmt.Errorf("%w: %w", ui.ErrNotSetUp, err)}
		} else {
			p.Source = c
			p.Faces = chans.Map(ctx, c.WatchFaces(ctx, time.Now()), uiFace)
		}
	}
	if m.close != nil {
		m.close()
	}
	m.close = closeNew
	return p, nil
}

// Close releases the source of the current mode.
func (m *modes) Close() {
	if m.close != nil {
		m.close()
		m.close = nil
	}
}

// uiFace is what the screen is told of a face-auth result.
func uiFace(ev oqs.FaceEvent) ui.FaceResult {
	r := ui.FaceResult{Patient: ev.Patient, Err: ev.Err}
	if f := ev.Face; f != nil {
		c := f.Consent
		r.Consent = ui.FaceConsent{Drugs: c.Drugs, Checkups: c.Checkups, Diagnoses: c.Diagnoses, Operations: c.Operations}
		r.Reference = f.ReferenceNumber
	}
	return r
}

// unavailable is the source of a mode whose part is not set up: every
// lookup says so.
type unavailable struct{ err error }

func (u unavailable) Lookup(context.Context, summary.Query) (*summary.Record, error) {
	return nil, u.err
}

// errText is err's message, or "" for none.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// refusalOnce writes each refusal of the central log (an entry its check
// refused, a copied data folder) to the diagnostic log once, with why: the
// window goes on counting what waits.
type refusalOnce struct {
	mu   sync.Mutex
	last string
}

func (r *refusalOnce) report(err error) {
	var re *audit.RefusedError
	if !errors.As(err, &re) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if re.Error() != r.last {
		r.last = re.Error()
		slog.Warn("the central audit log refused what this workstation sent; forwarding waits", "why", r.last)
	}
}
