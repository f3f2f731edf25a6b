package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"kyukyu/audit"
	"kyukyu/internal/safefile"
	"kyukyu/ips"
)

func runIPS(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("ips", flag.ContinueOnError)
	pf := addPatientFlags(fs, env, audit.Export)
	out := fs.String("o", "", "FHIR JSON file to write (required)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("say where to write the bundle with -o FILE.json")
	}
	v, err := pf.view(ctx, env)
	if err != nil {
		return err
	}
	doc, err := ips.Build(v, env.Now())
	if err != nil {
		return err
	}
	// The file appears only once its export is in the audit log.
	err = safefile.Write(*out, func(f io.Writer) error {
		if _, err := f.Write(doc); err != nil {
			return fmt.Errorf("cannot write %s: %w", *out, err)
		}
		return logAccess(env, audit.Export, v, fmt.Sprintf("kyukyu ips: FHIR IPS bundle (%s mode)", v.Mode), *out)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: FHIR R4 International Patient Summary (%d bytes)\n", *out, len(doc))
	return nil
}
