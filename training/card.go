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
