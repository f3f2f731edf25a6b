package config

import "golang.org/x/sys/windows"

// folderDACL lets SYSTEM and Administrators do anything and Users only
// read, in dir and everything below it, and stops the inheritance from
// %ProgramData% (which lets Users create files in its subfolders).
const folderDACL = "D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)"

// protect replaces dir's DACL with folderDACL; Windows hands it on to the
// files inside.
func protect(dir string) error {
	sd, err := windows.SecurityDescriptorFromString(folderDACL)
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	return windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil)
}
