//go:build e2e

package reader_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"kyukyu/internal/testenv"
	"kyukyu/reader"
	"kyukyu/reader/pcsctest"
	"kyukyu/reader/vcard"
)

// BenchmarkCardRead measures, through the same pcscd and virtual card:
// insertion to identity with the monitor, a connect-and-read of the
// certificate by kyukyu, and the same certificate read by OpenSC's
// pkcs15-tool; it prints APDU counts, times and the ratios.
func BenchmarkCardRead(b *testing.B) {
	if err := startStack(); errors.Is(err, pcsctest.ErrAbsent) {
		testenv.Unavailable(b, "%v", err)
	} else if err != nil {
		b.Fatal(err)
	}
	card, err := vcard.New(vcard.Config{PatientID: "shinryo-taro"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	events := reader.Watch(ctx, reader.WithReader(pcsctest.Reader))
	var insertToID time.Duration
	for range b.N {
		slot, err := stack.Insert(card, vcard.Faults{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for ev := range events {
			if ev.State == reader.CardRead {
				break
			}
			if ev.State == reader.Failed || ev.State == reader.NotMyNumber {
				b.Fatal(ev.Err)
			}
		}
		insertToID += time.Since(start)
		slot.Remove()
	}
	// Both readers on a card that stays on the reader.
	slot, err := stack.Insert(card, vcard.Faults{})
	if err != nil {
		b.Fatal(err)
	}
	defer slot.Remove()
	if err := waitPresent(); err != nil {
		b.Fatal(err)
	}
	kyukyuTime, kyukyuAPDUs := measure(b, card, func() {
		conn, err := reader.Connect(pcsctest.Reader)
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		if _, err := reader.ReadIdentity(conn, time.Now()); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(float64(insertToID.Microseconds())/float64(b.N)/1000, "ms-insert-to-identity")
	b.ReportMetric(float64(kyukyuAPDUs), "APDUs-kyukyu")
	fmt.Printf("kyukyu:  %d APDUs, %v per certificate read (insertion to identity %v)\n", kyukyuAPDUs, kyukyuTime, insertToID/time.Duration(b.N))
	openscTime, openscAPDUs := measure(b, card, func() { openscCert(b) })
	b.ReportMetric(float64(openscAPDUs), "APDUs-opensc")
	fmt.Printf("OpenSC:  %d APDUs, %v per certificate read (pkcs15-tool --read-certificate 01)\n", openscAPDUs, openscTime)
	fmt.Printf("ratio OpenSC/kyukyu: APDUs %.2f, time %.2f\n", float64(openscAPDUs)/float64(kyukyuAPDUs), float64(openscTime)/float64(kyukyuTime))
}

// measureRuns is how many reads each peer does for the averages.
const measureRuns = 10

// measure runs read measureRuns times and returns the mean time and APDUs per read.
func measure(b *testing.B, card *vcard.Card, read func()) (time.Duration, int) {
	b.Helper()
	before := card.Stats().APDUs
	start := time.Now()
	for range measureRuns {
		read()
	}
	return time.Since(start) / measureRuns, (card.Stats().APDUs - before) / measureRuns
}

// waitPresent waits until a card can be connected on the vpcd reader.
func waitPresent() error {
	var err error
	for range 100 {
		var c *reader.Conn
		if c, err = reader.Connect(pcsctest.Reader); err == nil {
			return c.Close()
		}
		time.Sleep(20 * time.Millisecond)
	}
	return err
}
