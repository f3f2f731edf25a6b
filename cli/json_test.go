package cli

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteJSONAsEncoder checks writeJSON against json.Encoder with
// SetIndent, which it replaces, on text that looks like JSON's punctuation.
func TestWriteJSONAsEncoder(t *testing.T) {
	type row struct {
		Name  string            `json:"name"`
		Tags  []string          `json:"tags"`
		Empty map[string]int    `json:"empty"`
		None  []int             `json:"none"`
		Ptr   *row              `json:"ptr,omitempty"`
		Any   any               `json:"any"`
		Map   map[string]string `json:"map"`
		Raw   json.RawMessage   `json:"raw"`
	}
	values := []any{
		nil, 0, -1.5e-7, "", `"`, `\`, `\"`, `a\\"b`, `"a, b: [c] {d}`, `\\"a, b: [c] {d}`, true, []int{}, map[string]any{}, []any{[]any{}, map[string]any{}, nil},
		row{Name: `{"x": [1, 2], "y": "z"}`, Tags: []string{`,`, `:`, `]`, `}`, "\\\\", "\"\\\"", "<a&b>", "救急\u2028\t\n"},
			Empty: map[string]int{}, Ptr: &row{Name: "inner", Any: []any{1, "2", [][]int{{}, {3}}}, Raw: json.RawMessage(`{ "a" : [ ] }`)},
			Map: map[string]string{"{": "}", "": "", `"k"`: `v:`}, Raw: json.RawMessage(`[1, {"b":{}}]`)},
	}
	deep := any("bottom") // deeper than the indentation writeIndented keeps ready
	for range 40 {
		deep = []any{map[string]any{"k": deep, "n": 1}}
	}
	values = append(values, deep)
	for _, v := range values {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if err := writeJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%#v:\n got %q\nwant %q", v, got.String(), want.String())
		}
	}
}
