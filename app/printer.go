package app

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"kyukyu/ui"
)

// systemPrinter prints with the system's own command.
type systemPrinter struct{}

// printCommand builds the print command of each system: Windows' shell
// print verb, lp (CUPS) elsewhere.
func printCommand(ctx context.Context, goos, path string, job ui.PrintJob) (*exec.Cmd, error) {
	if goos == "windows" {
		return exec.CommandContext(ctx, "powershell", "-NoProfile", "-Command", "Start-Process", "-FilePath", "'"+path+"'", "-Verb", "Print"), nil
	}
	lp, err := exec.LookPath("lp")
	if err != nil {
		return nil, fmt.Errorf("lp (CUPS) is not installed: %w", err)
	}
	args := []string{}
	if job.Printer != "" {
		args = append(args, "-d", job.Printer)
	}
	return exec.CommandContext(ctx, lp, append(args, "--", path)...), nil
}

func (systemPrinter) Print(ctx context.Context, path string, job ui.PrintJob) error {
	cmd, err := printCommand(ctx, runtime.GOOS, path, job)
	if err != nil {
		return err
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w: %s", filepath.Base(cmd.Path), err, bytes.TrimSpace(out))
	}
	return nil
}

// openFile shows a file or folder in the system's viewer. On X11 and
// Wayland desktops xdg-open is waited for: it fails when nothing handles
// the file, and then the screen says where the file is instead of
// claiming it opened. Elsewhere the system opens it (Fyne's OpenURL).
func openFile(goos string, open func(path string) error, path string) error {
	if goos != "linux" && goos != "freebsd" && goos != "openbsd" && goos != "netbsd" {
		return open(path)
	}
	xdg, err := exec.LookPath("xdg-open")
	if err != nil {
		return fmt.Errorf("xdg-open (xdg-utils) is not installed: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, xdg, path).CombinedOutput(); err != nil {
		return fmt.Errorf("xdg-open: %w: %s", err, bytes.TrimSpace(out))
	}
	return nil
}
