package config

import (
	"fmt"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Who must not be able to change the file: every user of the workstation.
var everyone = []windows.WELL_KNOWN_SID_TYPE{windows.WinBuiltinUsersSid, windows.WinAuthenticatedUserSid, windows.WinWorldSid}

// writeRights are the rights that change a file or a folder's files:
// write or append data (add a file or a folder), delete, delete a child,
// change the permissions or the owner, and the generic write and all.
const writeRights = windows.FILE_WRITE_DATA | windows.FILE_APPEND_DATA | fileDeleteChild | windows.DELETE |
	windows.WRITE_DAC | windows.WRITE_OWNER | windows.GENERIC_WRITE | windows.GENERIC_ALL

const fileDeleteChild = 0x40 // FILE_DELETE_CHILD, not in x/sys/windows

// untrusted says why the file at path (or its folder, where a user could
// put another file in its place) may be changed by someone other than an
// administrator: its DACL grants Users, Authenticated Users or Everyone a
// right to write. "" when only administrators (and SYSTEM) can.
func untrusted(path string) string {
	for _, p := range []string{path, filepath.Dir(path)} {
		what := "the file"
		if p != path {
			what = "its folder " + p
		}
		who, err := writers(p)
		if err != nil {
			return fmt.Sprintf("cannot check who may change %s: %v", what, err)
		}
		if who != "" {
			return fmt.Sprintf("%s can be changed by %s, not only by administrators (remove their write permission to trust it)", what, who)
		}
	}
	return ""
}

// writers names the first of everyone that p's DACL lets write, or "".
func writers(p string) (string, error) {
	sd, err := windows.GetNamedSecurityInfo(p, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return "", err
	}
	return writersIn(sd)
}

// writersIn is writers on a security descriptor.
func writersIn(sd *windows.SECURITY_DESCRIPTOR) (string, error) {
	dacl, _, err := sd.DACL()
	if err != nil {
		return "", err
	}
	if dacl == nil {
		return "Everyone (the file has no DACL)", nil
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return "", err
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 ||
			ace.Mask&writeRights == 0 {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		for _, w := range everyone {
			if sid.IsWellKnown(w) {
				return sidName(sid), nil
			}
		}
	}
	return "", nil
}

// sidName is the account's name as Windows shows it (BUILTIN\Users), else
// the SID.
func sidName(sid *windows.SID) string {
	account, domain, _, err := sid.LookupAccount("")
	if err != nil {
		return sid.String()
	}
	if domain != "" {
		return domain + `\` + account
	}
	return account
}
