package backup

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kyukyu/audit"
)

// Rotation deletes only archives kyukyu wrote and that still hold what it
// wrote: hand-named and later-sorting files stay, and so does the new
// archive even when its name sorts before older ones (a clock set back).
func TestRotationDeletesOnlyItsOwnArchives(t *testing.T) {
	home, to := dataDir(t, 2), t.TempDir()
	foreign := []string{"kyukyu-backup-99991231-235959.999.tar.gz", "kyukyu-backup-zz-by-hand.tar.gz", "kyukyu-backup-.tar.gz"}
	for _, f := range foreign {
		if err := os.WriteFile(filepath.Join(to, f), []byte("a hospital's own copy "+f), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var ours []string
	for i := range 4 {
		res, err := Run(ctx, home, to, 2, t0.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		ours = append(ours, filepath.Base(res.Path))
	}
	want := append(slices.Clone(foreign), ours[2:]...)
	slices.Sort(want)
	if got := archives(t, to); !slices.Equal(got, want) {
		t.Fatalf("after 4 runs with keep 2: %q; want %q", got, want)
	}
	// One of ours changed by hand is no longer ours to delete.
	changed := filepath.Join(to, ours[2])
	if err := os.WriteFile(changed, []byte("edited"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The clock set back: the new name sorts first, and it is kept.
	res, err := Run(ctx, home, to, 1, t0.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got := archives(t, to)
	for _, keep := range append([]string{filepath.Base(res.Path), ours[2]}, foreign...) {
		if !slices.Contains(got, keep) {
			t.Errorf("%s was deleted; left: %q", keep, got)
		}
	}
	if slices.Contains(got, ours[3]) {
		t.Errorf("the older generation %s was kept with keep 1", ours[3])
	}
}

// What a crashed run left is removed at the next start; other files stay.
func TestLeftoversOfCrashesAreRemoved(t *testing.T) {
	home, to := dataDir(t, 1), t.TempDir()
	left := []string{"kyukyu-verify-123", ".partial-kyukyu-backup-x", ".kyukyu-tmp-kyukyu-backup-20261125.tar.gz-99", ".kyukyu-backup-work-7"}
	for _, l := range left {
		if err := os.MkdirAll(filepath.Join(to, l, "audit.db"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(to, ".hospital-notes"), []byte("x"), 0o600)
	if err := os.Mkdir(filepath.Join(home, ".kyukyu-restore-5"), 0o700); err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, home, to, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range left {
		if _, err := os.Stat(filepath.Join(to, l)); err == nil {
			t.Errorf("leftover %s not removed", l)
		}
	}
	if _, err := os.Stat(filepath.Join(to, ".hospital-notes")); err != nil {
		t.Errorf("a file kyukyu did not make was removed: %v", err)
	}
	if _, err := Restore(ctx, res.Path, home, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(home, ".kyukyu-restore-5")); err == nil {
		t.Error("restore leftover not removed")
	}
}

// An archive whose log has no anchor, or does not match it, restores nothing.
func TestRestoreVerifiesTheLogAgainstItsAnchor(t *testing.T) {
	home, to := dataDir(t, 3), t.TempDir()
	res, err := Run(ctx, home, to, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	x := t.TempDir()
	if _, err := extract(res.Path, x); err != nil {
		t.Fatal(err)
	}
	db, _ := os.ReadFile(filepath.Join(x, audit.FileName))
	anchor, _ := os.ReadFile(filepath.Join(x, AnchorFile))
	lines := strings.SplitAfter(string(anchor), "\n")
	cut := strings.Join(lines[:len(lines)-2], "") // the anchor of a shorter log: this one grew behind its back
	for name, c := range map[string]struct {
		files map[string]string
		want  string
	}{
		"no anchor":           {map[string]string{audit.FileName: string(db)}, "is missing"},
		"anchor of 2 entries": {map[string]string{audit.FileName: string(db), AnchorFile: cut}, "entry 3: is not in the anchor"},
	} {
		_, err := Restore(ctx, writeTar(t, c.files), home, t0.Add(time.Hour))
		if err == nil || !strings.Contains(err.Error(), "nothing restored") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Restore = %v; want nothing restored: %s", name, err, c.want)
		}
	}
	if n := count(t, filepath.Join(home, audit.FileName)); n != 3 {
		t.Fatalf("live log has %d entries after refused restores", n)
	}
}

// 20 restores while 4 writers append: every entry a writer was told is
// written is afterwards in the live log or in a log a restore kept, and
// the live log verifies against its anchor.
func TestRestoresWhileWritingLoseNothing(t *testing.T) {
	home, to := dataDir(t, 3), t.TempDir()
	res, err := Run(ctx, home, to, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	acked := make([][]string, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := audit.Open(filepath.Join(home, audit.FileName), audit.Options{}) // a kyukyu of its own
			if err != nil {
				t.Error(err)
				return
			}
			defer l.Close()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				out := fmt.Sprintf("writer %d entry %d", w, i)
				if _, err := l.Append(audit.Entry{Mode: audit.Training, Action: audit.Show, Operator: "t", Output: out}); err != nil {
					t.Error(err)
					return
				}
				acked[w] = append(acked[w], out)
			}
		}()
	}
	var kept []string
	for i := range 20 {
		time.Sleep(10 * time.Millisecond)
		saved, err := Restore(ctx, res.Path, home, t0.Add(time.Duration(i+1)*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range saved {
			if strings.HasPrefix(filepath.Base(s), audit.FileName) {
				kept = append(kept, s)
			}
		}
	}
	close(stop)
	wg.Wait()
	found := map[string]bool{}
	for _, p := range append(kept, filepath.Join(home, audit.FileName)) {
		for _, o := range outputs(t, p) {
			found[o] = true
		}
	}
	total := 0
	for w := range acked {
		for _, out := range acked[w] {
			total++
			if !found[out] {
				t.Errorf("acknowledged entry %q lost", out)
			}
		}
	}
	if total < 40 {
		t.Fatalf("only %d entries written during the restores; the test proves little", total)
	}
	count(t, filepath.Join(home, audit.FileName))
	t.Logf("%d acknowledged entries across %d restores, all kept", total, len(kept))
}

// A log deleted and started again, then restored from a backup, verifies
// again, and the verification still notes that a log was replaced.
func TestRestoreAfterADeletedLog(t *testing.T) {
	home, to := dataDir(t, 4), t.TempDir()
	res, err := Run(ctx, home, to, 3, t0)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(home, audit.FileName)
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(db + s)
	}
	appendN(t, home, 1) // kyukyu starts a new log
	if _, err := audit.Check(db, audit.AnchorFor(db)); err == nil || !strings.Contains(err.Error(), "an earlier log of 4 entries") {
		t.Fatalf("Check of the new log = %v; want the replaced log named", err)
	}
	if _, err := Restore(ctx, res.Path, home, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r, err := audit.Check(db, audit.AnchorFor(db))
	if err != nil || r.Entries != 4 || len(r.Notes) != 2 || !strings.Contains(strings.Join(r.Notes, "\n"), "after an earlier one of 4 entries") {
		t.Fatalf("Check after the restore = %+v, %v", r, err)
	}
}
