//go:build e2e

package packaging

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"kyukyu/buildinfo"
	"kyukyu/internal/testenv"
)

// TestPackages builds the MSI and the .deb as `make package` does, into a
// folder of the test's, and checks them with the tools an IT department
// would use: msiinfo/msiextract, dpkg-deb; the .deb's kyukyu runs.
func TestPackages(t *testing.T) {
	for _, tool := range [][2]string{{"wixl", "wixl"}, {"msiinfo", "msitools"}, {"msiextract", "msitools"},
		{"x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64"}, {"dpkg-deb", "dpkg"}, {"dpkg-shlibdeps", "dpkg-dev"}, {"git", "git"}} {
		testenv.Tool(t, tool[0], tool[1])
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	before := gitStatus(t, root)
	dist := t.TempDir()
	// What is already in the output folder stays: the build only adds its three files.
	keep := filepath.Join(dist, "kyukyu-0.0.1-x64.msi")
	if err := os.WriteFile(keep, []byte("an older release"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "scripts/package.sh")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "KYUKYU_DIST="+dist)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("package.sh: %v\n%s", err, out)
	}
	if after := gitStatus(t, root); after != before {
		t.Errorf("the package build changed the work tree:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "an older release" {
		t.Errorf("the package build touched a file it did not make: %v", err)
	}
	// The release is the version and the build number; the MSI's version
	// puts the build number third, the one MSI compares last.
	var build int
	if _, err := fmt.Sscan(run(t, "bash", "../scripts/version.sh"), new(string), &build); err != nil {
		t.Fatal(err)
	}
	v := fmt.Sprintf("%s+%d", buildinfo.Version, build)
	msiVersion := fmt.Sprintf("%s.%d", buildinfo.Version[:strings.LastIndex(buildinfo.Version, ".")], build)
	msi := filepath.Join(dist, "kyukyu-"+v+"-x64.msi")
	deb := filepath.Join(dist, "kyukyu_"+v+"_amd64.deb")
	checkSums(t, dist, msi, deb)
	t.Run("msi", func(t *testing.T) { checkMSI(t, msi, v, msiVersion) })
	t.Run("deb", func(t *testing.T) { checkDeb(t, deb, v) })
}

func gitStatus(t *testing.T, root string) string {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "status", "--porcelain", "--untracked-files=all").Output()
	if err != nil {
		testenv.Unavailable(t, "the package test compares git status and needs a git checkout: %v", err)
	}
	return string(out)
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr)
	}
	return string(out)
}

func checkSums(t *testing.T, dist string, files ...string) {
	t.Helper()
	cmd := exec.Command("sha256sum", "-c", "SHA256SUMS")
	cmd.Dir = dist
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, out)
	}
	for _, f := range files {
		if !strings.Contains(string(out), filepath.Base(f)+": OK") {
			t.Errorf("SHA256SUMS does not cover %s:\n%s", filepath.Base(f), out)
		}
	}
}

func checkMSI(t *testing.T, msi, version, msiVersion string) {
	props := run(t, "msiinfo", "export", msi, "Property")
	for _, want := range []string{"ProductVersion\t" + msiVersion, "Manufacturer\tkyukyu project", "ProductName\tkyukyu",
		"UpgradeCode\t{2CB6F8F0-22EE-4B44-97A4-2AB541C8DEA5}", "ARPPRODUCTICON\tkyukyu.ico"} {
		if !strings.Contains(props, want+"\r\n") && !strings.Contains(props, want+"\n") {
			t.Errorf("Property table lacks %q:\n%s", want, props)
		}
	}
	if sum := run(t, "msiinfo", "suminfo", msi); !strings.Contains(sum, "x64;") {
		t.Errorf("not an x64 package:\n%s", sum)
	}
	// ALLUSERS=1: per machine.
	if !regexp.MustCompile(`(?m)^ALLUSERS\t1\r?$`).MatchString(props) {
		t.Errorf("not a per-machine package (ALLUSERS):\n%s", props)
	}
	shortcuts := run(t, "msiinfo", "export", msi, "Shortcut")
	if !strings.Contains(shortcuts, "ProgramMenuFolder") || !strings.Contains(shortcuts, "[INSTALLDIR]kyukyu.exe") {
		t.Errorf("no Start-menu shortcut to kyukyu.exe:\n%s", shortcuts)
	}
	if up := run(t, "msiinfo", "export", msi, "Upgrade"); !strings.Contains(up, "{2CB6F8F0-22EE-4B44-97A4-2AB541C8DEA5}") {
		t.Errorf("the Upgrade table does not find older versions:\n%s", up)
	}
	dir := t.TempDir()
	cmd := exec.Command("msiextract", "-C", dir, msi)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("msiextract: %v\n%s", err, out)
	}
	// msiextract keeps the folder below the system one; the Directory table puts it in Program Files.
	if dirs := run(t, "msiinfo", "export", msi, "Directory"); !regexp.MustCompile(`(?m)^INSTALLDIR\tProgramFiles64Folder\tkyukyu\r?$`).MatchString(dirs) {
		t.Errorf("not installed into Program Files\\kyukyu:\n%s", dirs)
	}
	installed := filepath.Join(dir, "kyukyu")
	for exe, subsystem := range map[string]uint16{"kyukyu.exe": 2, "kyukyu-cli.exe": 3} { // 2 GUI, 3 console
		b, err := os.ReadFile(filepath.Join(installed, exe))
		if err != nil {
			t.Fatal(err)
		}
		if got := peSubsystem(t, b); got != subsystem {
			t.Errorf("%s: PE subsystem %d, want %d", exe, got, subsystem)
		}
		if !bytes.Contains(b, utf16le("ProductVersion\x00"+version+"\x00")) {
			t.Errorf("%s has no version resource with ProductVersion %s", exe, version)
		}
	}
	// kyukyu's licence; every linked module's; BIZ UDGothic's; the Hanazono fallback fonts'.
	for _, l := range []string{"LICENSE.txt", "THIRD_PARTY_NOTICES.txt", "OFL.txt", "HANAZONO.txt"} {
		if _, err := os.Stat(filepath.Join(installed, l)); err != nil {
			t.Errorf("licence not installed: %v", err)
		}
	}
	checkNotices(t, filepath.Join(installed, "THIRD_PARTY_NOTICES.txt"))
	// The install runs kyukyu-cli.exe config install as SYSTEM with IT's properties.
	ca := run(t, "msiinfo", "export", msi, "CustomAction")
	if !strings.Contains(ca, "kyukyu_cli.exe\tconfig install -from \"[CONFIG]\"") || !strings.Contains(ca, "[INSTITUTION]") {
		t.Errorf("no custom action writing the machine-wide settings:\n%s", ca)
	}
}

// peSubsystem reads the Subsystem field of a PE32+ optional header.
func peSubsystem(t *testing.T, b []byte) uint16 {
	t.Helper()
	if len(b) < 0x40 || string(b[:2]) != "MZ" {
		t.Fatal("not an MZ executable")
	}
	pe := int(binary.LittleEndian.Uint32(b[0x3C:]))
	if len(b) < pe+24+70 || string(b[pe:pe+4]) != "PE\x00\x00" {
		t.Fatal("no PE header")
	}
	return binary.LittleEndian.Uint16(b[pe+24+68:])
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func checkDeb(t *testing.T, deb, version string) {
	info := run(t, "dpkg-deb", "-I", deb)
	for _, re := range []string{`(?m)^ Package: kyukyu$`, `(?m)^ Version: ` + regexp.QuoteMeta(version) + `$`, `(?m)^ Architecture: amd64$`,
		`(?m)^ Depends: .*\blibpcsclite1\b`, `(?m)^ Depends: .*\blibgl1\b`, `(?m)^ Depends: .*\blibx11-6\b`, `(?m)^ Depends: .*\blibwayland-egl1\b`, `(?m)^ Depends: .*\blibc6\b`,
		`(?m)^ Recommends: pcscd$`} {
		if !regexp.MustCompile(re).MatchString(info) {
			t.Errorf("dpkg-deb -I lacks %s:\n%s", re, info)
		}
	}
	files := run(t, "dpkg-deb", "-c", deb)
	for _, want := range []string{"./usr/bin/kyukyu", "./usr/share/doc/kyukyu/THIRD_PARTY_NOTICES.gz", "./usr/share/doc/kyukyu/changelog.gz",
		"./usr/share/man/man1/kyukyu.1.gz", "./usr/share/applications/kyukyu.desktop", "./usr/share/icons/hicolor/16x16/apps/kyukyu.png",
		"./usr/share/icons/hicolor/48x48/apps/kyukyu.png", "./usr/share/icons/hicolor/256x256/apps/kyukyu.png", "./usr/share/doc/kyukyu/OFL.txt", "./usr/share/doc/kyukyu/HANAZONO.txt", "./usr/share/doc/kyukyu/copyright"} {
		if !regexp.MustCompile(`(?m) ` + regexp.QuoteMeta(want) + `$`).MatchString(files) {
			t.Errorf("dpkg-deb -c lacks %s:\n%s", want, files)
		}
	}
	if !regexp.MustCompile(`(?m)^-rwxr-xr-x root/root .* \./usr/bin/kyukyu$`).MatchString(files) {
		t.Errorf("/usr/bin/kyukyu is not an executable owned by root:\n%s", files)
	}
	// Debian's own check: no errors (warnings are advice).
	lint, _ := exec.Command(testenv.Tool(t, "lintian", "lintian"), "--tag-display-limit", "0", deb).CombinedOutput()
	if regexp.MustCompile(`(?m)^E: `).Match(lint) {
		t.Errorf("lintian finds errors in the .deb:\n%s", lint)
	}
	root := t.TempDir()
	run(t, "dpkg-deb", "-x", deb, root)
	bin := filepath.Join(root, "usr", "bin", "kyukyu")
	// A stripped position-independent executable.
	if elf := run(t, "file", "-L", bin); !strings.Contains(elf, "pie executable") || !strings.Contains(elf, ", stripped") {
		t.Errorf("/usr/bin/kyukyu is not a stripped PIE: %s", elf)
	}
	home := t.TempDir()
	kyukyu := func(args ...string) (string, string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "KYUKYU_HOME="+home, "KYUKYU_CONFIG=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}
	out, errs, err := kyukyu("version")
	head := strings.TrimSpace(run(t, "git", "-C", "..", "rev-parse", "--short=12", "HEAD"))
	if err != nil || !strings.HasPrefix(out, "kyukyu "+version+" (commit "+head) || strings.Contains(out, "unknown") {
		t.Errorf("kyukyu version: %v %q %s; want version %s, commit %s and a build date", err, out, errs, version, head)
	}
	out, errs, err = kyukyu("summary", "-demo", "shinryo-taro", "-date", "2022-08-26", "-json")
	if err != nil {
		t.Fatalf("summary: %v %s", err, errs)
	}
	var v struct {
		CreatedOn string `json:"createdOn"`
		Training  bool   `json:"training"`
		Patient   struct {
			Name string `json:"name"`
		} `json:"patient"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("summary JSON: %v\n%s", err, out)
	}
	if v.CreatedOn != "2022-08-26" || !v.Training || v.Patient.Name != "診療 太郎" {
		t.Errorf("summary of the packaged kyukyu: %+v", v)
	}
	// The machine-wide file as IT deploys it, then with a mistake.
	conf := filepath.Join(t.TempDir(), "kyukyu.toml")
	for _, tc := range []struct{ file, want string }{
		{"mode = \"oqs\"\ninstitution = \"1312345678\"\n", "institution   1312345678"},
		{"mode = \"oqs\"\noqs_req = \"D:\\OQS\\req\"\n", conf + " line 2: oqs_req: invalid escape"},
	} {
		if err := os.WriteFile(conf, []byte(tc.file), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errs, _ := kyukyu("config", "-file", conf)
		if !strings.Contains(out+errs, tc.want) {
			t.Errorf("kyukyu config on %q: %s%s; want %q", tc.file, out, errs, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(home, "logs", "kyukyu.log")); err != nil {
		t.Errorf("the packaged kyukyu wrote no diagnostic log in its data folder: %v", err)
	}
}

// checkNotices finds the licence of every linked module in the notices.
func checkNotices(t *testing.T, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mods := run(t, "go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}}{{end}}{{end}}", "..")
	for _, m := range strings.Fields(mods) {
		if !bytes.Contains(b, []byte("\n"+m+" (")) {
			t.Errorf("THIRD_PARTY_NOTICES lacks %s", m)
		}
	}
	for _, want := range []string{"SIL OPEN FONT LICENSE", "Go standard library"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("THIRD_PARTY_NOTICES lacks %s", want)
		}
	}
}
