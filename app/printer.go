package app

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
)

// systemPrinter prints with the system's own command.
type systemPrinter struct{}

// printCommand builds the print command of each system: Windows' shell
// print verb, lp (CUPS) elsewhere.
func printCommand(ctx context.Context, goos, path, printer string) (*exec.Cmd, error) {
	if goos == "windows" {
		return exec.CommandContext(ctx, "powershell", "-NoProfile", "-Command", "Start-Process", "-FilePath", "'"+path+"'", "-Verb", "Print"), nil
	}
	lp, err := exec.LookPath("lp")
	if err != nil {
		return nil, fmt.Errorf("lp (CUPS) is not installed: %w", err)
	}
	args := []string{}
	if printer != "" {
		args = append(args, "-d", printer)
	}
	return exec.CommandContext(ctx, lp, append(args, path)...), nil
}

func (systemPrinter) Print(ctx context.Context, path, printer string) error {
	cmd, err := printCommand(ctx, runtime.GOOS, path, printer)
	if err != nil {
		return err
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v: %s", filepath.Base(cmd.Path), err, bytes.TrimSpace(out))
	}
	return nil
}
