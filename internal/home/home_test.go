package home

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirHonoursEnvAndCreatesIt(t *testing.T) {
	want := filepath.Join(t.TempDir(), "a", "b")
	t.Setenv(Env, want)
	got, err := Dir()
	if err != nil || got != want {
		t.Fatalf("Dir() = %q, %v; want %q", got, err, want)
	}
	if st, err := os.Stat(want); err != nil || !st.IsDir() {
		t.Fatalf("data directory not created: %v", err)
	}
}

func TestDirDefaultsUnderUserConfig(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv(Env, "")
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	got, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	base, _ := os.UserConfigDir()
	if got != filepath.Join(base, "kyukyu") {
		t.Fatalf("Dir() = %q; want kyukyu under %q", got, base)
	}
}
