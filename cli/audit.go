package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"

	"kyukyu/audit"
	"kyukyu/internal/safefile"
	"kyukyu/summary"
)

// logAccess writes the audit entry of one run of a command that shows,
// prints or exports v (summary, pdf, ips). Call it once the output is
// ready and before it is released or success is reported: a run that
// cannot be logged must fail and release nothing. output says what was
// produced, e.g. "kyukyu pdf: out.pdf (2 pages)".
func logAccess(env *Env, action audit.Action, v *summary.View, output string) error {
	return appendEntry(env, func(l *audit.Log) audit.Entry {
		e := l.About(v)
		e.Action, e.Output = action, output
		return e
	})
}

// logFailed records a failed attempt (a card that could not be read, a
// lookup the OQS refused). It names no patient: none was shown. why must
// hold no patient data.
func logFailed(env *Env, action audit.Action, mode audit.Mode, why string) error {
	return appendEntry(env, func(*audit.Log) audit.Entry {
		return audit.Entry{Action: action, Mode: mode, Result: audit.Failed, Output: why}
	})
}

// appendEntry writes the entry entry makes to the data directory's log.
func appendEntry(env *Env, entry func(*audit.Log) audit.Entry) error {
	l, err := audit.OpenHome(audit.Options{Now: env.Now})
	if err != nil {
		return err
	}
	defer l.Close()
	if _, err := l.Append(entry(l)); err != nil {
		return fmt.Errorf("nothing was released because the access could not be logged: %w", err)
	}
	return nil
}

func runAudit(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("usage: kyukyu audit verify | kyukyu audit export -from YYYY-MM-DD -to YYYY-MM-DD [-o FILE]")
	}
	switch args[0] {
	case "verify":
		if len(args) > 1 {
			return usagef("audit verify takes no arguments")
		}
		return auditVerify(env)
	case "export":
		return auditExport(env, args[1:])
	}
	return usagef("unknown audit command %q: use verify or export", args[0])
}

// auditVerify checks the log against its anchor without creating
// anything: a missing log is a finding, not a reason to start a new one.
func auditVerify(env *Env) error {
	db, anchor, err := audit.HomePaths()
	if err != nil {
		return err
	}
	r, err := audit.Check(db, anchor)
	if err != nil {
		return err
	}
	for _, n := range r.Notes {
		fmt.Fprintf(env.Stdout, "note: %s\n", n)
	}
	fmt.Fprintf(env.Stdout, "audit log intact: %d entries, chain, anchor (%s) and append-only triggers verified\n", r.Entries, anchor)
	return nil
}

func auditExport(env *Env, args []string) error {
	fs := flag.NewFlagSet("audit export", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fromS := fs.String("from", "", "first Japan date YYYY-MM-DD (required)")
	toS := fs.String("to", "", "last Japan date YYYY-MM-DD (required)")
	out := fs.String("o", "", "CSV file to write (default: standard output)")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
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
	l, err := audit.OpenHome(audit.Options{Now: env.Now})
	if err != nil {
		return err
	}
	defer l.Close()
	var buf bytes.Buffer
	n, err := l.WriteCSV(&buf, from, to)
	if err != nil {
		return err
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
