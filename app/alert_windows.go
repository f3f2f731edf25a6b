package app

import "golang.org/x/sys/windows"

// alert shows line in a message box: the window's program has no console
// to print to.
func alert(line string) {
	text, err := windows.UTF16PtrFromString(line)
	if err != nil {
		return
	}
	title, _ := windows.UTF16PtrFromString("kyukyu")
	windows.MessageBox(0, text, title, windows.MB_OK|windows.MB_ICONERROR|windows.MB_SETFOREGROUND)
}
