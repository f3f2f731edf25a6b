package oqs

import (
	"errors"

	"golang.org/x/sys/windows"
)

// busy reports an open refused because another program holds the file
// without sharing it: on Windows a connector may keep its result open
// exclusively while writing. It is read again at the next poll.
func busy(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
