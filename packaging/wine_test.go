//go:build e2e && wine

package packaging

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kyukyu/internal/testenv"
	"kyukyu/training"
)

// wineBox is one Windows: a fresh Wine prefix (its C: drive) in the Debian
// 13 root of scripts/wine-root.sh, driven through scripts/wine-run.sh.
type wineBox struct {
	t                  *testing.T
	repo, prefix, root string // root: the Debian 13 root
	env                []string
}

func newWineBox(t *testing.T, repo string) *wineBox {
	if os.Geteuid() != 0 {
		testenv.Unavailable(t, "the Wine tier needs root: it mounts the Debian 13 root in a private namespace")
	}
	out, err := exec.Command("bash", filepath.Join(repo, "scripts", "wine-root.sh")).Output()
	if err != nil {
		testenv.Unavailable(t, "scripts/wine-root.sh could not make the Debian 13 root: %v", err)
	}
	w := &wineBox{t: t, repo: repo, prefix: t.TempDir(), root: strings.TrimSpace(string(out))}
	w.env = append(os.Environ(), "WINEPREFIX="+w.prefix, "KYUKYU_WINE_ROOT_DIR="+w.root, "KYUKYU_CONFIG=", "KYUKYU_HOME=")
	t.Cleanup(func() { w.cmd("wineserver", "-k").Run() })
	if out, errs, err := w.run(w.cmd("wineboot", "--init")); err != nil {
		t.Fatalf("wineboot: %v\n%s%s", err, out, errs)
	}
	return w
}

func (w *wineBox) cmd(args ...string) *exec.Cmd {
	cmd := exec.Command("bash", append([]string{filepath.Join(w.repo, "scripts", "wine-run.sh")}, args...)...)
	cmd.Env = w.env
	return cmd
}

// wine runs a Windows program to its end, then waits for the prefix to be
// idle (msiexec's service ends after its client).
func (w *wineBox) wine(args ...string) (string, string, error) {
	out, errs, err := w.run(w.cmd(append([]string{"wine"}, args...)...))
	w.cmd("wineserver", "-w").Run()
	return out, errs, err
}

// run runs cmd with its output in files, not pipes: a Wine service that
// cmd started (services.exe, winedevice.exe) inherits them and outlives
// cmd, and a pipe it holds would keep Wait from returning.
func (w *wineBox) run(cmd *exec.Cmd) (string, string, error) {
	dir := w.t.TempDir()
	files := make([]*os.File, 2)
	for i := range files {
		f, err := os.Create(filepath.Join(dir, []string{"stdout", "stderr"}[i]))
		if err != nil {
			return "", "", err
		}
		defer f.Close()
		files[i] = f
	}
	cmd.Stdout, cmd.Stderr = files[0], files[1]
	err := cmd.Run()
	out, _ := os.ReadFile(files[0].Name())
	errs, _ := os.ReadFile(files[1].Name())
	return string(out), string(errs), err
}

// host is the Linux path of a Windows path on C:.
func (w *wineBox) host(winPath string) string {
	p := strings.TrimPrefix(winPath, `C:\`)
	return filepath.Join(w.prefix, "drive_c", filepath.FromSlash(strings.ReplaceAll(p, `\`, "/")))
}

// zPath is the Windows path (Z:) of a host path.
func zPath(p string) string { return `Z:` + strings.ReplaceAll(p, "/", `\`) }

const (
	installDir = `C:\Program Files\kyukyu`
	cliExe     = installDir + `\kyukyu-cli.exe`
	machineDir = `C:\ProgramData\kyukyu`
)

func (w *wineBox) cli(args ...string) (string, string, error) {
	return w.wine(append([]string{cliExe}, args...)...)
}

func (w *wineBox) mustCLI(args ...string) string {
	w.t.Helper()
	out, errs, err := w.cli(args...)
	if err != nil {
		w.t.Fatalf("kyukyu-cli.exe %s: %v\n%s%s", strings.Join(args, " "), err, out, errs)
	}
	return out
}

// products lists the installed products named kyukyu, as the uninstall
// entries of Programs and Features hold them.
func (w *wineBox) products() []string {
	out, errs, err := w.wine("reg", "query", `HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall`, "/s")
	if err != nil && strings.Contains(strings.ToLower(errs), "unable to find") {
		return nil // the last uninstall took the key with it: nothing is installed
	}
	if err != nil {
		w.t.Fatalf("reg query: %v\n%s%s", err, out, errs)
	}
	var found []string
	for _, block := range strings.Split(strings.ReplaceAll(out, "\r", ""), "\n\n") {
		if regexp.MustCompile(`(?m)^\s+DisplayName\s+REG_SZ\s+kyukyu$`).MatchString(block) {
			v := regexp.MustCompile(`(?m)^\s+DisplayVersion\s+REG_SZ\s+(\S+)$`).FindStringSubmatch(block)
			if v == nil {
				v = []string{"", "?"}
			}
			found = append(found, v[1])
		}
	}
	return found
}

// buildPackages runs package.sh with the build number n into a folder of
// the test's and returns the MSI.
func buildPackages(t *testing.T, repo string, n int) string {
	dist := t.TempDir()
	cmd := exec.Command("bash", "scripts/package.sh")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "KYUKYU_DIST="+dist, "KYUKYU_BUILD="+strconv.Itoa(n))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("package.sh (build %d): %v\n%s", n, err, out)
	}
	msis, _ := filepath.Glob(filepath.Join(dist, "*.msi"))
	if len(msis) != 1 {
		t.Fatalf("package.sh (build %d) made %v", n, msis)
	}
	return msis[0]
}

// TestWindowsUnderWine installs the MSI as hospital IT would — silently,
// with the machine-wide settings as properties — on a Windows of Wine 10,
// runs the installed kyukyu-cli.exe through the daily commands on Windows
// paths, opens the window, upgrades to the next build, and uninstalls.
func TestWindowsUnderWine(t *testing.T) {
	for _, tool := range [][2]string{{"wixl", "wixl"}, {"x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64"}, {"git", "git"},
		{"Xvfb", "xvfb"}, {"xwininfo", "x11-utils"}, {"import", "imagemagick"}, {"pdftotext", "poppler-utils"}} {
		testenv.Tool(t, tool[0], tool[1])
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", filepath.Join(repo, "scripts", "version.sh")).Output()
	if err != nil {
		t.Fatal(err)
	}
	var version string
	var build int
	if _, err := fmt.Sscan(string(out), &version, &build); err != nil {
		t.Fatalf("version.sh: %q: %v", out, err)
	}
	msiN, msiN1 := buildPackages(t, repo, build), buildPackages(t, repo, build+1)
	w := newWineBox(t, repo)

	// Build N, with the settings as properties.
	if out, errs, err := w.wine("msiexec", "/i", zPath(msiN), "/qn", "MODE=oqs", `OQS_DIR=C:\OQS`, "INSTITUTION=1312345678",
		"AUDIT_URL=postgres://kyukyu@audit.example.local/kyukyu"); err != nil {
		t.Fatalf("msiexec /i build %d: %v\n%s%s", build, err, out, errs)
	}
	if got := w.products(); len(got) != 1 {
		t.Fatalf("after installing build %d: products %v, want one", build, got)
	}
	toml, err := os.ReadFile(w.host(machineDir + `\kyukyu.toml`))
	if err != nil {
		t.Fatalf("the MSI wrote no machine-wide file: %v", err)
	}
	for _, want := range []string{`mode = "oqs"`, `oqs_req = "C:\\OQS\\req"`, `oqs_res = "C:\\OQS\\res"`, `institution = "1312345678"`} {
		if !strings.Contains(string(toml), want) {
			t.Errorf("kyukyu.toml lacks %s:\n%s", want, toml)
		}
	}
	// The installed kyukyu reads it as the administrator's: the folder's
	// permissions pass its own check (no write for Users).
	if out := w.mustCLI("config"); !strings.Contains(out, "institution   1312345678") || !strings.Contains(out, `oqs_req       C:\OQS\req`) {
		t.Errorf("kyukyu-cli.exe config:\n%s", out)
	}
	if out := w.mustCLI("version"); !strings.HasPrefix(out, fmt.Sprintf("kyukyu %s+%d (commit ", version, build)) {
		t.Errorf("installed build %d says %q", build, out)
	}

	// Build N+1 over it, now with IT's own file from the share.
	share := t.TempDir()
	itFile := filepath.Join(share, "kyukyu.toml")
	if err := os.WriteFile(itFile, []byte("# IT\nmode = \"training\"\ninstitution = \"1312345678\"\nidle_minutes = 15\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, err := w.wine("msiexec", "/i", zPath(msiN1), "/qn", "CONFIG="+zPath(itFile)); err != nil {
		t.Fatalf("msiexec /i build %d: %v\n%s%s", build+1, err, out, errs)
	}
	if got := w.products(); len(got) != 1 {
		t.Errorf("after upgrading to build %d: products %v, want one", build+1, got)
	}
	next := fmt.Sprintf("%s+%d", version, build+1)
	if out := w.mustCLI("version"); !strings.HasPrefix(out, "kyukyu "+next+" (commit ") {
		t.Errorf("after the upgrade the installed kyukyu says %q, want %s", out, next)
	}
	if b, _ := os.ReadFile(w.host(machineDir + `\kyukyu.toml`)); !strings.HasPrefix(string(b), "# IT\n") {
		t.Errorf("CONFIG= did not copy IT's file:\n%s", b)
	}

	t.Run("cli", func(t *testing.T) { windowsCLI(t, w) })
	t.Run("window", func(t *testing.T) { windowsWindow(t, w) })
	t.Run("card", func(t *testing.T) { windowsCard(t, w) })

	// Uninstall: the program, its shortcut and its entry go; IT's settings
	// and each user's data (the audit log) stay.
	if out, errs, err := w.wine("msiexec", "/x", zPath(msiN1), "/qn"); err != nil {
		t.Fatalf("msiexec /x: %v\n%s%s", err, out, errs)
	}
	if got := w.products(); len(got) != 0 {
		t.Errorf("after the uninstall: products %v", got)
	}
	for _, gone := range []string{installDir + `\kyukyu.exe`, installDir + `\kyukyu-cli.exe`, installDir,
		`C:\ProgramData\Microsoft\Windows\Start Menu\Programs\kyukyu.lnk`} {
		if _, err := os.Stat(w.host(gone)); err == nil {
			t.Errorf("the uninstall left %s", gone)
		}
	}
	for _, kept := range []string{machineDir + `\kyukyu.toml`, `C:\users\root\AppData\Roaming\kyukyu\audit.db`} {
		if _, err := os.Stat(w.host(kept)); err != nil {
			t.Errorf("the uninstall removed %s: %v", kept, err)
		}
	}
}

// windowsCLI runs the daily commands of the installed kyukyu-cli.exe with
// Windows paths: the data folder in %AppData%, outputs and backups on C:.
func windowsCLI(t *testing.T, w *wineBox) {
	out := w.mustCLI("summary", "-demo", "rare-kanji-yoshida", "-date", "2026-11-25")
	if !strings.Contains(out, "𠮷田 𩸽子") {
		t.Errorf("summary lacks the patient's name 𠮷田 𩸽子:\n%s", out)
	}
	w.mustCLI("pdf", "-demo", "rare-kanji-yoshida", "-date", "2026-11-25", "-o", `C:\users\root\Documents\救急 サマリー.pdf`)
	text, err := exec.Command("pdftotext", w.host(`C:\users\root\Documents\救急 サマリー.pdf`), "-").Output()
	if err != nil || !strings.Contains(string(text), "𠮷田") {
		t.Errorf("the PDF written on Windows: %v; its text lacks 𠮷田:\n%.300s", err, text)
	}
	w.mustCLI("ips", "-demo", "shinryo-taro", "-date", "2026-11-25", "-o", `C:\users\root\Documents\ips.json`)
	if b, err := os.ReadFile(w.host(`C:\users\root\Documents\ips.json`)); err != nil || !bytes.Contains(b, []byte(`"resourceType"`)) {
		t.Errorf("ips.json: %v %.200s", err, b)
	}
	// The accesses above are in the audit log in %AppData%\kyukyu.
	if out := w.mustCLI("audit", "verify"); !strings.Contains(out, "entries") {
		t.Errorf("audit verify:\n%s", out)
	}
	w.mustCLI("audit", "export", "-from", "2020-01-01", "-to", "2030-12-31", "-o", `C:\users\root\Documents\audit.csv`)
	if b, err := os.ReadFile(w.host(`C:\users\root\Documents\audit.csv`)); err != nil || bytes.Count(b, []byte("\n")) < 3 {
		t.Errorf("audit export: %v\n%s", err, b)
	}
	w.mustCLI("backup", "-to", `C:\backups`)
	backups, _ := filepath.Glob(filepath.Join(w.host(`C:\backups`), "*.tar.gz"))
	if len(backups) != 1 {
		t.Fatalf("backup -to C:\\backups made %v", backups)
	}
	w.mustCLI("restore", "-from", `C:\backups\`+filepath.Base(backups[0]))
	if out := w.mustCLI("audit", "verify"); !strings.Contains(out, "entries") {
		t.Errorf("audit verify after the restore:\n%s", out)
	}
	if out := w.mustCLI("config"); !strings.Contains(out, `C:\ProgramData\kyukyu\kyukyu.toml: set by the administrator`) {
		t.Errorf("config:\n%s", out)
	}
}

// windowsWindow opens kyukyu.exe on a training patient under Xvfb with a
// Japanese locale and keeps a picture of it (dist/wine-window.png).
func windowsWindow(t *testing.T, w *wineBox) {
	disp := 120
	for ; disp < 200; disp++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", disp)); err != nil {
			break
		}
	}
	display := fmt.Sprintf(":%d", disp)
	xvfb := exec.Command("Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { xvfb.Process.Kill(); xvfb.Wait() }()
	app := w.cmd("wine", installDir+`\kyukyu.exe`, "-demo", "-patient", "warfarin-head-injury", "-date", "2026-11-25")
	app.Env = append(app.Env, "DISPLAY="+display, "LANG=ja_JP.UTF-8", "LC_ALL=ja_JP.UTF-8")
	var log bytes.Buffer
	app.Stdout, app.Stderr = &log, &log
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { app.Process.Kill(); app.Wait() }()
	var win string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && win == ""; time.Sleep(time.Second) {
		tree, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		if m := regexp.MustCompile(`(?m)^\s+(0x[0-9a-f]+) "kyukyu[^"]*": .* (\d+)x(\d+)\+`).FindSubmatch(tree); m != nil {
			if wd, _ := strconv.Atoi(string(m[2])); wd > 600 {
				win = string(m[1])
			}
		}
	}
	if win == "" {
		tree, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
		t.Fatalf("no kyukyu window within 60 s:\n%s\nkyukyu.exe said:\n%s", tree, log.String())
	}
	time.Sleep(5 * time.Second) // the patient is drawn after the window maps
	shot := filepath.Join(w.repo, "dist", "wine-window.png")
	os.MkdirAll(filepath.Dir(shot), 0o755)
	if out, err := exec.Command("import", "-display", display, "-window", win, shot).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	img := testenv.ReadPNG(t, shot)
	colours := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bb, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|bb>>8] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("the window picture %s has %d colours: nothing drawn", shot, len(colours))
	}
	t.Logf("window picture: %s", shot)
}

// windowsCard reads a card as a Windows workstation does: the installed
// kyukyu-cli.exe through Wine's winscard.dll, the root's pcscd and its vpcd
// driver, to our virtual card served by the Linux build — in a mount and
// network namespace of its own (as reader/pcsctest runs pcscd), so the
// system's pcscd and its vpcd port are never touched.
func windowsCard(t *testing.T, w *wineBox) {
	testenv.Tool(t, "ip", "iproute2")
	root := w.root
	drivers, _ := filepath.Glob(filepath.Join(root, "usr/lib/*/pcsc/drivers/serial/libifdvpcd.so*"))
	if len(drivers) == 0 {
		drivers, _ = filepath.Glob(filepath.Join(root, "usr/lib/pcsc/drivers/serial/libifdvpcd.so*"))
	}
	if len(drivers) == 0 {
		testenv.Unavailable(t, "the Debian 13 root has no vpcd driver: scripts/wine-root.sh installs vsmartcard-vpcd")
	}
	conf := t.TempDir()
	cfg := fmt.Sprintf("FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:0x8C7B\nLIBPATH %s\nCHANNELID 0x8C7B\n", strings.TrimPrefix(drivers[0], root))
	if err := os.WriteFile(filepath.Join(conf, "vpcd"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "kyukyu")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = w.repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const script = `
ip link set lo up
mount -t tmpfs tmpfs "$ROOT/run" && mkdir -p "$ROOT/run/pcscd"
# No polkit daemon runs in the root: pcscd asks it nothing.
bash "$REPO/scripts/wine-run.sh" pcscd --foreground --disable-polkit --config "$CONF" >"$CONF/pcscd.log" 2>&1 & pcscd=$!
KYUKYU_HOME="$CONF/home" "$BIN" vcard -patient shinryo-taro >"$CONF/vcard.log" 2>&1 & vcard=$!
bash "$REPO/scripts/wine-run.sh" wine "C:\\Program Files\\kyukyu\\kyukyu-cli.exe" card read -wait 60s -json; rc=$?
kill $vcard $pcscd; wait
exit $rc`
	cmd := exec.Command("unshare", "--mount", "--net", "--propagation", "private", "bash", "-c", script)
	cmd.Env = append(w.env, "ROOT="+root, "REPO="+w.repo, "CONF="+conf, "BIN="+bin)
	out, errs, err := w.run(cmd)
	logs, _ := os.ReadFile(filepath.Join(conf, "pcscd.log"))
	vlog, _ := os.ReadFile(filepath.Join(conf, "vcard.log"))
	want := `"serial": "` + training.CardSerial("shinryo-taro").Text(16) + `"`
	if err != nil || !strings.Contains(strings.ReplaceAll(out, `":"`, `": "`), want) {
		t.Errorf("card read through winscard.dll: %v\nstdout: %s\nstderr: %s\npcscd: %s\nvcard: %s", err, out, errs, logs, vlog)
	}
}
