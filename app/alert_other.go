//go:build !windows

package app

// alert has nothing to add where stderr is seen.
func alert(string) {}
