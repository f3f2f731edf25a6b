// Package cli is kyukyu's command line: one function per subcommand, run
// with the standard streams so that tests drive it in process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"kyukyu/access"
)

// Env is what a command may touch.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Now    func() time.Time

	AuditURL string // the central audit log (-audit-url, $KYUKYU_AUDIT_URL); empty: local only
}

type command struct {
	run  func(ctx context.Context, env *Env, args []string) error
	help string
}

// commands is the table of subcommands.
var commands = map[string]command{
	"summary": {runSummary, "print a patient's filtered summary: -demo ID | -card SERIAL | -oqs FILE... | -insurance 保険者番号:記号:番号:枝番 [-oqs-req DIR -oqs-res DIR -institution CODE] [-date YYYY-MM-DD] [-mode emergency|normal] [-json]"},
	"demo":    {runDemo, "demo list: the training patients and what each case teaches"},
	"card":    {runCard, "card read [-reader NAME] [-wait 30s] [-json]: a My Number card's certificate (no PIN), or a staff card's UID | card readers"},
	"vcard":   {runVcard, "virtual My Number card on the vpcd reader: [-addr HOST:PORT] [-patient ID] [-pin 1234] [-tries 3] [-expired] [-kind K] [-uid HEX] [-fault SPEC]"},
	"audit":   {runAudit, "audit verify | audit export [-central] -from YYYY-MM-DD -to YYYY-MM-DD [-o FILE] | audit sync [-timeout 30s] | audit central-init -url ADMIN_URL -writer-password PW: check, export or forward the access log"},
	"backup":  {runBackup, "backup -to DIR [-keep 3]: verified copy of the data directory's databases, newest N kept"},
	"restore": {runRestore, "restore -from FILE: put a backup back (the current databases are kept beside)"},
	"ips":     {runIPS, "ips -demo ID | -card SERIAL | -oqs FILE... | -insurance 保険者番号:記号:番号:枝番 [-oqs-req DIR -oqs-res DIR -institution CODE] [-date YYYY-MM-DD] [-mode emergency|normal] -o FILE: FHIR IPS export"},
	"pdf":     {runPDF, "print a patient's summary as PDF: -demo ID | -card SERIAL | -oqs FILE... | -insurance 保険者番号:記号:番号:枝番 [-oqs-req DIR -oqs-res DIR -institution CODE] [-date YYYY-MM-DD] [-mode emergency|normal] -o OUT.pdf|-"},
	"drugs":   {runDrugs, "classify drug lines CODE<TAB>NAME from stdin"},
	"config":  {runConfig, "config [-file FILE]: check the machine-wide settings (KYUKYU_CONFIG, /etc/kyukyu/kyukyu.toml, %ProgramData%\\kyukyu\\kyukyu.toml) and list what they lock"},
	"version": {runVersion, "version [-json]: kyukyu's version, commit, build date and Go version"},
	"face":    {runFace, "face FILE [-json]: the patient identity in one face-auth result file (OQSsiquc01res_face_*.xml) of the connector"},
	"oqs-sim": {runOQSSim, "play the OQS connector on DIR/req and DIR/res from the training patients: -dir DIR [-encoding Shift_JIS|UTF-8] [-delay 2s] [-error CODE:MESSAGE] [-malformed] [-face ID] [-wrong-patient] [-slow-write 2s] [-late 30s] [-encoding-lie]"},
}

// UsageError is a bad argument: exit status 2.
type UsageError struct {
	msg   string
	cause error // the error among usagef's arguments, e.g. flag.ErrHelp
}

func (e *UsageError) Error() string { return e.msg }
func (e *UsageError) Unwrap() error { return e.cause }

func usagef(format string, a ...any) error {
	e := &UsageError{msg: fmt.Sprintf(format, a...)}
	for _, x := range a {
		if err, ok := x.(error); ok {
			e.cause = err
		}
	}
	return e
}

// IsCommand reports whether name is a subcommand (main sends the rest to the GUI).
func IsCommand(name string) bool { _, ok := commands[name]; return ok || name == "help" }

// Main runs args (without the program name) and returns the exit status.
func Main(args []string, env *Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "kyukyu: unknown command %q; commands: %s\n", args[0], strings.Join(names(), ", "))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	done := openDiag(args[0])
	code := exitCode(c.run(ctx, env, args[1:]), args[0], env)
	done(code)
	return code
}

// minHeap is the heap a command process grows to before its first garbage
// collection: a summary or PDF of one patient (~6 MB) ends before it, the
// 2,700-row heavy patient stays well under the 60 MB of issue 11.
const minHeap = 24 << 20

// LateGC makes this process collect garbage only once its heap reaches
// minHeap, then as usual (GOGC=100). The runtime's own first collection
// comes at 4 MB: a command that prints one patient then spends ~15% of
// its CPU collecting twice a heap it is about to drop by exiting. A GOGC
// or GOMEMLIMIT in the environment is left in charge. Main does not call
// it: it sets the whole process, so only the program's entry may.
func LateGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(minHeap)
	// Finalizers run after the collection that freed their object, the
	// first one here; an object of 16 bytes or more is never batched with
	// others (a batched one may never be finalized).
	runtime.SetFinalizer(new([32]byte), func(*[32]byte) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

// exitCode prints err and says the status: 0, 1, 2 for bad usage, 3 for
// a view the hospital's rights refuse.
func exitCode(err error, name string, env *Env) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0 // -h: the flag package has printed the command's flags
	}
	// The package a command is named after prefixes its errors too: say it once.
	fmt.Fprintf(env.Stderr, "kyukyu %s: %s\n", name, strings.TrimPrefix(oneLine(err), name+": "))
	var ue *UsageError
	var denied *access.Denied
	switch {
	case errors.As(err, &ue):
		return 2
	case errors.As(err, &denied):
		return 3
	}
	return 1
}

// parseFlags parses a command's flags. A wrong flag is the one line the
// caller makes of the error, not the error followed by every flag; -h
// prints the flags (to the FlagSet's output, as the flag package does).
func parseFlags(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(out)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(out, "Usage of %s:\n", fs.Name())
		fs.PrintDefaults()
	}
	return err
}

// oneLine is err's message on one line: some causes span several (pgx
// says one line per address it tried), and a message is one line.
func oneLine(err error) string {
	if err == nil {
		return "no error"
	}
	var b strings.Builder
	for _, p := range strings.Split(err.Error(), "\n") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		switch s := b.String(); {
		case strings.HasSuffix(s, ":"): // a list follows its heading
			b.WriteString(" ")
		case s != "":
			b.WriteString("; ")
		}
		b.WriteString(p)
	}
	return b.String()
}

func names() []string {
	var ns []string
	for n := range commands {
		ns = append(ns, n)
	}
	sort.Strings(ns)
	return ns
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "kyukyu — 救急用サマリー for the emergency room\n\nusage:\n  kyukyu [-demo]            open the window (training mode with -demo)")
	for _, n := range names() {
		fmt.Fprintf(w, "  kyukyu %-18s %s\n", n, commands[n].help)
	}
}
