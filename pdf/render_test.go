package pdf

import (
	"bytes"
	"os"
	"testing"
)

func TestRenderSample(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, sampleView()); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/sample.pdf", buf.Bytes(), 0o644)
}
