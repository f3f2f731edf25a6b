//go:build !linux

package vcard

import "net"

// quickAck is Linux-only; elsewhere APDUs take the delayed-ACK path.
func quickAck(net.Conn) {}
