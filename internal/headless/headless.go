// Package headless loads a page in Debian's Chromium without a screen, as
// the person's browser would, for tests: the document after Chromium has
// parsed and laid it out, the text a person reads in it, and a screenshot.
package headless

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"kyukyu/internal/testenv"
)

// flags run Chromium as root in a container, talking to nothing but the
// page: no sandbox (root), no GPU, no background traffic, no first-run UI.
var flags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"}

// run runs Chromium with a fresh profile and returns its standard output.
func run(t testing.TB, args ...string) string {
	t.Helper()
	bin := testenv.Tool(t, "chromium", "chromium")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	profile := t.TempDir()
	cmd := exec.CommandContext(ctx, bin, append(append(flags, "--user-data-dir="+profile), args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, tail(stderr.String()))
	}
	return string(out)
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-8):], "\n")
}

// DOM is the document at url as Chromium holds it once loaded.
func DOM(t testing.TB, url string) string {
	t.Helper()
	return run(t, "--dump-dom", url)
}

// Screenshot saves the page at url, w×h CSS pixels, as a PNG at path.
func Screenshot(t testing.TB, url, path string, w, h int) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	run(t, fmt.Sprintf("--window-size=%d,%d", w, h), "--screenshot="+abs, url)
	if fi, err := os.Stat(abs); err != nil || fi.Size() == 0 {
		t.Fatalf("chromium wrote no screenshot at %s: %v", abs, err)
	}
}

// Text is the text a person reads in the element with the given id of a
// document (the whole body for ""): what the browser renders, without
// styles, scripts or the title, with runs of white space made one space.
func Text(t testing.TB, doc, id string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("the document does not parse: %v", err)
	}
	start := find(root, func(n *html.Node) bool {
		if id == "" {
			return n.Type == html.ElementNode && n.Data == "body"
		}
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return true
			}
		}
		return false
	})
	if start == nil {
		t.Fatalf("the page has no element with id %q", id)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.Data == "style" || n.Data == "script" || n.Data == "title"):
			return
		case n.Type == html.ElementNode && (n.Data == "option" && !selected(n)):
			return // a closed select shows its selected option only
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			b.WriteByte(' ')
		}
	}
	walk(start)
	return strings.Join(strings.Fields(b.String()), " ")
}

func selected(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "selected" {
			return true
		}
	}
	return false
}

func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if ok(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, ok); f != nil {
			return f
		}
	}
	return nil
}
