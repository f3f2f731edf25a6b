package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"kyukyu/audit"
	"kyukyu/pdf"
)

const stdoutName = "-"

func runPDF(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("pdf", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	pf := addPatientFlags(fs, audit.Print)
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
		if err := logAccess(env, audit.Print, v, "kyukyu pdf: standard output"); err != nil {
			return err
		}
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	return writeAtomically(*out, func(f *os.File) error {
		if err := pdf.Render(f, v); err != nil {
			return err
		}
		return logAccess(env, audit.Print, v, "kyukyu pdf: "+*out)
	})
}

// writeAtomically writes a file in the target's directory and renames it
// into place, so that a failure leaves no partial file behind. The file is
// owner-only (CreateTemp's mode): it holds patient data.
func writeAtomically(path string, write func(*os.File) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v", dir, unwrapPath(err))
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	// Sync before the rename so a power cut leaves the old file or the whole new one.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the temp file's name from an error: the user knows the
// target path, not ours.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
