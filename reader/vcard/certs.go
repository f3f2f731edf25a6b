package vcard

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"sync"
	"time"

	"kyukyu/training"
)

// keySize is the RSA size of real JPKI keys.
const keySize = 2048

// keys are generated once per process: a card's identity is its
// certificate serial, not its key, and RSA-2048 generation is slow.
var keys = sync.OnceValues(func() ([2]*rsa.PrivateKey, error) {
	var ks [2]*rsa.PrivateKey
	for i := range ks {
		k, err := rsa.GenerateKey(rand.Reader, keySize)
		if err != nil {
			return ks, err
		}
		ks[i] = k
	}
	return ks, nil
})

// caName marks the test CA as training material.
var caName = pkix.Name{
	Country:            []string{"JP"},
	Organization:       []string{"JPKI"},
	OrganizationalUnit: []string{"JPKI for user authentication", "kyukyu training CA (訓練用)"},
}

const (
	certYears   = 5                   // auth certificates end on the 5th birthday after issue
	expiredBy   = 10 * 24 * time.Hour // how long ago an -expired certificate ended
	issuedAgo   = 365 * 24 * time.Hour
	caValidYear = 20
)

// certificates makes the authentication certificate of patientID's card
// and the CA certificate that signs it (DER).
func certificates(patientID string, now time.Time, expired bool) (auth, ca []byte, err error) {
	ks, err := keys()
	if err != nil {
		return nil, nil, err
	}
	caKey, cardKey := ks[0], ks[1]
	day := now.Truncate(24 * time.Hour)
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               caName,
		NotBefore:             day.AddDate(-caValidYear/2, 0, 0),
		NotAfter:              day.AddDate(caValidYear/2, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	ca, err = x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, nil, err
	}
	notBefore := day.Add(-issuedAgo)
	if expired {
		notBefore = day.Add(-expiredBy).AddDate(-certYears, 0, 0)
	}
	tmpl := &x509.Certificate{
		SerialNumber: training.CardSerial(patientID),
		Subject:      pkix.Name{Country: []string{"JP"}, CommonName: "kyukyu training card"},
		NotBefore:    notBefore,
		NotAfter:     notBefore.AddDate(certYears, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	auth, err = x509.CreateCertificate(rand.Reader, tmpl, caTmpl, &cardKey.PublicKey, caKey)
	return auth, ca, err
}
