package cli

import (
	"context"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"kyukyu/audit"
	"kyukyu/audit/review"
	"kyukyu/audit/review/web"
	"kyukyu/config"
	"kyukyu/internal/safefile"
	"kyukyu/pdf/auditreport"
	"kyukyu/summary"
)

// AuditorURLEnv is the auditor's address of the central log, when -url is
// not given (a password in the environment is not in the process list).
const AuditorURLEnv = "KYUKYU_AUDITOR_URL"

// reviewFlags adds what `audit serve` and `audit report` share: the
// auditor's URL and the thresholds of the flags.
func reviewFlags(fs *flag.FlagSet) (url *string, s func() (review.Settings, error)) {
	url = fs.String("url", "", "the central log as the read-only auditor, postgres://kyukyu_auditor@HOST/DB (default $"+AuditorURLEnv+"; keep the password in ~/.pgpass or PGPASSWORD)")
	d := review.Defaults
	tol := fs.Duration("clock-tolerance", d.Tolerance, "flag an entry whose time and the server's receipt disagree by more than this")
	gap := fs.Duration("forward-gap", d.ForwardGap, "flag entries that reached the central log later than this")
	maxP := fs.Int("max-patients", d.MaxPatients, "flag an operator who views more distinct patients in one shift")
	shifts := fs.String("shifts", "", "the hours (Japan time) at which shifts begin, e.g. 8,20 (default: the hospital's, set by central-init -shifts; others read every view of the period)")
	maxW := fs.Int("max-workstations", d.MaxStations, "flag a patient viewed from this many workstations or more")
	er := fs.String("er", "", "the ER's workstations, comma-separated: views elsewhere are flagged (default: the hospital's, set by central-init -er-workstations, else er_workstations of the machine-wide file)")
	return url, func() (review.Settings, error) {
		s := review.Settings{Tolerance: *tol, ForwardGap: *gap, MaxPatients: *maxP, MaxStations: *maxW}
		if *url == "" {
			*url = os.Getenv(AuditorURLEnv)
		}
		if *url == "" {
			return s, fmt.Errorf("-url: give the auditor's address of the central log (or set %s)", AuditorURLEnv)
		}
		if *tol < audit.MinClockTolerance || *gap < audit.MinForwardGap || *maxP < 1 || *maxW < 2 {
			return s, fmt.Errorf("-clock-tolerance must be at least %s, -forward-gap at least %s, -max-patients at least 1, -max-workstations at least 2",
				audit.MinClockTolerance, audit.MinForwardGap)
		}
		if *shifts != "" {
			var err error
			if s.ShiftStarts, err = parseShifts(*shifts); err != nil {
				return s, err
			}
		}
		s.ERFrom = review.ERFlag
		list := *er
		if list == "" { // the central log's list comes first (review.Load); this machine's after it
			s.ERFrom = review.ERMachine
			if m, err := config.LoadMachine(); err == nil {
				list, _ = m.Value(config.ERWorkstations)
			}
		}
		var err error
		if s.ER, err = audit.ParseStations(list); err != nil {
			return s, fmt.Errorf("%s: %v", map[review.ERSource]string{review.ERFlag: "-er", review.ERMachine: config.ERWorkstations}[s.ERFrom], err)
		}
		return s, nil
	}
}

// parseShifts reads -shifts: ascending hours of a day, comma-separated.
func parseShifts(list string) ([]int, error) {
	var out []int
	for _, h := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil || n < 0 || n > 23 || (len(out) > 0 && n <= out[len(out)-1]) {
			return nil, fmt.Errorf("-shifts %q: give ascending hours from 0 to 23, e.g. 8,20", list)
		}
		out = append(out, n)
	}
	return out, nil
}

// auditServe serves the review page until interrupted.
func auditServe(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("audit serve", flag.ContinueOnError)
	url, settings := reviewFlags(fs)
	listen := fs.String("listen", "127.0.0.1:8470", "address to serve the page on; beyond loopback it needs TLS and a password or client certificates")
	var a web.Access
	fs.StringVar(&a.CertFile, "tls-cert", "", "TLS certificate (PEM)")
	fs.StringVar(&a.KeyFile, "tls-key", "", "TLS private key (PEM)")
	pwFile := fs.String("password-file", "", "file whose first line is the page's access password (asked by the browser)")
	caFile := fs.String("client-ca", "", "accept only client certificates signed by this CA (PEM)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	s, err := settings()
	if err != nil {
		return usagef("%v", err)
	}
	if (a.CertFile == "") != (a.KeyFile == "") {
		return usagef("-tls-cert and -tls-key go together")
	}
	if *pwFile != "" {
		b, err := os.ReadFile(*pwFile)
		if err != nil {
			return usagef("-password-file: %v", err)
		}
		if a.Password, _, _ = strings.Cut(strings.TrimRight(string(b), "\r\n"), "\n"); strings.TrimSpace(a.Password) == "" {
			return usagef("-password-file %s: the first line is empty", *pwFile)
		}
	}
	if *caFile != "" {
		b, err := os.ReadFile(*caFile)
		if err != nil {
			return usagef("-client-ca: %v", err)
		}
		a.ClientCAs = x509.NewCertPool()
		if !a.ClientCAs.AppendCertsFromPEM(b) {
			return usagef("-client-ca %s: no PEM certificate in it", *caFile)
		}
	}
	if err := a.Check(*listen); err != nil {
		return usagef("-listen %s: %v", *listen, err)
	}
	src := audit.NewCentralReader(*url)
	defer src.Close()
	h := web.New(src, s)
	h.Now = env.Now
	return web.Serve(ctx, *listen, h, a, func(addr net.Addr) {
		scheme := "http"
		if a.CertFile != "" {
			scheme = "https"
		}
		fmt.Fprintf(env.Stdout, "kyukyu audit serve: %s://%s/ (read-only; Ctrl+C stops)\n", scheme, addr)
	})
}

// reviewTimeout bounds reading the central log for one report.
const reviewTimeout = 2 * time.Minute

// auditReport writes the monthly report as PDF.
func auditReport(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("audit report", flag.ContinueOnError)
	url, settings := reviewFlags(fs)
	monthS := fs.String("month", "", "the month to review, YYYY-MM (required)")
	out := fs.String("o", "", "the PDF to write (required)")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	s, err := settings()
	if err != nil {
		return usagef("%v", err)
	}
	month, err := summary.ParseMonth(*monthS)
	if err != nil {
		return usagef("-month: %v", err)
	}
	if *out == "" {
		return usagef("-o: name the PDF to write, e.g. -o report-%s.pdf", month)
	}
	if err := safefile.CheckTarget(*out); err != nil {
		return usagef("-o: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, reviewTimeout)
	defer cancel()
	src := audit.NewCentralReader(*url)
	defer src.Close()
	r, err := review.Load(ctx, src, month.First(), month.Last(), s, review.Filter{}, review.List{})
	if err != nil {
		return err
	}
	if err := safefile.Write(*out, func(w io.Writer) error { return auditreport.Render(w, r, month, env.Now()) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s, %d views, %d flags\n", *out, month, r.Views.Total, len(r.Flags))
	return nil
}
