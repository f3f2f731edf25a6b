// Command oqs measures parsing a 5-year, 2,000-row Shift_JIS OQS result
// file against `xmllint --noout` (Debian libxml2-utils) on the same file,
// both as a process run from start to exit and per parse in process, and
// prints the ratio. Run: go run ./bench/oqs
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"kyukyu/oqs"
	"kyukyu/summary"
)

const (
	rows   = 2000
	rounds = 21
)

// record is a synthetic patient with rows spread over five years.
func record() *summary.Record {
	rec := &summary.Record{Patient: summary.Patient{Name: "計測 太郎", Kana: "ケイソク タロウ", Birth: summary.NewDate(1950, 1, 2),
		Sex: summary.SexMale, Insurance: summary.Insurance{InsurerNumber: "33120015", Symbol: "計測", Number: "1", Branch: "00"}}}
	start := summary.NewDate(2020, 4, 1)
	for i := range rows {
		d := start.AddDays(i * 5 * 365 / rows)
		inst := fmt.Sprintf("計測クリニック%d", i%7)
		switch i % 4 {
		case 0, 1:
			rec.Medications = append(rec.Medications, summary.Medication{Date: d, Setting: summary.Pharmacy, Institution: "計測薬局",
				Prescriber: inst, Drug: "ワーファリン錠1mg", Ingredient: "ワルファリンカリウム", Code: "3332001F1028",
				Usage: "1日1回朝食後", Dose: "3錠", Amount: 84, Unit: "錠", Days: 28})
		case 2:
			rec.Dispensing = append(rec.Dispensing, summary.Medication{Date: d, Setting: summary.Pharmacy, Institution: "計測薬局",
				Prescriber: inst, Drug: "エリキュース錠5mg", Ingredient: "アピキサバン", Code: "3339004F2025",
				Usage: "1日2回朝夕食後", Dose: "1錠", Amount: 56, Unit: "錠", Days: 28})
		default:
			rec.Procedures = append(rec.Procedures, summary.Procedure{Date: d, Setting: summary.Outpatient, Institution: inst,
				Name: "プロトロンビン時間（PT）", Code: "D006", Quantity: "1回"})
		}
	}
	return rec
}

func median(ds []time.Duration) time.Duration { slices.Sort(ds); return ds[len(ds)/2] }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench/oqs:", err)
		os.Exit(1)
	}
}

func run() error {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		return fmt.Errorf("xmllint not found: install libxml2-utils (scripts/deps.sh bench)")
	}
	data, err := oqs.RenderDrugResult(record(), oqs.ShiftJIS)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "kyukyu-bench-oqs")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "YZKsiquc01res_bench.xml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	ours, theirs := make([]time.Duration, rounds), make([]time.Duration, rounds)
	var theirs10 []time.Duration
	for i := range rounds {
		t0 := time.Now()
		res, err := oqs.ParseFile(context.Background(), path)
		if err != nil {
			return err
		}
		ours[i] = time.Since(t0)
		if n := len(res.Record.Medications) + len(res.Record.Dispensing) + len(res.Record.Procedures); n != rows {
			return fmt.Errorf("parsed %d rows, want %d", n, rows)
		}
		t0 = time.Now()
		if out, err := exec.Command(xmllint, "--noout", path).CombinedOutput(); err != nil {
			return fmt.Errorf("xmllint: %v: %s", err, out)
		}
		theirs[i] = time.Since(t0)
		// The same file 11 times in one process, to take xmllint's start-up out.
		args := []string{"--noout"}
		for range 11 {
			args = append(args, path)
		}
		t0 = time.Now()
		if out, err := exec.Command(xmllint, args...).CombinedOutput(); err != nil {
			return fmt.Errorf("xmllint: %v: %s", err, out)
		}
		theirs10 = append(theirs10, time.Since(t0)-theirs[i])
	}
	o, x, x1 := median(ours), median(theirs), median(theirs10)/10
	fmt.Printf("file: %d rows over 5 years, Shift_JIS, %d bytes\n", rows, len(data))
	fmt.Printf("kyukyu oqs.ParseFile (parse + map to summary.Record), median of %d: %v\n", rounds, o)
	fmt.Printf("xmllint --noout (process start to exit),               median of %d: %v\n", rounds, x)
	fmt.Printf("xmllint --noout per parse (start-up removed),          median of %d: %v\n", rounds, x1)
	fmt.Printf("ratio vs xmllint process: %.2fx; vs xmllint parse alone: %.2fx (target: within 3x)\n",
		float64(o)/float64(x), float64(o)/float64(x1))
	return nil
}
