package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// machineFile writes a machine-wide settings file and points KYUKYU_CONFIG at it.
func machineFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kyukyu.toml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("KYUKYU_CONFIG", p)
	return p
}

// The command line follows the hospital's machine-wide file as the window
// does: locked to training, it reads no real data; with mode oqs,
// -insurance asks the connector named there, not the training patients; a
// locked folder is not overridden by a flag.
func TestCommandsFollowTheMachineWideFile(t *testing.T) {
	useHome(t)
	drug := filepath.Join("..", "testdata", "oqs", "drug.xml")

	machineFile(t, "mode = \"training\"\n")
	code, out, errs := runHome(t, "summary", "-oqs", drug)
	if code != 1 || out != "" || !strings.Contains(errs, "lock this workstation to training mode") || strings.Count(errs, "\n") != 1 {
		t.Errorf("training-locked workstation read a real file: exit %d, %q %q", code, out, errs)
	}
	if code, out, errs := runHome(t, "summary", "-demo", "shinryo-taro"); code != 0 || !strings.Contains(out, "訓練用") {
		t.Errorf("training-locked workstation refused a training patient: exit %d %s", code, errs)
	}

	missing := filepath.Join(t.TempDir(), "no-such-connector")
	machineFile(t, "mode = \"oqs\"\noqs_req = '"+filepath.Join(missing, "req")+"'\noqs_res = '"+filepath.Join(missing, "res")+"'\ninstitution = \"1312345678\"\n")
	code, out, errs = runHome(t, "summary", "-insurance", "06130017:港01:4021:00")
	if code == 0 || strings.Contains(out, "訓練用") || !strings.Contains(errs, "req") {
		t.Errorf("an OQS workstation answered -insurance from elsewhere than its connector: exit %d, %q %q", code, out, errs)
	}
	code, _, errs = runHome(t, "summary", "-insurance", "06130017:港01:4021:00", "-oqs-req", t.TempDir())
	if code != 2 || !strings.Contains(errs, "-oqs-req: the hospital's settings") || !strings.Contains(errs, "oqs_req, which cannot be changed here") {
		t.Errorf("a flag overrode a locked folder: exit %d, %q", code, errs)
	}

	machineFile(t, "mode = \"oqs\"\n")
	code, out, errs = runHome(t, "summary", "-insurance", "06130017:港01:4021:00")
	if code != 2 || strings.Contains(out, "訓練用") || !strings.Contains(errs, "no oqs_req") {
		t.Errorf("an OQS workstation without a request folder answered from the training patients: exit %d, %q %q", code, out, errs)
	}

	bad := machineFile(t, "mode = \"oq\"\n")
	code, _, errs = runHome(t, "summary", "-oqs", drug)
	if code != 1 || !strings.Contains(errs, "settings file is refused") || !strings.Contains(errs, bad) {
		t.Errorf("a refused settings file let real data through: exit %d, %q", code, errs)
	}
}
