package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"sync"

	"kyukyu/oqs"
	"kyukyu/summary"
	"kyukyu/training"
)

// runOQSSim plays the OQS connector for tests and training until interrupted.
func runOQSSim(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("oqs-sim", flag.ContinueOnError)
	dir := fs.String("dir", "", "folder holding req and res (created when missing)")
	encName := fs.String("encoding", string(oqs.ShiftJIS), "encoding of the result files: Shift_JIS or UTF-8")
	delay := fs.Duration("delay", 0, "wait this long before each answer (a slow connector)")
	fail := fs.String("error", "", "answer every request with this error, CODE:MESSAGE (e.g. 5:混雑しています)")
	malformed := fs.Bool("malformed", false, "write results cut in half")
	face := fs.String("face", "", "drop a face-auth qualification result for this training patient at start")
	late := fs.Duration("late", 0, "answer this long after each request, after the client has given up (e.g. 30s)")
	slow := fs.Duration("slow-write", 0, "write each result in place, in pieces over this long (e.g. 2s)")
	lie := fs.Bool("encoding-lie", false, "declare the other encoding than the result's bytes")
	wrong := fs.Bool("wrong-patient", false, "answer every request with another training patient's record")
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("-dir DIR is required")
	}
	enc, err := oqs.ParseEncoding(*encName)
	if err != nil {
		return usagef("-encoding: %v", err)
	}
	st, err := training.OpenHome()
	if err != nil {
		return err
	}
	defer st.Close()
	if *late > 0 {
		*delay = *late
	}
	// Requests are answered concurrently; their lines must not interleave.
	var outMu sync.Mutex
	sim := &oqs.Simulator{Dir: *dir, Source: st, Encoding: enc, Delay: *delay, Malformed: *malformed, Now: env.Now,
		SlowWrite: *slow, EncodingLie: *lie,
		Answered: func(req, code string) {
			outMu.Lock()
			defer outMu.Unlock()
			fmt.Fprintf(env.Stdout, "answered %s: ResultCode %s\n", req, code)
		}}
	if *fail != "" {
		code, msg, ok := strings.Cut(*fail, ":")
		if !ok || code == "" || code == "1" {
			return usagef("-error: want CODE:MESSAGE with a code other than 1, got %q", *fail)
		}
		sim.ErrorCode, sim.ErrorMessage = code, msg
	}
	if *wrong {
		for _, id := range training.IDs() {
			rec, err := st.Record(ctx, id, summary.Today(env.Now()))
			if err != nil {
				return err
			}
			sim.WrongPatient = append(sim.WrongPatient, rec.Patient.Insurance)
		}
	}
	if *face != "" {
		rec, err := st.Record(ctx, *face, summary.Today(env.Now()))
		var unknown *training.ErrUnknownPatient
		if errors.As(err, &unknown) {
			return usagef("-face: unknown training patient %q; accepted: %s", *face, strings.Join(training.IDs(), ", "))
		}
		if err != nil {
			return err
		}
		name, err := sim.WriteFace(rec.Patient, env.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "wrote %s\n", name)
	}
	fmt.Fprintf(env.Stdout, "oqs-sim: answering requests in %s (training patients, %s); Ctrl-C stops\n", sim.ReqDir(), enc)
	return sim.Run(ctx)
}
