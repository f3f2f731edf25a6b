package pcsctest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// canIsolate checks what a private namespace needs: root (CAP_SYS_ADMIN)
// and ip(8) to bring the namespace's loopback up.
func canIsolate() error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("%w: a private pcscd needs its own mount and network namespace, which needs root", ErrAbsent)
	}
	if _, err := exec.LookPath("ip"); err != nil {
		return fmt.Errorf("%w: ip is missing (apt-get install iproute2)", ErrAbsent)
	}
	return nil
}

// isolated is pcscd in a new mount and network namespace (Go makes the
// new mount tree private, so nothing mounted there reaches the system):
// an empty /run with our folder as /run/pcscd, and loopback up for vpcd.
// sh execs pcscd, so the command's PID is pcscd's; it is killed when the
// thread that started it ends, so a killed test leaves no pcscd behind.
func isolated(pcscd, conf, sockDir string) *exec.Cmd {
	cmd := exec.Command("sh", "-c", `mount -n -t tmpfs tmpfs /run && mkdir /run/pcscd && mount -n --bind "$1" /run/pcscd && ip link set lo up && exec "$2" --foreground --config "$3"`,
		"sh", sockDir, pcscd, conf)
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWNET, Pdeathsig: syscall.SIGKILL}
	return cmd
}

// dialIn dials addr from inside the network namespace of process pid. A
// socket stays in the namespace it was made in; the thread that entered
// it is locked and never unlocked, so Go ends it instead of reusing it.
func dialIn(pid int, addr string) (net.Conn, error) {
	type result struct {
		c   net.Conn
		err error
	}
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread()
		ns, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
		if err != nil {
			ch <- result{err: err}
			return
		}
		defer ns.Close()
		if err := unix.Setns(int(ns.Fd()), unix.CLONE_NEWNET); err != nil {
			ch <- result{err: fmt.Errorf("setns: %w", err)}
			return
		}
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		ch <- result{c, err}
	}()
	r := <-ch
	return r.c, r.err
}
