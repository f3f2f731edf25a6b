package cli

import (
	"context"
	"flag"
	"fmt"

	"kyukyu/buildinfo"
)

func runVersion(_ context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	info := buildinfo.Get()
	if *asJSON {
		return writeJSON(env.Stdout, info)
	}
	_, err := fmt.Fprintln(env.Stdout, info)
	return err
}
