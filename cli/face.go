package cli

import (
	"context"
	"flag"
	"fmt"

	"kyukyu/audit"
	"kyukyu/oqs"
	"kyukyu/summary"
)

// faceJSON is the identity of one face file as `kyukyu face -json` prints it.
type faceJSON struct {
	File            string          `json:"file"`
	Name            string          `json:"name"` // "" when the file gives no kanji name
	NameGiven       bool            `json:"nameGiven"`
	Kana            string          `json:"kana"`
	BirthDate       string          `json:"birthDate"`
	Sex             string          `json:"sex"`
	Insurer         string          `json:"insurer"`
	Symbol          string          `json:"symbol"`
	Number          string          `json:"number"`
	Branch          string          `json:"branch"`
	InsuredName     string          `json:"insuredName"` // the insured person, not necessarily the patient
	Consent         map[string]bool `json:"consent"`
	ReferenceNumber string          `json:"referenceNumber"`
	CardExpiry      string          `json:"insuredCardExpirationDate,omitempty"`
	Validity        string          `json:"qualificationValidity"`
}

// runFace prints the identity one face-auth result file gives, for an IT
// administrator checking what the connector writes. Reading a real
// patient's identity is an access: it is logged (the file by its
// reference) before anything is printed, a refused file as a failed check.
func runFace(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("face", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	addAuditURLFlag(fs, env) // reading a face file is logged like a view
	// The usage (and the README) put -json after FILE, as an admin types it.
	files, err := parseArgs(env, fs, args, "FILE")
	if err != nil {
		return err
	}
	path := files[0]
	mode := audit.ModeOf(summary.Emergency) // a real file: never a training access
	f, err := oqs.ReadFaceFile(ctx, path)
	if err != nil {
		if lerr := logFailed(env, audit.IdentityCheck, mode, "kyukyu face: "+err.Error(), path); lerr != nil {
			return fmt.Errorf("%w; and %w", err, lerr)
		}
		return err
	}
	if err := appendEntry(env, func(l *audit.Log) audit.Entry {
		return audit.Entry{Action: audit.IdentityCheck, Mode: mode, Output: "kyukyu face: file " + l.FileRef(path)}
	}); err != nil {
		return err
	}
	p := f.Patient
	j := faceJSON{
		File: f.File, Name: p.Name, NameGiven: f.NameGiven(), Kana: p.Kana, BirthDate: p.Birth.String(), Sex: string(p.Sex),
		Insurer: p.Insurance.InsurerNumber, Symbol: p.Insurance.Symbol, Number: p.Insurance.Number, Branch: p.Insurance.Branch,
		InsuredName: f.InsuredName, ReferenceNumber: f.ReferenceNumber, Validity: f.QualificationValidity,
		Consent: map[string]bool{"drugs": f.Consent.Drugs, "checkups": f.Consent.Checkups,
			"diagnoses": f.Consent.Diagnoses, "operations": f.Consent.Operations},
	}
	if !f.CardExpiry.IsZero() {
		j.CardExpiry = f.CardExpiry.String()
	}
	if *asJSON {
		return writeJSON(env.Stdout, j)
	}
	name := p.Name
	if !f.NameGiven() {
		name = "(漢字氏名の記載なし: カナと生年月日で照合します)"
	}
	mark := func(b bool) string {
		if b {
			return "○"
		}
		return "×"
	}
	insured := f.InsuredName
	if insured != "" {
		insured += " (世帯主など: 患者本人とは限りません)"
	}
	for _, l := range [][2]string{
		{"ファイル", f.File}, {"氏名", name}, {"カナ", p.Kana}, {"生年月日", j.BirthDate}, {"性別", summary.Sex(j.Sex).Japanese()},
		{"保険者番号", j.Insurer}, {"記号", j.Symbol}, {"番号", j.Number}, {"枝番", j.Branch},
		{"被保険者氏名", insured},
		{"照会番号", j.ReferenceNumber}, {"有効期限", j.CardExpiry}, {"資格有効性", j.Validity},
		{"同意", fmt.Sprintf("薬剤情報%s 特定健診%s 診療情報%s 手術情報%s",
			mark(f.Consent.Drugs), mark(f.Consent.Checkups), mark(f.Consent.Diagnoses), mark(f.Consent.Operations))},
	} {
		if l[1] == "" {
			l[1] = "(記載なし)" // the IT admin checking the connector sees what it left out
		}
		fmt.Fprintf(env.Stdout, "%s\t%s\n", l[0], l[1])
	}
	return nil
}
