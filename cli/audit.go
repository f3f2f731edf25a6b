package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kyukyu/audit"
	"kyukyu/config"
	"kyukyu/internal/safefile"
	"kyukyu/summary"
)

// logAccess writes the audit entry of one run of a command that shows,
// prints or exports v (summary, pdf, ips). Call it once the output is
// ready and before it is released or success is reported: a run that
// cannot be logged must fail and release nothing. output says what was
// produced, e.g. "kyukyu pdf"; file, when one was written, is stored as a
// salted reference, never by name (a file name may name the patient).
func logAccess(env *Env, action audit.Action, v *summary.View, output, file string) error {
	return appendEntry(env, func(l *audit.Log) audit.Entry { return viewEntry(l, action, v, output, file) })
}

// viewEntry is the entry of an output of v; see logAccess.
func viewEntry(l *audit.Log, action audit.Action, v *summary.View, output, file string) audit.Entry {
	e := l.About(v)
	e.Action, e.Output = action, output
	if file != "" {
		e.Output += ": file " + l.FileRef(file)
	}
	return e
}

// logFailed records a failed attempt (a card that could not be read, a
// lookup the OQS refused). It names no patient: none was shown. why must
// hold no patient data; the files the attempt read are replaced in it by
// their references.
func logFailed(env *Env, action audit.Action, mode audit.Mode, why string, files ...string) error {
	return logAttempt(env, action, mode, audit.Failed, why, files...)
}

// logAttempt is logFailed with the result: failed, or denied for a view
// the hospital's rights refused.
func logAttempt(env *Env, action audit.Action, mode audit.Mode, result audit.Result, why string, files ...string) error {
	return appendEntry(env, func(l *audit.Log) audit.Entry {
		for _, f := range files {
			why = strings.ReplaceAll(why, f, l.FileRef(f))
			why = strings.ReplaceAll(why, filepath.Base(f), l.FileRef(f))
		}
		return audit.Entry{Action: action, Mode: mode, Result: result, Output: why}
	})
}

// appendEntry writes the entry entry makes to the data directory's log.
// With a central log set, it then forwards what is pending for at most
// viewTimeout: the entry is already safe locally, and what is not sent now
// waits for the next run, the window or `kyukyu audit sync`.
func appendEntry(env *Env, entry func(*audit.Log) audit.Entry) error {
	l, err := audit.OpenHome(audit.Options{Now: env.Now})
	if err != nil {
		return err
	}
	defer l.Close()
	if _, err := l.Append(entry(l)); err != nil {
		return fmt.Errorf("nothing was released because the access could not be logged: %w", err)
	}
	if env.AuditURL == "" {
		return nil
	}
	f, err := l.Forward(env.AuditURL)
	if err != nil {
		return usagef("-audit-url: %v", err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), viewTimeout)
	defer cancel()
	if n, err := f.Sync(ctx); n > 0 {
		fmt.Fprintf(env.Stderr, "kyukyu: the central audit log did not take them (%s); %d entries wait for `kyukyu audit sync`\n", oneLine(err), n)
	}
	return nil
}

// viewTimeout bounds what a command that shows a patient waits for the
// central log.
const viewTimeout = 200 * time.Millisecond

// addAuditURLFlag adds -audit-url to a command that writes audit entries.
// Its default is the workstation's central log, as the window finds it.
func addAuditURLFlag(fs *flag.FlagSet, env *Env) {
	m, err := config.LoadMachine()
	if err != nil {
		m = &config.Machine{} // `kyukyu config` says what is wrong with the file
	}
	auditURLFlag(fs, env, m)
}

// auditURLFlag is addAuditURLFlag for a command that has read the
// machine-wide file already. A value the file sets is locked: -audit-url
// cannot change it (parseArgs refuses the command).
func auditURLFlag(fs *flag.FlagSet, env *Env, m *config.Machine) {
	env.AuditURL = CentralURL(m, os.Getenv)
	v := &auditURLValue{dst: &env.AuditURL}
	if m.Locked(config.AuditURL) {
		v.lockedBy = m.Path
	}
	fs.Var(v, "audit-url", "central audit log postgres://kyukyu_ws_NAME:PW@HOST/DB (default: audit_url of the machine-wide file, else $"+audit.URLEnv+")")
}

// auditURLValue is -audit-url. It shows its value with the password
// hidden (-h prints the default), and refuses a change to a locked
// audit_url without echoing what was typed.
type auditURLValue struct {
	dst      *string
	lockedBy string // the machine-wide file that sets audit_url; "" when none
	typed    bool   // a change to the locked value was typed
}

func (v *auditURLValue) String() string {
	if v == nil || v.dst == nil {
		return ""
	}
	return config.Redacted(*v.dst)
}

func (v *auditURLValue) Set(s string) error {
	if v.lockedBy != "" && s != *v.dst {
		v.typed = true
		return nil
	}
	*v.dst = s
	return nil
}

func (v *auditURLValue) refused() error {
	if !v.typed {
		return nil
	}
	return fmt.Errorf("-audit-url: audit_url is locked by the machine-wide file %s; a flag cannot change it", v.lockedBy)
}

// CentralURL is the central audit log's address: the machine-wide file's,
// else the environment's; "" when there is none.
func CentralURL(m *config.Machine, getenv func(string) string) string {
	if v, ok := m.Value(config.AuditURL); ok {
		return v
	}
	return getenv(audit.URLEnv)
}

func runAudit(ctx context.Context, env *Env, args []string) error {
	return dispatch(ctx, env, "audit", args, auditCommands)
}

// auditCommands are the subcommands of `kyukyu audit`.
var auditCommands = map[string]func(context.Context, *Env, []string) error{
	"verify":         auditVerify,
	"export":         auditExport,
	"sync":           auditSync,
	"central-init":   auditCentralInit,
	"central-enroll": auditCentralEnroll,
	"serve":          auditServe,
	"report":         auditReport,
}

// auditVerify checks the log against its anchor without creating
// anything (a missing log is a finding, not a reason to start a new one),
// and, with a central log set, against the central copy of this chain.
func auditVerify(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	addAuditURLFlag(fs, env)
	tolerance := fs.Duration("clock-tolerance", audit.DefaultClockTolerance, "how far an entry's time and the central log's receive time may disagree beyond forwarding delay")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *tolerance <= 0 {
		return usagef("-clock-tolerance must be positive, e.g. 10m")
	}
	db, anchor, err := audit.HomePaths()
	if err != nil {
		return err
	}
	r, localErr := audit.Check(db, anchor)
	if localErr == nil {
		for _, n := range r.Notes {
			fmt.Fprintf(env.Stdout, "note: %s\n", n)
		}
		fmt.Fprintf(env.Stdout, "audit log intact: %d entries, chain, anchor (%s) and append-only triggers verified\n", r.Entries, anchor)
	}
	if env.AuditURL == "" {
		return localErr
	}
	var uncommitted int64
	if r != nil {
		uncommitted = r.Uncommitted
	}
	cr, centralErr := audit.VerifyCentralFile(ctx, db, env.AuditURL, *tolerance, uncommitted)
	if cr != nil {
		for _, n := range cr.Notes {
			fmt.Fprintf(env.Stdout, "note: %s\n", n)
		}
	}
	switch {
	case centralErr == nil:
		fmt.Fprintf(env.Stdout, "central copy identical: %d entries of this workstation\n", cr.Entries)
		return localErr
	case localErr == nil:
		return fmt.Errorf("central copy: %w", centralErr)
	}
	// Both failed: the local finding is the exit message, the central one is said too.
	fmt.Fprintf(env.Stderr, "kyukyu audit: central copy: %s\n", oneLine(centralErr))
	return localErr
}

// auditSync forwards what is pending: exit 0 when nothing is left, 1 with
// the count when the server cannot be reached in time.
func auditSync(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("audit sync", flag.ContinueOnError)
	addAuditURLFlag(fs, env)
	timeout := fs.Duration("timeout", 30*time.Second, "how long to try")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return usagef("-timeout must be more than 0")
	}
	if env.AuditURL == "" {
		return usagef("no central log: set audit_url in the machine-wide file, %s or -audit-url", audit.URLEnv)
	}
	l, err := audit.OpenHome(audit.Options{Now: env.Now})
	if err != nil {
		return err
	}
	defer l.Close()
	f, err := l.Forward(env.AuditURL)
	if err != nil {
		return usagef("-audit-url: %v", err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if n, err := f.Sync(ctx); n > 0 || err != nil {
		return fmt.Errorf("%w: %d entries not forwarded", err, n)
	}
	fmt.Fprintln(env.Stdout, "central audit log up to date: nothing waits")
	return nil
}

// auditCentralInit creates or updates the central log and its auditor.
func auditCentralInit(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("audit central-init", flag.ContinueOnError)
	url := fs.String("url", "", "administrator's URL postgres://ADMIN:PW@HOST/DB (required)")
	pw := fs.String("auditor-password", "", "password to set for the read-only "+audit.AuditorRole+" role (export, review)")
	shifts := fs.String("shifts", "", "the hours (Japan time) at which the hospital's shifts begin, e.g. 8,20 (the review counts patients per shift; default: as before, first 8,20)")
	er := fs.String("er-workstations", "", "the ER's workstations, comma-separated, e.g. ER-1,ER-2: the review flags views elsewhere (default: as before; \"\" clears the list)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *url == "" {
		return usagef("-url is required")
	}
	var h audit.Hospital
	if *shifts != "" {
		var err error
		if h.Shifts, err = parseShifts(*shifts); err != nil {
			return usagef("%v", err)
		}
	}
	given := false // -er-workstations "" clears the list; without the flag it stays
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "er-workstations" })
	if given {
		names, err := audit.ParseStations(*er)
		if err != nil {
			return usagef("-er-workstations: %v", err)
		}
		h.ER = append([]string{}, names...) // non-nil: given, even empty
	}
	// Counting the entries already there once (an upgrade, new shifts)
	// took up to a minute per 500,000 entries on a loaded machine.
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()
	if err := audit.CentralInit(ctx, *url, *pw, h); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "central audit log ready; enroll each workstation with `kyukyu audit central-enroll`; the officer reads as %s\n", audit.AuditorRole)
	return nil
}

// auditCentralEnroll gives a workstation its own role (or a new password)
// and prints the audit_url for its machine-wide file.
func auditCentralEnroll(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("audit central-enroll", flag.ContinueOnError)
	url := fs.String("url", "", "administrator's URL postgres://ADMIN:PW@HOST/DB (required)")
	name := fs.String("workstation", "", "the workstation's name, e.g. ER-1 (required)")
	pw := fs.String("password", "", "the workstation's password; enrolling again sets a new one (required)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *url == "" || *name == "" || *pw == "" {
		return usagef("-url, -workstation and -password are required")
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	wsURL, err := audit.CentralEnroll(ctx, *url, *name, *pw)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "workstation %s enrolled; put this line in its machine-wide file (%s), readable by that machine's users only:\naudit_url = %q\n", *name, config.DefaultPath(), wsURL)
	return nil
}

func auditExport(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("audit export", flag.ContinueOnError)
	central := fs.Bool("central", false, "all workstations' entries from the central log")
	addAuditURLFlag(fs, env)
	fromS := fs.String("from", "", "first Japan date YYYY-MM-DD (required)")
	toS := fs.String("to", "", "last Japan date YYYY-MM-DD (required)")
	out := fs.String("o", "", "CSV file to write (default: standard output)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	from, err := summary.ParseDate(*fromS)
	if err != nil {
		return usagef("-from: %v", err)
	}
	to, err := summary.ParseDate(*toS)
	if err != nil {
		return usagef("-to: %v", err)
	}
	if to.Before(from) {
		return usagef("-to %s is before -from %s", to, from)
	}
	var buf bytes.Buffer
	var n int
	if *central {
		if env.AuditURL == "" {
			return usagef("-central: no central log; set audit_url in the machine-wide file, %s or -audit-url", audit.URLEnv)
		}
		if n, err = audit.WriteCentralCSV(ctx, &buf, env.AuditURL, from, to); err != nil {
			return err
		}
	} else {
		l, err := audit.OpenHome(audit.Options{Now: env.Now})
		if err != nil {
			return err
		}
		defer l.Close()
		if n, err = l.WriteCSV(&buf, from, to); err != nil {
			return err
		}
	}
	if *out == "" {
		_, err = env.Stdout.Write(buf.Bytes())
		return err
	}
	if err := safefile.WriteFile(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %d entries from %s to %s\n", *out, n, from, to)
	return nil
}
