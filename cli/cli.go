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
	"syscall"
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
	run   func(ctx context.Context, env *Env, args []string) error
	forms []string // every form the command accepts, after "kyukyu NAME"
	what  string   // what it does
}

// patientForm is how summary, pdf and ips are told the patient: one -oqs
// per file (a second file after one -oqs is refused, not dropped).
const patientForm = "-demo ID | -card SERIAL | -oqs FILE [-oqs FILE]... | -insurance 保険者番号:記号:番号:枝番 [-oqs-req DIR -oqs-res DIR -institution CODE -timeout 60s -file-category 4|2] [-date YYYY-MM-DD] [-mode emergency|normal] [-audit-url URL]"

// commands is the table of subcommands; the help and every usage error are
// made from it. It is filled in init: a command's -h reads it.
var commands map[string]command

func init() {
	commands = map[string]command{
		"summary": {runSummary, []string{patientForm + " [-json]"}, "print a patient's filtered summary"},
		"demo":    {runDemo, []string{"list"}, "the training patients and what each case teaches"},
		"card":    {runCard, []string{"read [-reader NAME] [-wait 30s] [-json] [-audit-url URL]", "readers"}, "a My Number card's certificate (no PIN), or a staff card's UID | the card readers"},
		"vcard":   {runVcard, []string{"[-addr HOST:PORT] [-patient ID] [-pin 1234] [-tries 3] [-expired] [-kind mynumber|smartphone|juki|other|staff] [-uid HEX] [-fault SPEC]"}, "a virtual My Number card on the vpcd reader"},
		"audit": {runAudit, []string{"verify [-audit-url URL] [-clock-tolerance 10m]", "export [-central] -from YYYY-MM-DD -to YYYY-MM-DD [-o FILE] [-audit-url URL]",
			"sync [-timeout 30s] [-audit-url URL]", "central-init -url ADMIN_URL [-auditor-password PW] [-shifts 8,20]", "central-enroll -url ADMIN_URL -workstation NAME -password PW",
			"serve -url AUDITOR_URL [-listen 127.0.0.1:8470] [-tls-cert FILE -tls-key FILE] [-password-file FILE] [-client-ca FILE] [-er WS,WS] [-shifts 8,20] [-max-patients N] [-max-workstations N] [-clock-tolerance D] [-forward-gap D]",
			"report -url AUDITOR_URL -month YYYY-MM -o report.pdf [the thresholds of serve]"}, "check, export or forward the access log; review it (a page, a monthly PDF)"},
		"backup":  {runBackup, []string{"-to DIR [-keep 3]"}, "verified copy of the data directory's databases, newest N kept"},
		"restore": {runRestore, []string{"-from FILE"}, "put a backup back (the current databases are kept beside)"},
		"ips":     {runIPS, []string{patientForm + " -o FILE"}, "FHIR IPS export of a patient's summary"},
		"pdf":     {runPDF, []string{patientForm + " -o OUT.pdf|-"}, "print a patient's summary as PDF"},
		"drugs":   {runDrugs, []string{"classify < LINES"}, "classify drug lines CODE<TAB>NAME from stdin; stdout: CODE<TAB>NAME<TAB>CLASS<TAB>SUBCLASS"},
		"config":  {runConfig, []string{"[-file FILE]", "install [-from FILE | -mode M -oqs-dir DIR -institution CODE -audit-url URL]"}, "check the machine-wide settings (KYUKYU_CONFIG, /etc/kyukyu/kyukyu.toml, %ProgramData%\\kyukyu\\kyukyu.toml) and list what they lock, or set them up as the MSI does"},
		"version": {runVersion, []string{"[-json]"}, "kyukyu's version, module version, commit and Go version"},
		"face":    {runFace, []string{"FILE [-json] [-audit-url URL]"}, "the patient identity in one face-auth result file (OQSsiquc01res_face_*.xml) of the connector"},
		"staff": {runStaff, []string{"add -url ADMIN_URL -uid HEX -id STAFF_ID -name NAME [-department DEPT] [-groups 'G1;G2']", "remove -url ADMIN_URL -uid HEX", "list [-url URL]"},
			"the staff cards (職員証) that sign staff in at shared terminals"},
		"oqs-sim": {runOQSSim, []string{"-dir DIR [-encoding Shift_JIS|UTF-8] [-delay 2s] [-error CODE:MESSAGE] [-malformed] [-face ID] [-wrong-patient] [-slow-write 2s] [-late 30s] [-encoding-lie]"},
			"play the OQS connector on DIR/req and DIR/res from the training patients"},
	}
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
func IsCommand(name string) bool { _, ok := commands[name]; return ok || isHelp(name) }

// Main runs args (without the program name) and returns the exit status.
func Main(args []string, env *Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) == 0 || isHelp(args[0]) {
		return help(env, args)
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "kyukyu: unknown command %q; commands: %s (kyukyu help)\n", args[0], strings.Join(names(), ", "))
		return 2
	}
	// SIGTERM (a logout, a service stop) ends a command as Ctrl-C does:
	// its deferred work (the log's close, the forwarder's stop) runs.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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
	msg := strings.TrimPrefix(oneLine(err), name+": ")
	var ue *UsageError
	if errors.As(err, &ue) {
		// A usage error says every form the command accepts, on the same line.
		fmt.Fprintf(env.Stderr, "kyukyu %s: %s; usage: %s\n", name, msg, synopsis(name))
		return 2
	}
	fmt.Fprintf(env.Stderr, "kyukyu %s: %s\n", name, msg)
	var denied *access.Denied
	if errors.As(err, &denied) {
		return 3
	}
	return 1
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
