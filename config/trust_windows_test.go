package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"
)

// The DACL a folder gets from the MSI (folderDACL) lets only SYSTEM and
// Administrators write; the others here let ordinary users change the file.
func TestWritersInTheDACL(t *testing.T) {
	for sddl, want := range map[string]string{
		folderDACL: "",
		"D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;BU)":       "",
		"D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FRFW;;;BU)":     `BUILTIN\Users`,
		"D:P(A;;FA;;;BA)(A;;FA;;;WD)":                   "Everyone",
		"D:P(A;;FA;;;BA)(A;;WD;;;AU)":                   `Authenticated Users`, // may change the permissions
		"D:P(A;;FA;;;BA)(A;OICI;0x1201bf;;;BU)":         `BUILTIN\Users`,       // create files in the folder
		"D:P(A;;FA;;;BA)(A;OICIIO;FA;;;BU)(A;;FR;;;BU)": "",                    // only for what is created inside
		"D:P(A;;FA;;;BA)(A;;GW;;;WD)":                   "Everyone",
		"D:P(A;;FA;;;BA)(A;;FA;;;S-1-5-21-1-2-3-1001)":  "",              // one named account: an administrator's choice
		"D:P(A;;FA;;;BA)(A;;SD;;;BU)(A;;0x1200a9;;;BU)": `BUILTIN\Users`, // may delete it
		"D:P(A;;FA;;;BA)(A;;0x1200a9;;;AU)(A;;FR;;;WD)": "",
	} {
		sd, err := windows.SecurityDescriptorFromString(sddl)
		if err != nil {
			t.Fatal(err)
		}
		got, err := writersIn(sd)
		if err != nil || !strings.Contains(got, want) || (want == "") != (got == "") {
			t.Errorf("%s: writers %q, %v; want %q", sddl, got, err, want)
		}
	}
}

func setDACL(t *testing.T, path, sddl string) {
	t.Helper()
	sd, err := windows.SecurityDescriptorFromString(sddl)
	if err != nil {
		t.Fatal(err)
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	if err := windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil); err != nil {
		t.Fatal(err)
	}
}

// The machine-wide file on disk: trusted when its DACL and its folder's
// let no ordinary user write; otherwise refused as a malformed file is,
// naming who could change it. (Wine keeps only what a Unix mode can say,
// so the cases here use Everyone; TestWritersInTheDACL covers the rest.)
func TestOnlyAdministratorsFileIsTrusted(t *testing.T) {
	for _, tc := range []struct {
		name, file, folder, want string // want "" when trusted
	}{
		{"as the installer leaves it", "", "", ""},
		{"Everyone may write the file", "D:P(A;;FA;;;BA)(A;;FA;;;WD)", folderDACL, "the file can be changed by"},
		{"Everyone may add files to the folder", "D:P(A;;FA;;;BA)(A;;FR;;;WD)", "D:P(A;;FA;;;BA)(A;;FA;;;WD)", "its folder "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "kyukyu")
			path := filepath.Join(dir, "kyukyu.toml")
			if err := Install(path, "", map[string]string{Mode: "oqs"}); err != nil {
				t.Fatal(err)
			}
			if tc.folder != "" {
				setDACL(t, path, tc.file)
				setDACL(t, dir, tc.folder)
			}
			t.Setenv(EnvPath, path)
			m, err := LoadMachine()
			if tc.want == "" {
				if err != nil || !m.Locked(Mode) {
					t.Fatalf("a file only administrators can change was refused: %v", err)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), path+": refused: ") || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v; want one line refusing %s with %q", err, path, tc.want)
			}
		})
	}
}
