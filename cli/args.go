package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// parseArgs parses a command's flags wherever they stand among args —
// before, between or after its positional arguments — and returns the
// positional ones, which must be exactly want (e.g. "FILE"). Anything more
// is refused by name: nothing typed is dropped. After "--" everything is
// positional. -h prints the command's help to standard output and returns
// flag.ErrHelp.
func parseArgs(env *Env, fs *flag.FlagSet, args []string, want ...string) ([]string, error) {
	fs.SetOutput(io.Discard) // a wrong flag is the one line exitCode makes of the error
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			commandHelp(env.Stdout, fs)
			return nil, err
		} else if err != nil {
			return nil, usagef("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	if err := refusedFlag(fs); err != nil {
		return nil, err
	}
	switch {
	case len(pos) > len(want) && len(want) > 0:
		return nil, usagef("want %s, got %d arguments: %s", strings.Join(want, " "), len(pos), quoted(pos))
	case len(pos) > len(want):
		return nil, unexpected(fs, pos)
	}
	if len(pos) < len(want) {
		return nil, usagef("missing %s", strings.Join(want[len(pos):], " "))
	}
	return pos, nil
}

// refusing is a flag value that refuses what was typed after parsing,
// without the flag package echoing the value (it may hold a password).
type refusing interface{ refused() error }

func refusedFlag(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if r, ok := f.Value.(refusing); ok && err == nil {
			if e := r.refused(); e != nil {
				err = usagef("%v", e)
			}
		}
	})
	return err
}

// unexpected refuses extra arguments, naming them. A flag that takes one
// value per use, given several values after it, says how to give them.
func unexpected(fs *flag.FlagSet, extra []string) error {
	s := ""
	if len(extra) > 1 {
		s = "s"
	}
	hint := ""
	fs.Visit(func(f *flag.Flag) {
		if _, ok := f.Value.(*fileList); ok {
			hint = fmt.Sprintf(" (-%s takes one file: repeat it, -%s A -%s B)", f.Name, f.Name, f.Name)
		}
	})
	return usagef("unexpected argument%s %s%s", s, quoted(extra), hint)
}

func quoted(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, " ")
}

// dispatch runs the subcommand of a command with several (audit verify,
// card read, demo list); -h is the command's help.
func dispatch(ctx context.Context, env *Env, name string, args []string, subs map[string]func(context.Context, *Env, []string) error) error {
	var names []string
	for n := range subs {
		names = append(names, n)
	}
	slices.Sort(names)
	if len(args) == 0 {
		return usagef("say which: %s", strings.Join(names, ", "))
	}
	if isHelp(args[0]) {
		commandHelp(env.Stdout, flag.NewFlagSet(name, flag.ContinueOnError))
		return flag.ErrHelp
	}
	run, ok := subs[args[0]]
	if !ok {
		return usagef("unknown %s command %q: use %s", name, args[0], strings.Join(names, ", "))
	}
	return run(ctx, env, args[1:])
}

// noFlags is the parse of a subcommand without flags (demo list, card readers).
func noFlags(env *Env, name string, args []string) error {
	_, err := parseArgs(env, flag.NewFlagSet(name, flag.ContinueOnError), args)
	return err
}

func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "-help" || arg == "--help"
}

// help answers `kyukyu help`, `kyukyu -h` and `kyukyu help COMMAND`, the
// last by asking the command itself, so its text is that of `kyukyu COMMAND -h`.
func help(env *Env, args []string) int {
	switch {
	case len(args) <= 1:
		Help(env.Stdout)
		return 0
	case len(args) > 2:
		return exitCode(unexpected(flag.NewFlagSet("help", flag.ContinueOnError), args[2:]), "help", env)
	}
	c, ok := commands[args[1]]
	if !ok {
		fmt.Fprintf(env.Stderr, "kyukyu help: unknown command %q; commands: %s\n", args[1], strings.Join(names(), ", "))
		return 2
	}
	return exitCode(c.run(context.Background(), env, []string{"-h"}), args[1], env)
}

// Help is the one help text: the window, its flags, then every command's
// forms. `kyukyu -h` and `kyukyu help` print it.
func Help(w io.Writer) {
	fmt.Fprintf(w, "kyukyu — 救急用サマリー for the emergency room\n\nThe window:\n  kyukyu %s\n      %s\n", windowForm, windowWhat)
	fs := flag.NewFlagSet("kyukyu", flag.ContinueOnError)
	WindowFlags(fs)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nCommands (kyukyu COMMAND -h: its flags):")
	for _, n := range names() {
		block(w, n)
	}
	fmt.Fprintln(w, "\nA usage error exits 2, a view the hospital's rights refuse 3, any other failure 1. Docs: README.md and docs/ beside the program's source.")
}

// commandHelp is `kyukyu COMMAND -h`: the command's block of Help, then
// the flags of fs (of the subcommand, for audit export -h).
func commandHelp(w io.Writer, fs *flag.FlagSet) {
	block(w, strings.Fields(fs.Name())[0])
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\nflags of kyukyu %s:\n", fs.Name())
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// block is one command in Help: every form, then what it does.
func block(w io.Writer, name string) {
	c := commands[name]
	for _, f := range c.forms {
		fmt.Fprintf(w, "  kyukyu %s %s\n", name, f)
	}
	fmt.Fprintf(w, "      %s\n", c.what)
}

// synopsis is every form of a command on one line, for a usage error.
func synopsis(name string) string {
	c, ok := commands[name]
	if !ok {
		return "kyukyu help"
	}
	forms := make([]string, len(c.forms))
	for i, f := range c.forms {
		forms[i] = "kyukyu " + name + " " + f
	}
	return strings.Join(forms, " | ")
}

// Window is what the window's flags ask for.
type Window struct {
	Demo                   bool
	Patient, Date, OQSFace string
}

const (
	windowForm = "[-demo [-patient ID] [-date YYYY-MM-DD]] [-oqs-face DIR]"
	windowWhat = "open the window (training mode on synthetic patients with -demo)"
	// WindowUsage ends the window's usage errors: every form it accepts.
	WindowUsage = "usage: kyukyu " + windowForm + " | kyukyu COMMAND … (kyukyu help lists them)"
)

// WindowFlags adds the window's flags to fs: the window parses them, Help lists them.
func WindowFlags(fs *flag.FlagSet) *Window {
	w := &Window{}
	fs.BoolVar(&w.Demo, "demo", false, "training mode on synthetic patients")
	fs.StringVar(&w.Patient, "patient", "", "training mode: open this training patient `ID` at start (see kyukyu demo list)")
	fs.StringVar(&w.Date, "date", "", "training mode: creation date YYYY-MM-DD (default: today in Japan)")
	fs.StringVar(&w.OQSFace, "oqs-face", "", "the OQS connector's face-auth result folder (default: face beside the res folder)")
	return w
}
