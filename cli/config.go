package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"kyukyu/access"
	"kyukyu/config"
)

// runConfig checks the machine-wide settings file, as IT does before
// deploying it: the keys it locks, or the one line saying what is wrong.
func runConfig(_ context.Context, env *Env, args []string) error {
	if len(args) > 0 && args[0] == "install" {
		return runConfigInstall(env, args[1:])
	}
	fs := flag.NewFlagSet("config", flag.ContinueOnError)
	file := fs.String("file", "", "the file to check (default: $KYUKYU_CONFIG, else "+config.DefaultPath()+")")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	var m *config.Machine
	var err error
	if *file != "" {
		m, err = config.Load(*file)
	} else {
		m, err = config.LoadMachine()
	}
	if err != nil {
		return err
	}
	defer warnOpen(env, m)
	if m.Path == "" {
		fmt.Fprintf(env.Stdout, "no machine-wide settings (%s): every setting is per user\n", config.DefaultPath())
		return nil
	}
	fmt.Fprintf(env.Stdout, "%s: set by the administrator (users cannot change these):\n", m.Path)
	set := 0
	for _, k := range config.Keys {
		if v, ok := m.Value(k); ok {
			set++
			if k == config.AuditURL {
				v = config.Redacted(v) // the workstation's password stays off the screen
			}
			fmt.Fprintf(env.Stdout, "  %-13s %s\n", k, v)
		}
	}
	if set == 0 {
		// An empty file is valid: say so, and what it could lock.
		fmt.Fprintf(env.Stdout, "  nothing: the file sets no key, so every setting is per user (keys: %s)\n", strings.Join(config.Keys, ", "))
	}
	return nil
}

// warnOpen says which legal grounds anyone at the workstation may view in:
// the right is the hospital's to grant (emergency_viewers, consent_viewers).
func warnOpen(env *Env, m *config.Machine) {
	for _, key := range access.FromMachine(m).Open() {
		fmt.Fprintf(env.Stderr, "kyukyu config: warning: %s is not set: every account of this workstation may view real patients in that mode; list the accounts and %%groups allowed\n", key)
	}
}

// runConfigInstall is what the MSI runs (as SYSTEM) with IT's properties:
// the folder of the machine-wide file closed to ordinary users, and the
// file copied from -from or written from the other flags. Empty flags are
// properties IT did not set.
func runConfigInstall(env *Env, args []string) error {
	fs := flag.NewFlagSet("config install", flag.ContinueOnError)
	from := fs.String("from", "", "copy this file (e.g. \\\\server\\share\\kyukyu.toml)")
	set := map[string]*string{
		config.Mode:        fs.String("mode", "", "training or oqs"),
		config.Institution: fs.String("institution", "", "医療機関コード (10 digits)"),
		config.AuditURL:    fs.String("audit-url", "", "the central audit log, postgres://…"),
	}
	oqsDir := fs.String("oqs-dir", "", "the OQS connector's folder, holding req and res")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	values := map[string]string{}
	for k, v := range set {
		if *v != "" {
			values[k] = *v
		}
	}
	if *oqsDir != "" {
		values[config.OQSReq] = filepath.Join(*oqsDir, "req")
		values[config.OQSRes] = filepath.Join(*oqsDir, "res")
	}
	if *from != "" && len(values) > 0 {
		return usagef("-from copies IT's whole file: give it alone, or the keys without it")
	}
	path := config.DefaultPath()
	if err := config.Install(path, *from, values); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: machine-wide settings ready; only administrators can change them\n", path)
	return nil
}
