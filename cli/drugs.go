package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"kyukyu/summary"
)

func runDrugs(ctx context.Context, env *Env, args []string) error {
	return dispatch(ctx, env, "drugs", args, map[string]func(context.Context, *Env, []string) error{"classify": drugsClassify})
}

func drugsClassify(ctx context.Context, env *Env, args []string) error {
	if err := noFlags(env, "drugs classify", args); err != nil {
		return err
	}
	return classifyLines(ctx, env.Stdin, env.Stdout)
}

// classifyLines answers every input line with one output line, in order; a
// malformed line gets ERROR<TAB>reason and the rest goes on.
func classifyLines(ctx context.Context, in io.Reader, out io.Writer) error {
	r := bufio.NewReaderSize(in, 64<<10)
	w := bufio.NewWriterSize(out, 64<<10)
	lineNo, bad, firstBad := 0, 0, 0
	for {
		line, err := r.ReadString('\n')
		if line == "" && err != nil {
			if err != io.EOF {
				return fmt.Errorf("reading stdin after line %d: %w", lineNo, err)
			}
			break
		}
		lineNo++
		if lineNo%4096 == 0 && ctx.Err() != nil {
			return fmt.Errorf("interrupted after line %d", lineNo)
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		code, name, perr := parseDrugLine(line)
		if perr != nil {
			bad++
			if firstBad == 0 {
				firstBad = lineNo
			}
			fmt.Fprintf(w, "ERROR\tline %d: %v\n", lineNo, perr)
			continue
		}
		dc := summary.Classify(code, name)
		w.WriteString(code + "\t" + name + "\t" + string(dc.Class) + "\t" + dc.Subclass + "\n")
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing stdout: %w", err)
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d lines malformed (first: line %d); each has an ERROR line in the output", bad, lineNo, firstBad)
	}
	return nil
}

func parseDrugLine(line string) (code, name string, err error) {
	if !utf8.ValidString(line) {
		return "", "", errors.New("not valid UTF-8; save the file as UTF-8")
	}
	fields := strings.Split(line, "\t")
	if len(fields) != 2 {
		return "", "", fmt.Errorf("%d TAB-separated fields, want CODE<TAB>NAME (CODE may be empty)", len(fields))
	}
	code, name = fields[0], fields[1]
	if err := summary.CheckCode(code); err != nil {
		return "", "", err
	}
	if strings.TrimSpace(code) == "" && strings.TrimSpace(name) == "" {
		return "", "", errors.New("both code and name are empty")
	}
	return code, name, nil
}
