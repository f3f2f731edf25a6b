package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"kyukyu/audit"
	"kyukyu/config"
	"kyukyu/reader"
	"kyukyu/staff"
	"kyukyu/summary/alerttext"
	"kyukyu/training"
)

// cardCommands are the subcommands of `kyukyu card`.
var cardCommands = map[string]func(ctx context.Context, env *Env, args []string) error{
	"read":    runCardRead,
	"readers": runCardReaders,
}

func runCard(ctx context.Context, env *Env, args []string) error {
	return dispatch(ctx, env, "card", args, cardCommands)
}

func runCardRead(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("card read", flag.ContinueOnError)
	name := fs.String("reader", "", "read only on readers whose name contains `NAME` (see kyukyu card readers)")
	wait := fs.Duration("wait", 30*time.Second, "how long to wait for a card")
	asJSON := fs.Bool("json", false, "print JSON")
	addAuditURLFlag(fs, env)
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *wait <= 0 {
		return usagef("-wait must be more than 0")
	}
	ctx, cancel := context.WithTimeout(ctx, *wait)
	defer cancel()
	ev, err := waitCard(ctx, reader.Watch(ctx, reader.WithReader(*name), reader.WithClock(env.Now)), env.Stderr)
	var refused *cardRefused
	if errors.As(err, &refused) {
		mode := audit.WithoutConsent
		if strings.HasPrefix(refused.reader, trainingReader) {
			mode = audit.Training
		}
		if lerr := logFailed(env, audit.CardRead, mode, "card read failed: "+err.Error()); lerr != nil {
			return fmt.Errorf("%w; and the failed attempt could not be logged: %w", err, lerr)
		}
	}
	if err != nil {
		return err
	}
	if ev.State == reader.StaffCard {
		return writeStaffCard(ctx, env, ev.UID, *asJSON)
	}
	info := ev.Card
	// The entry names no card: its serial identifies a person.
	mode := audit.WithoutConsent
	if training.IsCard(info.Serial) {
		mode = audit.Training
	}
	if err := appendEntry(env, func(*audit.Log) audit.Entry {
		return audit.Entry{Action: audit.CardRead, Mode: mode, Output: "card read: " + info.Token}
	}); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, struct {
			*reader.CardInfo
			Warnings []string `json:"warnings,omitempty"`
		}{info, cardWarnings(info)})
	}
	return writeCard(env.Stdout, info)
}

// cardWarnings is the certificate's end in the CLI's words (English).
func cardWarnings(c *reader.CardInfo) []string {
	if e := c.Expiry; e != nil {
		return []string{alerttext.CardExpiry(string(e.Kind), e.End, e.GraceEnd, e.DaysLeft, alerttext.Language("en"))}
	}
	return nil
}

// waitCard follows the monitor until a card was read (a My Number card or
// a staff card), refused or failed. A card removed in the middle is
// waited for again.
func waitCard(ctx context.Context, events <-chan reader.Event, status io.Writer) (reader.Event, error) {
	last := reader.Event{State: reader.NoService, Err: reader.ErrNoService}
	for ev := range events {
		switch ev.State {
		case reader.CardRead, reader.StaffCard:
			return ev, nil
		case reader.NotMyNumber, reader.Failed:
			return ev, &cardRefused{ev.Err, ev.Reader}
		case reader.Waiting, reader.Removed:
			fmt.Fprintf(status, "kyukyu card: %s on %s\n", ev.State, ev.Reader)
		}
		last = ev
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return last, ctx.Err()
	}
	switch last.State {
	case reader.NoService, reader.NoReader:
		return last, last.Err
	}
	return last, errors.New("no card was put on the reader in time: put the card on the reader, or wait longer with -wait")
}

// cardRefused is a card that was put on the reader and could not be read:
// a failed attempt, unlike a reader left empty.
type cardRefused struct {
	err    error
	reader string
}

// trainingReader starts the name of the virtual reader `kyukyu vcard`
// serves: training cards exist only there, so an attempt that fails on it
// is logged as training, by where the card is, not by what it answered.
const trainingReader = "Virtual PCD"

func (e *cardRefused) Error() string { return e.err.Error() }
func (e *cardRefused) Unwrap() error { return e.err }

func writeCard(out io.Writer, c *reader.CardInfo) error {
	w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	const when = "2006-01-02 15:04 MST"
	fmt.Fprintf(w, "token\t%s\nserial\t%s\nnotBefore\t%s\nnotAfter\t%s\nissuer\t%s\ncertSHA256\t%s\n",
		c.Token, c.Serial, c.NotBefore.Format(when), c.NotAfter.Format(when), c.Issuer, c.CertSHA256)
	for _, s := range cardWarnings(c) {
		fmt.Fprintf(w, "warning\t%s\n", s)
	}
	return w.Flush()
}

func runCardReaders(ctx context.Context, env *Env, args []string) error {
	if err := noFlags(env, "card readers", args); err != nil {
		return err
	}
	rs, err := reader.Readers()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	for _, r := range rs {
		state := "empty"
		if r.Present {
			state = fmt.Sprintf("card (ATR % X)", r.ATR)
		}
		fmt.Fprintf(w, "%s\t%s\n", r.Name, state)
	}
	return w.Flush()
}

// staffCardInfo is what `kyukyu card read` says of a staff card: its UID,
// what IT registers with `kyukyu staff add -uid`, and whom the
// workstation's staff_cards sign in with it. Not patient data: no entry.
type staffCardInfo struct {
	UID        string `json:"uid"`
	Registered string `json:"registered"` // "yes", "no", or why it is not known
	StaffID    string `json:"staffId,omitempty"`
	Name       string `json:"name,omitempty"`
	Department string `json:"department,omitempty"`
}

func writeStaffCard(ctx context.Context, env *Env, uid string, asJSON bool) error {
	info := staffCardInfo{UID: uid, Registered: "staff_cards is not set"}
	m, err := config.LoadMachine()
	if err != nil {
		return err
	}
	dir, err := staff.Open(m, CentralURL(m, os.Getenv))
	switch {
	case err != nil:
		info.Registered = err.Error()
	case dir != nil:
		s, err := dir.Lookup(ctx, uid)
		switch {
		case errors.Is(err, staff.ErrUnknown):
			info.Registered = "no"
		case err != nil:
			info.Registered = err.Error()
		default:
			info.Registered, info.StaffID, info.Name, info.Department = "yes", s.ID, s.Name, s.Department
		}
	}
	if asJSON {
		return writeJSON(env.Stdout, info)
	}
	w := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "staff card (no JPKI application)\nuid\t%s\nregistered\t%s\n", info.UID, info.Registered)
	if info.StaffID != "" {
		fmt.Fprintf(w, "staff\t%s %s %s\n", info.StaffID, info.Name, info.Department)
	}
	return w.Flush()
}
