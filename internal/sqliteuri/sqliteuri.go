// Package sqliteuri makes SQLite file: URIs from paths of this system. A
// URI is needed for read-only and immutable opens; SQLite reads the part
// after "file:" as a URI path, so a Windows path must become /C:/… with
// forward slashes (C:\… is taken for an authority and refused).
package sqliteuri

import (
	"net/url"
	"path/filepath"
	"strings"
)

// File is the file: URI of the database at path (made absolute) with the
// query (without "?", e.g. "mode=ro"): forward slashes, a drive letter as
// /C:/…, and ?, #, % and spaces in names escaped.
func File(path, query string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/… → /C:/…
	}
	return (&url.URL{Scheme: "file", Path: p, RawQuery: query}).String(), nil
}
