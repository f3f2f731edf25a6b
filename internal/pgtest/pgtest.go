// Package pgtest runs a private PostgreSQL server for tests: Debian's
// binaries, a cluster in a temporary folder, a free loopback port, password
// authentication as in a hospital, stopped and removed at the end. A test
// that needs it and cannot get it fails under CI=true, and is skipped with
// the reason elsewhere (internal/testenv).
package pgtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kyukyu/internal/testenv"
)

// AdminPassword is the superuser's password of every test server.
const AdminPassword = "kyukyu-test-admin"

// Server is a running private PostgreSQL.
type Server struct {
	bin, dir string
	Port     int
	AdminURL string // superuser postgres over TCP with a password
}

// Start starts a server for t and stops it when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := binDir()
	if err != nil {
		unavailable(t, err)
	}
	dir, err := os.MkdirTemp("", "kyukyu-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &Server{bin: bin, dir: dir}
	if err := s.ownByPostgres(); err != nil {
		unavailable(t, err)
	}
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte(AdminPassword+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.ownByPostgres(); err != nil {
		t.Fatal(err)
	}
	if out, err := s.run("initdb", "-D", s.data(), "-U", "postgres", "--pwfile", pw, "--auth", "scram-sha-256",
		"-E", "UTF8", "--locale", "C", "--no-sync"); err != nil {
		unavailable(t, fmt.Errorf("initdb: %v: %s", err, out))
	}
	if s.Port, err = freePort(); err != nil {
		t.Fatal(err)
	}
	s.AdminURL = fmt.Sprintf("postgres://postgres:%s@127.0.0.1:%d/postgres?sslmode=disable", AdminPassword, s.Port)
	t.Cleanup(func() { s.run("pg_ctl", "-D", s.data(), "-m", "immediate", "-w", "stop") })
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *Server) data() string { return filepath.Join(s.dir, "data") }

// Start starts the stopped server on its port.
func (s *Server) Start() error {
	// fsync off: the tests kill processes, not the machine's power.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60", s.Port, s.dir)
	if out, err := s.run("pg_ctl", "-D", s.data(), "-l", filepath.Join(s.dir, "log"), "-o", opts, "-w", "-t", "60", "start"); err != nil {
		return fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	return nil
}

// Stop stops the server: mode "fast" (clients told, clean shutdown) or
// "immediate" (as if it crashed).
func (s *Server) Stop(mode string) error {
	if out, err := s.run("pg_ctl", "-D", s.data(), "-m", mode, "-w", "-t", "60", "stop"); err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	return nil
}

// URL is a connection URL for user and password on the server.
func (s *Server) URL(user, password string) string {
	return fmt.Sprintf("postgres://%s:%s@127.0.0.1:%d/postgres?sslmode=disable", user, password, s.Port)
}

// run runs a server binary as postgres (PostgreSQL refuses to run as root).
func (s *Server) run(name string, args ...string) (string, error) {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	if os.Geteuid() == 0 {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(s.bin, name)}, args...)...)
	}
	cmd.Dir = s.dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// ownByPostgres gives the folder to the postgres user when running as root.
func (s *Server) ownByPostgres() error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("no postgres user (install Debian's postgresql): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return filepath.Walk(s.dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chown(p, uid, gid)
	})
}

// binDir finds the newest installed server's binaries.
func binDir() (string, error) {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		return "", fmt.Errorf("no PostgreSQL server in /usr/lib/postgresql (scripts/deps.sh test installs Debian's postgresql)")
	}
	slices.SortFunc(found, func(a, b string) int { return version(a) - version(b) })
	return filepath.Dir(found[len(found)-1]), nil
}

func version(p string) int {
	n, _ := strconv.Atoi(strings.Split(strings.TrimPrefix(p, "/usr/lib/postgresql/"), "/")[0])
	return n
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func unavailable(t testing.TB, err error) {
	t.Helper()
	testenv.Unavailable(t, "PostgreSQL for the central audit log: %v", err)
}

// Hung is the address of a server that accepts connections and never
// answers, as a PostgreSQL stuck or behind a broken network looks; it
// closes when t ends.
func Hung(t testing.TB) string {
	t.Helper()
	addr, _ := HungAccepting(t)
	return addr
}

// HungAccepting is Hung that also tells when it has taken a connection: a
// client is then waiting on it (a test acts on that, not after a guess).
func HungAccepting(t testing.TB) (addr string, accepted <-chan struct{}) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	took := make(chan struct{}, 1)
	go func() {
		var open []net.Conn
		defer func() {
			for _, c := range open {
				c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			open = append(open, c)
			select {
			case took <- struct{}{}:
			default:
			}
		}
	}()
	return l.Addr().String(), took
}
