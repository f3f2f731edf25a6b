package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"kyukyu/access"
	"kyukyu/audit"
	"kyukyu/config"
	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/summary/alerttext"
	"kyukyu/training"
)

// patientFlags are the flags every command that shows a patient shares:
// which patient, as of which Japan date, in which mode.
type patientFlags struct {
	action                 audit.Action // what the command does with the patient, for failed attempts
	demo, card, date, mode string
	oqs                    fileList
	insurance              string
	oqsReq, oqsRes, inst   string
	category               string
	timeout                time.Duration
	// machine is the hospital's machine-wide file; machineErr why it was refused.
	machine    *config.Machine
	machineErr error
}

// fileList is a repeatable file flag.
type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

// addPatientFlags adds the patient flags, and -audit-url: every such command writes an
// audit entry. The machine-wide file is read once for both.
func addPatientFlags(fs *flag.FlagSet, env *Env, action audit.Action) *patientFlags {
	p := &patientFlags{action: action}
	p.machine, p.machineErr = config.LoadMachine()
	if p.machineErr != nil {
		p.machine = config.Refused(config.DefaultPath())
	}
	auditURLFlag(fs, env, p.machine)
	fs.StringVar(&p.demo, "demo", "", "training patient `ID` (see kyukyu demo list)")
	fs.StringVar(&p.card, "card", "", "card certificate serial (hex) of a training patient's virtual card")
	fs.StringVar(&p.date, "date", "", "creation date YYYY-MM-DD (default: today in Japan)")
	fs.StringVar(&p.mode, "mode", string(summary.Emergency), "emergency (救急用の期間) or normal (同意ありの期間)")
	fs.Var(&p.oqs, "oqs", "OQS result `FILE` (YZKsiquc01res_*.xml, TKKsiquc01res_*.xml), one per -oqs: repeat -oqs for each file of the patient")
	fs.StringVar(&p.insurance, "insurance", "", "insurance numbers 保険者番号:記号:番号:枝番 (checked as typed); the training patients, or the OQS with -oqs-req")
	fs.StringVar(&p.oqsReq, "oqs-req", "", "with -insurance: ask the OQS through the connector's request folder")
	fs.StringVar(&p.oqsRes, "oqs-res", "", "with -oqs-req: the connector's result folder")
	fs.StringVar(&p.inst, "institution", "", "with -oqs-req: the 10-digit medical institution code")
	fs.DurationVar(&p.timeout, "timeout", oqs.DefaultTimeout, "with -oqs-req: how long to wait for the OQS")
	fs.StringVar(&p.category, "file-category", "4", "with -oqs-req: FileCategory of the drug request, 4 (薬剤+診療情報 XML) or 2 (薬剤情報 only)")
	return p
}

// typedInsurance parses and checks numbers a person typed: a wrong check
// digit is refused here, unlike delivered data, which is shown with a warning.
func typedInsurance(s string) (*summary.Insurance, error) {
	f := strings.Split(s, ":")
	if len(f) != 4 {
		// The numbers are not echoed: they identify a patient.
		return nil, usagef("-insurance takes four parts 保険者番号:記号:番号:枝番 (e.g. 06130017:港01:4021:00), got %d", len(f))
	}
	in := &summary.Insurance{InsurerNumber: f[0], Symbol: f[1], Number: f[2], Branch: f[3]}
	if problem := summary.ValidateInsurance(*in); problem != nil {
		return nil, usagef("-insurance: %s", alerttext.Insurance(problem, alerttext.Japanese))
	}
	return in, nil
}

// view loads the chosen patient and cuts it to the mode's windows. A lookup
// of real data that fails is an attempt the audit log records.
func (p *patientFlags) view(ctx context.Context, env *Env) (*summary.View, error) {
	v, err := p.load(ctx, env)
	var ue *UsageError
	if err != nil && !errors.As(err, &ue) && (len(p.oqs) > 0 || p.oqsReq != "") {
		result, why := audit.Failed, fmt.Sprintf("%s failed: %v", p.action, err)
		var d *access.Denied
		if errors.As(err, &d) {
			result, why = audit.Denied, d.Error()
		}
		if lerr := logAttempt(env, p.action, audit.ModeOf(summary.Mode(p.mode)), result, why, p.oqs...); lerr != nil {
			return nil, fmt.Errorf("%w; and the failed attempt could not be logged: %w", err, lerr)
		}
	}
	return v, err
}

func (p *patientFlags) load(ctx context.Context, env *Env) (*summary.View, error) {
	mode, err := summary.ParseMode(p.mode)
	if err != nil {
		return nil, usagef("-mode: %v", err)
	}
	on := summary.Today(env.Now())
	if p.date != "" {
		if on, err = summary.ParseDate(p.date); err != nil {
			return nil, usagef("-date: %v", err)
		}
	}
	chosen := 0
	for _, set := range []bool{p.demo != "", p.card != "", len(p.oqs) > 0, p.insurance != ""} {
		if set {
			chosen++
		}
	}
	if chosen != 1 {
		return nil, usagef("choose the patient with one of -demo ID, -card SERIAL, -oqs FILE or -insurance NUMBERS; training IDs: %s", strings.Join(training.IDs(), ", "))
	}
	if p.oqsReq != "" && p.insurance == "" {
		return nil, usagef("-oqs-req asks the OQS by insurance numbers: add -insurance 保険者番号:記号:番号:枝番")
	}
	if err := p.applyMachine(); err != nil {
		return nil, err
	}
	if len(p.oqs) > 0 || p.oqsReq != "" { // real data: the hospital says who may view it
		if err := p.mayView(mode); err != nil {
			return nil, err
		}
	}
	var ins *summary.Insurance
	if p.insurance != "" {
		if ins, err = typedInsurance(p.insurance); err != nil {
			return nil, err
		}
	}
	if p.oqsReq != "" {
		late, err := loadWithdrawn(p.oqsRes)
		if err != nil {
			return nil, err
		}
		c, err := oqs.NewClient(oqs.Settings{ReqDir: p.oqsReq, ResDir: p.oqsRes, InstitutionCode: p.inst, Timeout: p.timeout,
			FileCategory: p.category, Withdrawn: late, Late: lateLogger(env)})
		if err != nil {
			return nil, usagef("%v", err)
		}
		rec, err := c.Lookup(ctx, summary.Query{Identity: summary.Identity{Insurance: ins}, On: on, Mode: mode})
		if serr := saveWithdrawn(p.oqsRes, c.Withdrawn()); serr != nil {
			fmt.Fprintf(env.Stderr, "kyukyu: %v: results arriving late will stay in %s\n", serr, p.oqsRes)
		}
		if err != nil {
			return nil, shownError(err)
		}
		return summary.Build(rec, mode, on), nil
	}
	if len(p.oqs) > 0 {
		rec, err := oqs.LoadFiles(ctx, p.oqs)
		if err != nil {
			return nil, shownError(err)
		}
		return summary.Build(rec, mode, on), nil
	}
	st, err := training.OpenHome()
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var rec *summary.Record
	switch {
	case p.demo != "":
		rec, err = st.Record(ctx, p.demo, on)
	case ins != nil:
		rec, err = st.Lookup(ctx, summary.Query{Identity: summary.Identity{Insurance: ins}, On: on, Mode: mode})
	default:
		rec, err = st.Lookup(ctx, summary.Query{Identity: summary.Identity{CertSerial: strings.ToLower(p.card)}, On: on, Mode: mode})
	}
	var unknown *training.ErrUnknownPatient
	switch {
	case errors.As(err, &unknown):
		return nil, usagef("unknown training patient %q; accepted: %s", unknown.ID, strings.Join(training.IDs(), ", "))
	case errors.Is(err, summary.ErrNotFound) && ins != nil:
		return nil, usagef("no training patient has these insurance numbers (see `kyukyu demo list`)")
	case errors.Is(err, summary.ErrNotFound):
		return nil, usagef("no training patient has the card serial %q (start one with `kyukyu vcard -patient ID`)", p.card)
	case err != nil:
		return nil, err
	}
	return summary.Build(rec, mode, on), nil
}

// applyMachine holds the command line to the hospital's machine-wide
// settings, as the window is: a workstation locked to training reads no
// real data; its connector folders and institution code are the defaults
// (and with mode oqs, -insurance asks the OQS); a locked value is not
// overridden by a flag.
func (p *patientFlags) applyMachine() error {
	m := p.machine
	mode, _ := m.Value(config.Mode)
	if mode == "training" && (len(p.oqs) > 0 || p.oqsReq != "") {
		if p.machineErr != nil {
			return fmt.Errorf("the hospital's settings file is refused (%v): real data is not read until IT mends it", p.machineErr)
		}
		return fmt.Errorf("the hospital's settings (%s) lock this workstation to training mode: real data is not read here", m.Path)
	}
	if mode == "oqs" && p.insurance != "" && p.oqsReq == "" {
		var ok bool
		if p.oqsReq, ok = m.Value(config.OQSReq); !ok {
			// Not the training patients on a workstation set to the OQS.
			return usagef("the hospital's settings (%s) set mode oqs but no oqs_req: add -oqs-req DIR, or ask IT to set it", m.Path)
		}
	}
	for _, f := range []struct {
		key, flag string
		val       *string
	}{{config.OQSReq, "oqs-req", &p.oqsReq}, {config.OQSRes, "oqs-res", &p.oqsRes}, {config.Institution, "institution", &p.inst}} {
		v, ok := m.Value(f.key)
		switch {
		case !ok:
		case *f.val == "":
			if p.oqsReq != "" {
				*f.val = v
			}
		case *f.val != v:
			return usagef("-%s: the hospital's settings (%s) set %s, which cannot be changed here", f.flag, m.Path, f.key)
		}
	}
	return nil
}

// shownError words an OQS refusal for the person at the terminal.
func shownError(err error) error {
	var wp *oqs.WrongPatientError
	if errors.As(err, &wp) {
		return fmt.Errorf("別の患者の結果です — 表示しません: %w", err)
	}
	return err
}
