package audit

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"kyukyu/internal/machineid"
)

// chainStart is how a log (a chain of the central log) began: the log
// keeps it in its meta table from the moment it begins, and the forwarder
// announces it to the central log before the chain's first entry, so that
// a log deleted, emptied, copied or restored is on record there with why.
type chainStart struct {
	Reason        string `json:"reason"` // epochCreated, epochAdopted or epochRestored
	Detail        string `json:"detail"` // the archive's name for a restore
	ArchiveSHA256 string `json:"archive_sha256,omitempty"`
	StartID       int64  `json:"start_id"` // the log's head when it began
	StartHash     []byte `json:"start_hash"`
	// PreviousKnown is how many entries the log this one replaced held, as
	// its anchor recorded them; nil when nothing was known of an earlier log
	// (a first install, or a log deleted together with its anchor).
	PreviousKnown *int64 `json:"previous_known,omitempty"`
	Began         string `json:"began"` // the workstation's time, timeLayout
}

// chainKey is the meta key of a chain's start record.
const chainKey = "chain "

// installKey is the meta key of the install the log was created in.
const installKey = "install"

// installID binds a log to the machine and the data folder it lives in: a
// copy of the folder on another machine, or in another user's folder, has
// another install. It reveals neither.
func installID(dbPath string) (string, error) {
	m, err := machineid.Get()
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	dir, err := filepath.Abs(filepath.Dir(dbPath))
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	s := sha256.Sum256([]byte("kyukyu install\x00" + m + "\x00" + dir))
	return hex.EncodeToString(s[:16]), nil
}

// recordStart keeps how the chain logID began, unless it is known already.
func recordStart(db *sql.DB, logID string, s chainStart) error {
	v, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = db.Exec(`INSERT INTO meta (key, value) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = ?)`, chainKey+logID, v, chainKey+logID)
	return err
}

// start reads how the chain logID began.
func (l *Log) start(logID string) (chainStart, error) {
	var v []byte
	var s chainStart
	err := l.db.QueryRow(`SELECT value FROM meta WHERE key = ?`, chainKey+logID).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("audit: the log does not record how it began (open it with kyukyu once)")
	}
	if err == nil {
		err = json.Unmarshal(v, &s)
	}
	return s, err
}

// bindInstall records the install a log is created in (or, for a log from
// before installs were recorded, first opened in), and reports the one it
// records.
func bindInstall(db *sql.DB, dbPath string) (string, error) {
	id, err := installID(dbPath)
	if err != nil {
		return "", err
	}
	if _, err := db.Exec(`INSERT INTO meta (key, value) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM meta WHERE key = ?)`, installKey, id, installKey); err != nil {
		return "", err
	}
	var got string
	err = db.QueryRow(`SELECT CAST(value AS TEXT) FROM meta WHERE key = ?`, installKey).Scan(&got)
	return got, err
}
