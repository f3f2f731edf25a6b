package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"kyukyu/backup"
	"kyukyu/internal/home"
)

func runBackup(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	to := fs.String("to", "", "folder for the backup archives (required)")
	keep := fs.Int("keep", 3, "generations to keep in that folder")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *to == "" {
		return usagef("-to DIR is required")
	}
	if *keep < 1 {
		return usagef("-keep must be at least 1")
	}
	dir, err := home.Dir()
	if err != nil {
		return err
	}
	res, err := backup.Run(ctx, dir, *to, *keep, env.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s, verified\n", res.Path, strings.Join(res.Files, ", "))
	for _, r := range res.Removed {
		fmt.Fprintf(env.Stdout, "removed old generation %s\n", r)
	}
	return nil
}

func runRestore(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	from := fs.String("from", "", "backup archive kyukyu-backup-*.tar.gz (required)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usagef("-from FILE is required")
	}
	dir, err := home.Dir()
	if err != nil {
		return err
	}
	saved, err := backup.Restore(ctx, *from, dir, env.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "restored %s into %s\n", *from, dir)
	for _, s := range saved {
		fmt.Fprintf(env.Stdout, "the previous database was kept as %s\n", s)
	}
	return nil
}
