package cli

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"

	"kyukyu/reader/vcard"
	"kyukyu/training"
)

// reinsertDelay is the pause before the card goes back on the reader
// after a drop fault or a lost connection.
const reinsertDelay = time.Second

func runVcard(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("vcard", flag.ContinueOnError)
	addr := fs.String("addr", vcard.DefaultAddr, "the vpcd driver's address (slot 0: 35963, slot 1: 35964)")
	patient := fs.String("patient", "shinryo-taro", "training patient ID (see `kyukyu demo list`)")
	pin := fs.String("pin", vcard.DefaultPIN, "the card's 4-digit PIN")
	tries := fs.Int("tries", vcard.MaxTries, "PIN tries left (0 = blocked)")
	expired := fs.Bool("expired", false, "the authentication certificate expired 10 days ago")
	kind := fs.String("kind", "mynumber", "card kind: mynumber, smartphone, juki, other or staff (a staff ID card, with -uid)")
	uidHex := fs.String("uid", "", "with -kind staff: the card's UID in hex, 4 to 10 bytes (e.g. 0123456789ABCDEF)")
	faultSpec := fs.String("fault", "", "inject failures: "+vcard.FaultHelp())
	if _, err := parseArgs(env, fs, args); err != nil {
		return err
	}
	if !slices.Contains(training.IDs(), *patient) {
		return usagef("unknown training patient %q; accepted: %s", *patient, strings.Join(training.IDs(), ", "))
	}
	k, err := vcard.ParseKind(*kind)
	if err != nil {
		return usagef("-kind: %v", err)
	}
	uid, err := hex.DecodeString(*uidHex)
	if err != nil || (k == vcard.Staff) != (*uidHex != "") || *uidHex != "" && (len(uid) < 4 || len(uid) > 10) {
		return usagef("-uid: a staff card (-kind staff) needs -uid with 4 to 10 bytes in hex, e.g. 0123456789ABCDEF; other kinds take none")
	}
	faults, err := vcard.ParseFaults(*faultSpec)
	if err != nil {
		return usagef("-fault: %v", err)
	}
	if len(*pin) != 4 || strings.Trim(*pin, "0123456789") != "" || *tries < 0 || *tries > vcard.MaxTries {
		return usagef("-pin must be 4 digits and -tries 0..%d", vcard.MaxTries)
	}
	card, err := vcard.New(vcard.Config{PatientID: *patient, PIN: *pin, Expired: *expired, Kind: k, UID: uid, Now: env.Now()})
	if err != nil {
		return err
	}
	card.SetTries(*tries)
	if k == vcard.Staff {
		fmt.Fprintf(env.Stderr, "kyukyu vcard: 訓練用 staff card UID %X on vpcd %s; Ctrl-C takes it off the reader\n", uid, *addr)
	} else {
		fmt.Fprintf(env.Stderr, "kyukyu vcard: 訓練用 card of %s (certificate serial %s) on vpcd %s; Ctrl-C takes it off the reader\n",
			*patient, training.CardSerial(*patient).Text(16), *addr)
	}
	err = serveCard(ctx, env, *addr, card, faults)
	st := card.Stats()
	fmt.Fprintf(env.Stderr, "kyukyu vcard: %d APDUs, %d VERIFY with a PIN, %d PIN tries left\n", st.APDUs, st.VerifyWithData, card.Tries())
	return err
}

// serveCard keeps the card on the reader until ctx ends: after a drop
// fault or a lost connection it waits and puts it back, without faults.
func serveCard(ctx context.Context, env *Env, addr string, card *vcard.Card, faults vcard.Faults) error {
	warned := false
	for {
		slot, err := vcard.Insert(addr, card, faults)
		if err == nil {
			warned = false
			select {
			case <-ctx.Done():
				slot.Remove()
				return nil
			case <-slot.Done():
			}
			err = slot.Err()
			faults = vcard.Faults{}
		}
		if errors.Is(err, vcard.ErrDropped) || !warned {
			fmt.Fprintf(env.Stderr, "kyukyu vcard: %v; putting the card back\n", err)
			warned = !errors.Is(err, vcard.ErrDropped)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(reinsertDelay):
		}
	}
}
