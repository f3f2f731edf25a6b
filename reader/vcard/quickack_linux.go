package vcard

import (
	"net"
	"syscall"
)

// quickAck asks Linux to acknowledge at once. vpcd writes a message's
// length and body in two packets; with delayed ACKs the body waits 40 ms
// for the first ACK (Nagle), on every APDU. Linux clears the flag after
// use, so it is set again before every read.
func quickAck(c net.Conn) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return
	}
	if rc, err := tc.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_QUICKACK, 1) })
	}
}
