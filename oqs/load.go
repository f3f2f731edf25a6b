package oqs

import (
	"context"
	"errors"
	"fmt"

	"kyukyu/summary"
)

// LoadFiles reads result files (a drug result, a checkup result, or
// several) into one record: the loader behind `-oqs FILE` of every command.
// Any bad file fails the whole load, naming it; nothing is half-imported.
// A record read from files is never a training record, whatever they hold.
func LoadFiles(ctx context.Context, paths []string) (*summary.Record, error) {
	if len(paths) == 0 {
		return nil, errors.New("no OQS result file given")
	}
	var results []*Result
	for _, p := range paths {
		res, err := ParseFile(ctx, p)
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	return Merge(results)
}

// Merge joins results of one patient into a fresh record. Two results are
// merged only when their identities agree on every field both carry:
// mixing two patients' drugs is the worst thing a summary could do.
func Merge(results []*Result) (*summary.Record, error) {
	rec := &summary.Record{}
	for i, r := range results {
		p := r.Record.Patient
		for j, prev := range results[:i] {
			if e, _ := samePatient(prev.Record.Patient, p); e != "" {
				return nil, &WrongPatientError{File: r.name(i), Other: prev.name(j), Element: e}
			}
		}
		fillPatient(&rec.Patient, p)
		rec.Visits = append(rec.Visits, r.Record.Visits...)
		rec.Dispensing = append(rec.Dispensing, r.Record.Dispensing...)
		rec.Medications = append(rec.Medications, r.Record.Medications...)
		rec.Surgeries = append(rec.Surgeries, r.Record.Surgeries...)
		rec.Procedures = append(rec.Procedures, r.Record.Procedures...)
		rec.Dialysis = append(rec.Dialysis, r.Record.Dialysis...)
		rec.Checkups = append(rec.Checkups, r.Record.Checkups...)
		for _, problem := range r.Record.Partial {
			rec.Partial = append(rec.Partial, r.name(i)+": "+problem)
		}
	}
	return rec, nil
}

// name is the result's file name, or its place in a merge.
func (r *Result) name(i int) string {
	if r.File != "" {
		return r.File
	}
	return fmt.Sprintf("result %d", i+1)
}

// fillPatient completes dst with the fields only src carries (the checkup
// result may name the patient where the drug result does not).
func fillPatient(dst *summary.Patient, src summary.Patient) {
	for _, f := range []struct{ d, s *string }{
		{&dst.Name, &src.Name}, {&dst.Kana, &src.Kana}, {(*string)(&dst.Sex), (*string)(&src.Sex)},
	} {
		if *f.d == "" {
			*f.d = *f.s
		}
	}
	if dst.Birth.IsZero() {
		dst.Birth = src.Birth
	}
	if dst.Insurance == (summary.Insurance{}) {
		dst.Insurance = src.Insurance
	}
}
