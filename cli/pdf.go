package cli

import (
	"bytes"
	"context"
	"flag"
	"io"

	"kyukyu/audit"
	"kyukyu/internal/safefile"
	"kyukyu/pdf"
)

const stdoutName = "-"

func runPDF(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("pdf", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	pf := addPatientFlags(fs, audit.Print)
	addAuditURLFlag(fs, env)
	out := fs.String("o", "", "output file (.pdf), or - for standard output")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if *out == "" {
		return usagef("say where to write the PDF with -o FILE.pdf (or -o - for standard output)")
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q; flags go before it", fs.Arg(0))
	}
	v, err := pf.view(ctx, env)
	if err != nil {
		return err
	}
	if *out == stdoutName {
		// Render fully first so that a failure writes nothing at all.
		var buf bytes.Buffer
		if err := pdf.Render(&buf, v); err != nil {
			return err
		}
		if err := logAccess(env, audit.Print, v, "kyukyu pdf: standard output", ""); err != nil {
			return err
		}
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	return safefile.Write(*out, func(f io.Writer) error {
		if err := pdf.Render(f, v); err != nil {
			return err
		}
		return logAccess(env, audit.Print, v, "kyukyu pdf", *out)
	})
}
