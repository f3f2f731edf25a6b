package training

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
)

// Two real executables share a data folder, the second built with a
// changed dataset (go build -overlay): each finds the store the other left
// and rebuilds it, and an executable that checked the store itself trusts
// it. This is what the check-once-per-executable shortcut must not break.
func TestDatasetChangeRebuildsTheStore(t *testing.T) {
	testenv.Slow(t, "builds the opener program twice")
	const name, changed = "診療 太郎", "診療 変更"
	tmp := t.TempDir()
	src, err := os.ReadFile("dataset.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), `"`+name+`"`) {
		t.Fatalf("dataset.go no longer names the sample patient %s; change this test with it", name)
	}
	edited := filepath.Join(tmp, "dataset.go")
	abs, _ := filepath.Abs("dataset.go")
	overlay := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(edited, []byte(strings.Replace(string(src), `"`+name+`"`, `"`+changed+`"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	o, _ := json.Marshal(map[string]map[string]string{"Replace": {abs: edited}})
	if err := os.WriteFile(overlay, o, 0o600); err != nil {
		t.Fatal(err)
	}
	build := func(out string, args ...string) string {
		bin := filepath.Join(tmp, out)
		cmd := exec.Command("go", append(append([]string{"build", "-o", bin}, args...), "./testdata/opener")...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", out, err, b)
		}
		return bin
	}
	before, after := build("before"), build("after", "-overlay", overlay)
	data := t.TempDir()
	for i, step := range []struct{ bin, want string }{
		{before, name}, {before, name}, {after, changed}, {after, changed}, {before, name},
	} {
		out, err := exec.Command(step.bin, data).Output()
		if err != nil {
			t.Fatalf("step %d: %s: %v", i+1, filepath.Base(step.bin), err)
		}
		if string(out) != step.want {
			t.Errorf("step %d: %s read %q, want %q", i+1, filepath.Base(step.bin), out, step.want)
		}
	}
}
