package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
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

// config install is what the MSI runs: the file written from IT's values,
// or copied from IT's file, refused when wrong; `config` then lists it, and
// says why when a user could change it.
func TestConfigInstallAndTrust(t *testing.T) {
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		testenv.Unavailable(t, "only root's file is trusted on Linux: run as root")
	}
	useHome(t)
	p := filepath.Join(t.TempDir(), "kyukyu", "kyukyu.toml")
	t.Setenv("KYUKYU_CONFIG", p)
	oqs := filepath.Join(t.TempDir(), "OQS")
	if code, _, errs := runHome(t, "config", "install", "-mode", "oqs", "-oqs-dir", oqs, "-institution", "1312345678", "-audit-url", ""); code != 0 {
		t.Fatalf("config install: exit %d %s", code, errs)
	}
	code, out, errs := runHome(t, "config")
	if code != 0 || !strings.Contains(out, "institution   1312345678") || !strings.Contains(out, "oqs_req       "+filepath.Join(oqs, "req")) || strings.Contains(out, "audit_url") {
		t.Errorf("config after install: exit %d %q %q", code, out, errs)
	}
	it := filepath.Join(t.TempDir(), "it.toml")
	os.WriteFile(it, []byte("mode = \"training\"\nidle_minutes = \"ten\"\n"), 0o644)
	if code, _, errs := runHome(t, "config", "install", "-from", it); code == 0 || !strings.Contains(errs, it+" line 2: idle_minutes") {
		t.Errorf("a bad file from IT was installed: exit %d %q", code, errs)
	}
	if b, _ := os.ReadFile(p); !strings.Contains(string(b), `institution = "1312345678"`) {
		t.Errorf("a refused install changed the file:\n%s", b)
	}
	if runtime.GOOS == "windows" {
		return // a file's DACL: config's TestOnlyAdministratorsFileIsTrusted
	}
	os.Chmod(p, 0o666)
	code, out, errs = runHome(t, "config")
	if code == 0 || !strings.Contains(errs, p+": refused: the file can be changed by users other than root (mode 0666") || strings.Count(errs, "\n") != 1 {
		t.Errorf("config on a world-writable file: exit %d %q %q", code, out, errs)
	}
}
