package cli

import (
	"log/slog"
	"os"
	"time"

	"kyukyu/buildinfo"
	"kyukyu/diaglog"
	"kyukyu/internal/home"
)

// openDiag starts the diagnostic log for one command; the returned
// function records how it ended. Only the command's name, its exit status
// and time go in: arguments and error texts may carry patient data. A log
// that cannot open does not stop the command.
func openDiag(name string) func(code int) {
	dir, err := home.Locate()
	if err != nil {
		return func(int) {}
	}
	// The log never makes the data folder: `audit verify` must find a
	// missing folder missing.
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return func(int) {}
	}
	l, err := diaglog.Open(dir)
	if err != nil {
		return func(int) {}
	}
	prev := slog.Default()
	slog.SetDefault(l.Logger())
	start := time.Now()
	slog.Info("command", "name", name, "version", buildinfo.Get().String())
	return func(code int) {
		slog.Info("command done", "name", name, "exit", code, "ms", time.Since(start).Milliseconds())
		slog.SetDefault(prev)
		l.Close()
	}
}
