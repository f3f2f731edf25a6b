package oqs

import (
	"errors"
	"fmt"
	"strings"

	"kyukyu/summary"
)

// LoadFiles reads result files (a drug result, a checkup result, or
// several) into one record: the loader behind `-oqs FILE` of every command.
// Any bad file fails the whole load, naming it; nothing is half-imported.
func LoadFiles(paths []string) (*summary.Record, error) {
	if len(paths) == 0 {
		return nil, errors.New("no OQS result file given")
	}
	var results []*Result
	for _, p := range paths {
		res, err := ParseFile(p)
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	rec, err := Merge(results)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", paths[len(paths)-1], err)
	}
	return rec, nil
}

// Merge joins results of one patient into a fresh record. Results of
// different patients (name or birth date differ) are refused: mixing two
// patients' drugs is the worst thing a summary could do.
func Merge(results []*Result) (*summary.Record, error) {
	rec := &summary.Record{}
	for i, r := range results {
		p := r.Record.Patient
		if i == 0 {
			rec.Patient = p
		} else if !sameName(p.Name, rec.Patient.Name) || p.Birth != rec.Patient.Birth {
			return nil, fmt.Errorf("this result is of another patient than the first (name or birth date differ): load one patient's files at a time")
		}
		rec.Training = rec.Training || r.Record.Training
		if rec.Patient.Insurance.InsurerNumber == "" {
			rec.Patient.Insurance = p.Insurance
		}
		rec.Visits = append(rec.Visits, r.Record.Visits...)
		rec.Dispensing = append(rec.Dispensing, r.Record.Dispensing...)
		rec.Medications = append(rec.Medications, r.Record.Medications...)
		rec.Surgeries = append(rec.Surgeries, r.Record.Surgeries...)
		rec.Procedures = append(rec.Procedures, r.Record.Procedures...)
		rec.Dialysis = append(rec.Dialysis, r.Record.Dialysis...)
		rec.Checkups = append(rec.Checkups, r.Record.Checkups...)
	}
	return rec, nil
}

// sameName compares names ignoring spaces, half- or full-width.
func sameName(a, b string) bool {
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	return strip(a) == strip(b)
}
