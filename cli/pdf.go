package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"kyukyu/audit"
	"kyukyu/internal/safefile"
	"kyukyu/pdf"
	"kyukyu/summary"
)

const stdoutName = "-"

func runPDF(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("pdf", flag.ContinueOnError)
	pf := addPatientFlags(fs, env, audit.Print)
	out := fs.String("o", "", "output file (.pdf), or - for standard output")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the PDF with -o FILE.pdf (or -o - for standard output)")
	}
	// A directory, FIFO, device or symbolic link is refused before the
	// patient is even looked up.
	if *out != stdoutName {
		if err := safefile.CheckTarget(*out); err != nil {
			return err
		}
	}
	v, err := pf.view(ctx, env)
	if err != nil {
		return err
	}
	p, err := pdf.Layout(v)
	if err != nil {
		return err
	}
	if len(p.Missing) > 0 {
		codes := make([]string, len(p.Missing))
		for i, c := range p.Missing {
			codes[i] = fmt.Sprintf("U+%04X", c)
		}
		fmt.Fprintf(env.Stderr, "kyukyu pdf: no bundled font has %s; printed as 〓 and named on every page\n", strings.Join(codes, ", "))
	}
	if *out == stdoutName {
		return printToStdout(env, v, p)
	}
	// The file is written first and the access logged once it exists: a
	// print that failed is logged as failed, never as done. If the log
	// cannot be written the file is taken back.
	const output = "kyukyu pdf"
	if err := safefile.Write(*out, func(w io.Writer) error { _, err := p.WriteTo(w); return err }); err != nil {
		return withFailureLogged(err, logPrintFailed(env, v, output, *out))
	}
	if err := logAccess(env, audit.Print, v, output, *out); err != nil {
		if rmErr := os.Remove(*out); rmErr != nil {
			return fmt.Errorf("%w; and %s could not be removed: %w", err, *out, rmErr)
		}
		return err
	}
	return nil
}

// printToStdout logs before anything leaves, since standard output cannot
// be taken back; a write that then fails is logged as failed too.
func printToStdout(env *Env, v *summary.View, p *pdf.Printed) error {
	var buf bytes.Buffer
	if _, err := p.WriteTo(&buf); err != nil {
		return err
	}
	const output = "kyukyu pdf: standard output"
	if err := logAccess(env, audit.Print, v, output, ""); err != nil {
		return err
	}
	if _, err := env.Stdout.Write(buf.Bytes()); err != nil {
		return withFailureLogged(fmt.Errorf("writing to standard output: %w", err), logPrintFailed(env, v, output, ""))
	}
	return nil
}

// withFailureLogged keeps the error one line when logging it failed too.
func withFailureLogged(err, logErr error) error {
	if logErr != nil {
		return fmt.Errorf("%w (and the failure could not be logged: %v)", err, logErr)
	}
	return err
}

// logPrintFailed records a print of an identified patient that did not
// complete; nil when it was logged.
func logPrintFailed(env *Env, v *summary.View, output, file string) error {
	return appendEntry(env, func(l *audit.Log) audit.Entry {
		e := viewEntry(l, audit.Print, v, output, file)
		e.Result = audit.Failed
		return e
	})
}
