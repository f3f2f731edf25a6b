package oqs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// NotRegularError is a path in an exchange folder (or given to -oqs) that
// is not a plain file: a FIFO, a device, a folder or a symlink. It is
// refused before it is opened for reading, so it can never block a read.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	what := "not a regular file"
	switch {
	case e.Mode&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case e.Mode&fs.ModeNamedPipe != 0:
		what = "a FIFO (named pipe)"
	case e.Mode&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		what = "a device"
	case e.Mode.IsDir():
		what = "a folder"
	case e.Mode&fs.ModeSocket != 0:
		what = "a socket"
	}
	return "is " + what + ", not a result file: only regular files are read"
}

// readRegular reads a whole regular file of at most MaxFileSize bytes. It
// refuses anything else by Lstat, and opens without blocking in case the
// path was swapped for a FIFO in between (then refused by the second check).
// A file that does not exist is reported with fs.ErrNotExist.
func readRegular(path string) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotRegularError{st.Mode()}
	}
	if st.Size() > MaxFileSize {
		return nil, errTooLarge
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotRegularError{st.Mode()}
	}
	// One buffer of the size Stat gives (ReadAll would double its way up);
	// a file that grows meanwhile reads on through the limit.
	data := make([]byte, 0, st.Size()+512)
	buf := bytes.NewBuffer(data)
	if _, err := buf.ReadFrom(&limitedReader{r: f, left: MaxFileSize}); err != nil {
		if errors.Is(err, errTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read the file: %w", err)
	}
	return buf.Bytes(), nil
}
