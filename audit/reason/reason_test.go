package reason

import "testing"

// The stored form reads back as it was written; entries written before keys
// were stored (the words of the screen, or anything a person typed under
// その他) read back as words, never as a key.
func TestStoredForm(t *testing.T) {
	for _, c := range []struct {
		r      Reason
		stored string
	}{
		{Reason{Key: Unconscious}, "unconscious"},
		{Reason{Key: Other, Text: "家族の依頼で確認: 夜間"}, "other:家族の依頼で確認: 夜間"},
		{Reason{Key: UrgentDecision, Text: "抗凝固薬の確認"}, "urgent-decision:抗凝固薬の確認"},
		{Reason{Key: Consented}, "consented"},
	} {
		if got := c.r.String(); got != c.stored {
			t.Errorf("%+v stored as %q, want %q", c.r, got, c.stored)
		}
		if got := Parse(c.stored); got != c.r {
			t.Errorf("%q read as %+v, want %+v", c.stored, got, c.r)
		}
		if err := Check(c.stored); err != nil {
			t.Errorf("%q refused: %v", c.stored, err)
		}
	}
	for _, old := range []string{"意識障害などで本人の同意が得られない", "意識障害などで本人の同意が得られない：補足", "unconscious patient", "訓練：起動時に指定した患者", "x:y"} {
		if got := Parse(old); got != (Reason{Text: old}) {
			t.Errorf("old entry %q read as %+v", old, got)
		}
		if Check(old) == nil {
			t.Errorf("words %q accepted for storing", old)
		}
	}
	if Check("other") == nil || Check("other:  ") == nil {
		t.Error("その他 without text accepted")
	}
	if Check("") != nil {
		t.Error("no reason (the CLI asks none) refused")
	}
}
