package oqs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"kyukyu/summary"
	"kyukyu/training"
	"kyukyu/training/trainingtest"
)

var trainingDay = summary.NewDate(2025, 3, 10)

// parse(write(rec)) == rec for every training patient, in both encodings,
// up to what the XML cannot carry (AsDelivered): the free quantity text
// and visits the training data leaves implied.
func TestRoundTripTrainingPatients(t *testing.T) {
	st := trainingtest.Open(t)
	for _, c := range training.Patients() {
		rec, err := st.Record(context.Background(), c.ID, trainingDay)
		if err != nil {
			t.Fatal(err)
		}
		for _, enc := range []Encoding{ShiftJIS, UTF8} {
			drugs, err := RenderDrugResult(rec, enc)
			if err != nil {
				t.Fatalf("%s %s: %v", c.ID, enc, err)
			}
			checkups, err := RenderCheckupResult(rec, enc)
			if err != nil {
				t.Fatalf("%s %s: %v", c.ID, enc, err)
			}
			var results []*Result
			for _, b := range [][]byte{drugs, checkups} {
				res, err := Parse(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("%s %s: %v", c.ID, enc, err)
				}
				results = append(results, res)
			}
			got, err := Merge(results)
			if err != nil {
				t.Fatal(err)
			}
			if want := canonical(inEncoding(t, AsDelivered(rec), enc)); !reflect.DeepEqual(canonical(got), want) {
				t.Errorf("%s %s: round trip differs: %s", c.ID, enc, firstDifference(want, canonical(got)))
			}
		}
	}
}

// inEncoding is rec as a result in enc carries it: in Shift_JIS the
// characters it cannot hold are 〓.
func inEncoding(t testing.TB, rec *summary.Record, enc Encoding) *summary.Record {
	if enc != ShiftJIS {
		return rec
	}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	out := &summary.Record{}
	if err := json.Unmarshal([]byte(substituteShiftJIS(string(b))), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// firstDifference names the first differing row of two records.
func firstDifference(a, b *summary.Record) string {
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	for i := range va.NumField() {
		fa, fb := va.Field(i), vb.Field(i)
		if reflect.DeepEqual(fa.Interface(), fb.Interface()) {
			continue
		}
		name := va.Type().Field(i).Name
		if fa.Kind() != reflect.Slice {
			return fmt.Sprintf("%s: want %+v, got %+v", name, fa.Interface(), fb.Interface())
		}
		for j := range max(fa.Len(), fb.Len()) {
			var x, y any
			if j < fa.Len() {
				x = fa.Index(j).Interface()
			}
			if j < fb.Len() {
				y = fb.Index(j).Interface()
			}
			if !reflect.DeepEqual(x, y) {
				return fmt.Sprintf("%s[%d]: want %+v, got %+v", name, j, x, y)
			}
		}
	}
	return "no difference"
}
