package app

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"kyukyu/oqs"
	"kyukyu/ui"
)

// The screen hears of a face file what it shows: the patient, the 照会番号
// and the consent flags (from a hand-written file of testdata/oqs); a
// refused file only as its error.
func TestFaceResultForTheScreen(t *testing.T) {
	path := filepath.Join("..", "testdata", "oqs", "face_ok.xml")
	f, err := oqs.ReadFaceFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	got := uiFace(oqs.FaceEvent{File: f.File, Face: f, Patient: f.Patient})
	if got.Patient != f.Patient || got.Reference != "20261130000123" || got.Err != nil ||
		got.Consent != (ui.FaceConsent{Drugs: true, Checkups: true, Diagnoses: false, Operations: true}) {
		t.Errorf("face for the screen %+v", got)
	}
	refused := errors.New("face_seg2.xml: 資格確認が正常終了していません")
	if got := uiFace(oqs.FaceEvent{File: "face_seg2.xml", Err: refused}); got.Err != refused || got.Patient.Kana != "" || got.Reference != "" {
		t.Errorf("a refused file for the screen %+v", got)
	}
}
