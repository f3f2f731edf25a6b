package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"kyukyu/access"
	"kyukyu/config"
	"kyukyu/staff"
)

// staffCommands are the subcommands of `kyukyu staff`.
var staffCommands = map[string]func(ctx context.Context, env *Env, args []string) error{
	"add": runStaffAdd, "remove": runStaffRemove, "list": runStaffList,
}

// runStaff maintains the central database's staff cards, and lists the
// cards a workstation signs staff in with.
func runStaff(ctx context.Context, env *Env, args []string) error {
	return dispatch(ctx, env, "staff", args, staffCommands)
}

// adminURLFlag is -url of a change to the central table: the administrator's.
func adminURLFlag(fs *flag.FlagSet) *string {
	return fs.String("url", "", "the central database as its administrator: postgres://ADMIN:PW@HOST/DB")
}

func needAdmin(url, cmd string) error {
	if url == "" {
		return usagef("staff %s: -url ADMIN_URL is needed: the administrator changes the central staff_cards table (a CSV file is edited as a file)", cmd)
	}
	return nil
}

func runStaffAdd(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("staff add", flag.ContinueOnError)
	url := adminURLFlag(fs)
	uid := fs.String("uid", "", "the card's UID in hex, as kyukyu card read prints it")
	id := fs.String("id", "", "the staff ID (職員ID) the audit log names")
	name := fs.String("name", "", "the name the window shows beside 署名")
	dept := fs.String("department", "", "the department shown after the name, e.g. 救急科")
	groups := fs.String("groups", "", "groups the viewer lists name as %group, separated by semicolons")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if err := needAdmin(*url, "add"); err != nil {
		return err
	}
	s, err := staff.Make(*uid, *id, *name, *dept, *groups)
	if err != nil {
		return usagef("%v", err)
	}
	if err := staff.Add(ctx, *url, s); err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.Stdout, "card %s signs in %s (%s)\n", s.UID, s.ID, s.Name)
	return err
}

func runStaffRemove(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("staff remove", flag.ContinueOnError)
	url := adminURLFlag(fs)
	uid := fs.String("uid", "", "the card's UID in hex")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if err := needAdmin(*url, "remove"); err != nil {
		return err
	}
	return staff.Remove(ctx, *url, strings.ToUpper(strings.TrimSpace(*uid)))
}

func runStaffList(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("staff list", flag.ContinueOnError)
	url := fs.String("url", "", "the central database as any role that may read it (default: the workstation's staff_cards)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	cards, err := listStaff(ctx, *url)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join(staff.Header, "\t"))
	for _, s := range cards {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", s.UID, s.ID, s.Name, s.Department, strings.Join(s.Groups, ";"))
	}
	return w.Flush()
}

// listStaff is the cards of the central database at url, else of the
// machine-wide file's staff_cards.
func listStaff(ctx context.Context, url string) ([]access.Staff, error) {
	if url != "" {
		return staff.List(ctx, url)
	}
	m, err := config.LoadMachine()
	if err != nil {
		return nil, err
	}
	v, ok := m.Value(config.StaffCards)
	switch {
	case !ok:
		return nil, errors.New("staff: this workstation uses no staff cards (staff_cards is not set); add -url to list the central table")
	case v == config.StaffCentral:
		return staff.List(ctx, CentralURL(m, os.Getenv))
	}
	cards, err := staff.LoadCSV(v)
	if err != nil {
		return nil, err
	}
	out := make([]access.Staff, 0, len(cards))
	for _, s := range cards {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b access.Staff) int { return strings.Compare(a.ID+a.UID, b.ID+b.UID) })
	return out, nil
}
