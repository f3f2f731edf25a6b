package training

import (
	"crypto/sha256"
	"math/big"
)

// CardSerial is the serial number of the authentication certificate on the
// virtual My Number card of a training patient. The training source maps it
// back to the patient, so a card read leads to the right summary.
func CardSerial(patientID string) *big.Int {
	h := sha256.Sum256([]byte("kyukyu training card " + patientID))
	h[0] &= 0x7f // X.509 serials are positive
	return new(big.Int).SetBytes(h[:16])
}

// IsCard reports whether a certificate serial (lower-case hex) is a
// training patient's virtual card, so its reads are logged as training.
func IsCard(serial string) bool {
	for _, c := range Patients() {
		if CardSerial(c.ID).Text(16) == serial {
			return true
		}
	}
	return false
}
