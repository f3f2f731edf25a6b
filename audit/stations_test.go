package audit

import (
	"slices"
	"strings"
	"testing"
)

// The ER list takes the names central-enroll takes, once each, and names
// the first it refuses.
func TestParseStations(t *testing.T) {
	got, err := ParseStations(" ER-1, ER_2,,ER-1 , ward.3 ")
	if err != nil || !slices.Equal(got, []string{"ER-1", "ER_2", "ward.3"}) {
		t.Errorf("ParseStations = %q, %v", got, err)
	}
	if got, err := ParseStations(""); err != nil || got != nil {
		t.Errorf("an empty list = %q, %v; want none", got, err)
	}
	for _, bad := range []string{"ER 1", "-x", "病棟7", strings.Repeat("a", 49)} {
		if _, err := ParseStations("ER-1," + bad); err == nil || !strings.Contains(err.Error(), bad) || !strings.HasPrefix(err.Error(), "audit: ") {
			t.Errorf("ParseStations(%q) = %v; want an error naming it", bad, err)
		}
	}
}
