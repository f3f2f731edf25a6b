package app

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
)

// pageTree finds the /Count of the page tree nodes (/Type /Pages) of a PDF
// written without object streams, as pdf.Render writes it.
var pageTree = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)

// pdfPages is the page count of a PDF: the largest /Count of its page tree
// nodes, which is the root's.
func pdfPages(pdf []byte) (int, error) {
	n := 0
	for _, m := range pageTree.FindAllSubmatch(pdf, -1) {
		digits := m[1]
		if len(digits) == 0 {
			digits = m[2]
		}
		c, err := strconv.Atoi(string(digits))
		if err == nil && c > n {
			n = c
		}
	}
	if n == 0 || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, errors.New("PDF: no page tree found to count the pages")
	}
	return n, nil
}
