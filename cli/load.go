package cli

import (
	"context"
	"errors"
	"flag"
	"strings"

	"kyukyu/internal/home"
	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/training"
)

// patientFlags are the flags every command that shows a patient shares:
// which patient, as of which Japan date, in which mode.
type patientFlags struct {
	demo, card, date, mode string
	oqs                    fileList
}

// fileList is a repeatable file flag.
type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

func addPatientFlags(fs *flag.FlagSet) *patientFlags {
	p := &patientFlags{}
	fs.StringVar(&p.demo, "demo", "", "training patient ID (see `kyukyu demo list`)")
	fs.StringVar(&p.card, "card", "", "card certificate serial (hex) of a training patient's virtual card")
	fs.StringVar(&p.date, "date", "", "creation date YYYY-MM-DD (default: today in Japan)")
	fs.StringVar(&p.mode, "mode", string(summary.Emergency), "emergency (救急用の期間) or normal (同意ありの期間)")
	fs.Var(&p.oqs, "oqs", "OQS result file (YZKsiquc01res_*.xml, TKKsiquc01res_*.xml); repeat for several files of one patient")
	return p
}

// view loads the chosen patient and cuts it to the mode's windows.
func (p *patientFlags) view(ctx context.Context, env *Env) (*summary.View, error) {
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
	for _, set := range []bool{p.demo != "", p.card != "", len(p.oqs) > 0} {
		if set {
			chosen++
		}
	}
	if chosen != 1 {
		return nil, usagef("choose the patient with one of -demo ID, -card SERIAL or -oqs FILE; training IDs: %s", strings.Join(training.IDs(), ", "))
	}
	if len(p.oqs) > 0 {
		rec, err := oqs.LoadFiles(p.oqs)
		if err != nil {
			return nil, err
		}
		return summary.BuildOn(rec, mode, on), nil
	}
	dir, err := home.Dir()
	if err != nil {
		return nil, err
	}
	st, err := training.Open(dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var rec *summary.Record
	if p.demo != "" {
		rec, err = st.Record(ctx, p.demo, on)
	} else {
		rec, err = st.Lookup(ctx, summary.Query{Identity: summary.Identity{CertSerial: strings.ToLower(p.card)}, On: on, Mode: mode})
	}
	var unknown *training.ErrUnknownPatient
	switch {
	case errors.As(err, &unknown):
		return nil, usagef("unknown training patient %q; accepted: %s", unknown.ID, strings.Join(training.IDs(), ", "))
	case errors.Is(err, summary.ErrNotFound):
		return nil, usagef("no training patient has the card serial %q (start one with `kyukyu vcard -patient ID`)", p.card)
	case err != nil:
		return nil, err
	}
	return summary.BuildOn(rec, mode, on), nil
}
