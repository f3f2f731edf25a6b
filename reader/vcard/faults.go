package vcard

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Faults are failures a slot injects, counting command APDUs from 1 on
// each insertion.
type Faults struct {
	DropAt    int           // close the connection (card removed) when the Nth APDU arrives, unanswered
	SWAt      int           // answer the Nth APDU with status word SW alone
	SW        uint16        //
	GarbageAt int           // answer the Nth APDU with bytes that mean nothing
	Truncate  int           // the certificate file keeps only its first Truncate bytes
	Slow      time.Duration // delay every answer
}

// faultKeys is the -fault grammar: comma-separated key=value.
var faultKeys = map[string]struct {
	help  string
	parse func(f *Faults, v string) error
}{
	"drop":     {"drop=N: remove the card when APDU N arrives", func(f *Faults, v string) error { return positive(v, &f.DropAt) }},
	"garbage":  {"garbage=N: answer APDU N with garbage", func(f *Faults, v string) error { return positive(v, &f.GarbageAt) }},
	"truncate": {"truncate=BYTES: cut the certificate file", func(f *Faults, v string) error { return positive(v, &f.Truncate) }},
	"sw":       {"sw=N:XXXX: answer APDU N with status word XXXX", parseSW},
	"slow": {"slow=DURATION: delay every answer", func(f *Faults, v string) error {
		d, err := time.ParseDuration(v)
		if err == nil && d <= 0 {
			err = fmt.Errorf("must be positive")
		}
		f.Slow = d
		return err
	}},
}

func positive(v string, dst *int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return fmt.Errorf("%q is not a positive number", v)
	}
	*dst = n
	return nil
}

func parseSW(f *Faults, v string) error {
	n, word, ok := strings.Cut(v, ":")
	if !ok {
		return fmt.Errorf("want N:XXXX, got %q", v)
	}
	if err := positive(n, &f.SWAt); err != nil {
		return err
	}
	s, err := strconv.ParseUint(word, 16, 16)
	if err != nil || len(word) != 4 {
		return fmt.Errorf("%q is not a 4-hex-digit status word", word)
	}
	f.SW = uint16(s)
	return nil
}

// ParseFaults reads a -fault SPEC such as "drop=5" or "sw=3:6A82,slow=200ms".
func ParseFaults(spec string) (Faults, error) {
	var f Faults
	if spec == "" {
		return f, nil
	}
	for _, part := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(part, "=")
		fk, ok := faultKeys[k]
		if !ok {
			return f, fmt.Errorf("unknown fault %q; faults: %s", k, FaultHelp())
		}
		if err := fk.parse(&f, v); err != nil {
			return f, fmt.Errorf("fault %s: %v", k, err)
		}
	}
	return f, nil
}

// FaultHelp lists the -fault grammar.
func FaultHelp() string {
	var hs []string
	for _, fk := range faultKeys {
		hs = append(hs, fk.help)
	}
	sort.Strings(hs)
	return strings.Join(hs, "; ")
}
