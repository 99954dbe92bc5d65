// Package audit appends hash-chained entries to the audit log inside the
// business transaction and verifies the chains.
//
// There is one chain per school (school 0 is the system chain for accounts
// and schools themselves): each school can be verified alone and writers of
// different schools never wait on one global head. Each entry's hash covers
// the previous entry's hash and a canonical encoding of the entry (sorted
// keys, UTC milliseconds, no floats), so the same entry hashes the same on
// SQLite and PostgreSQL and after a backup and restore.
package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"safecampus/internal/sqldb"
)

// SystemSchool is the chain for records that belong to no school.
const SystemSchool = 0

// Genesis is the prev_hash of every chain's first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Entry is one change to stored data.
type Entry struct {
	ID       int64
	SchoolID int64
	Seq      int64
	At       time.Time
	ActorID  int64 // account id; 0 for the system or the command line
	Action   string
	Entity   string
	EntityID int64
	Before   json.RawMessage // canonical JSON, "null" when created
	After    json.RawMessage // canonical JSON, "null" when deleted
	PrevHash string
	Hash     string
}

// Record describes a change to append.
type Record struct {
	SchoolID int64
	ActorID  int64
	Action   string // e.g. "unit.create"
	Entity   string // e.g. "unit"
	EntityID int64
	Before   any // nil when created
	After    any // nil when deleted
}

// Append adds rec to its school's chain inside tx, at time now.
func Append(ctx context.Context, tx *sqldb.Tx, now time.Time, rec Record) (Entry, error) {
	before, err := Canonical(rec.Before)
	if err != nil {
		return Entry{}, fmt.Errorf("audit before: %w", err)
	}
	after, err := Canonical(rec.After)
	if err != nil {
		return Entry{}, fmt.Errorf("audit after: %w", err)
	}
	// Lock the school's head row; on PostgreSQL the FOR UPDATE serialises
	// writers of the same school only. The row is created on first use
	// (by whichever of two racing first writers gets there; the other's
	// INSERT does nothing) and then locked: reading first spares every
	// later write a statement.
	head := `SELECT seq, hash FROM audit_heads WHERE school_id = $1` + tx.Dialect.ForUpdate()
	var seq int64
	var prev string
	err = tx.QueryRowContext(ctx, head, rec.SchoolID).Scan(&seq, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_heads (school_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (school_id) DO NOTHING`, rec.SchoolID, Genesis); err != nil {
			return Entry{}, fmt.Errorf("audit head init: %w", err)
		}
		err = tx.QueryRowContext(ctx, head, rec.SchoolID).Scan(&seq, &prev)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("audit head: %w", err)
	}
	e := Entry{
		SchoolID: rec.SchoolID, Seq: seq + 1, At: now.UTC().Truncate(time.Millisecond),
		ActorID: rec.ActorID, Action: rec.Action, Entity: rec.Entity, EntityID: rec.EntityID,
		Before: before, After: after, PrevHash: prev,
	}
	e.Hash = e.computeHash()
	err = tx.QueryRowContext(ctx, `INSERT INTO audit_log (school_id, seq, at, actor_id, action, entity, entity_id, before_data, after_data, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		e.SchoolID, e.Seq, e.At.UnixMilli(), e.ActorID, e.Action, e.Entity, e.EntityID, string(e.Before), string(e.After), e.PrevHash, e.Hash).Scan(&e.ID)
	if err != nil {
		return Entry{}, fmt.Errorf("audit insert: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_heads SET seq = $2, hash = $3 WHERE school_id = $1`, e.SchoolID, e.Seq, e.Hash); err != nil {
		return Entry{}, fmt.Errorf("audit head update: %w", err)
	}
	return e, nil
}

// computeHash is sha256(prev_hash || "\n" || canonical entry), hex-encoded.
func (e Entry) computeHash() string {
	body := map[string]any{
		"school_id": e.SchoolID,
		"seq":       e.Seq,
		"at":        e.At.UTC().Format("2006-01-02T15:04:05.000Z"),
		"actor_id":  e.ActorID,
		"action":    e.Action,
		"entity":    e.Entity,
		"entity_id": e.EntityID,
		"before":    e.Before,
		"after":     e.After,
	}
	b, err := json.Marshal(body) // map keys are sorted by encoding/json
	if err != nil {
		// Before/After are already valid canonical JSON; this cannot fail
		// for entries written by Append. A corrupted row gets a hash that
		// never matches, which Verify reports.
		b = []byte(err.Error())
	}
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write([]byte("\n"))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// Canonical encodes v as JSON with sorted keys and numbers kept as written.
// Floats are refused: their text differs between encoders and databases.
func Canonical(v any) (json.RawMessage, error) {
	if m, ok := v.(map[string]any); ok && flat(m) {
		// The common case — a map of strings, integers, booleans and
		// nulls — is already canonical when encoded once (map keys are
		// sorted): the round trip below cost 8 % of the escalation
		// sweep's CPU. TestCanonicalFastPathMatches holds the two equal.
		return encodeCanonical(m)
	}
	return roundTrip(v)
}

// roundTrip is Canonical for any value: encoded, decoded with numbers kept
// exact, checked for fractions and encoded again (which sorts every map).
func roundTrip(v any) (json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	if err := noFloats(x); err != nil {
		return nil, err
	}
	return encodeCanonical(x)
}

// encodeCanonical writes x as JSON without HTML escaping and without the
// encoder's trailing newline.
func encodeCanonical(x any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return json.RawMessage(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// flat reports whether every value of m is a valid UTF-8 string, an
// integer within int64, a boolean or nil: values whose single encoding is
// already canonical. (Invalid UTF-8 is written as \ufffd by one encoding
// and as the replacement character itself after a round trip.)
func flat(m map[string]any) bool {
	for k, v := range m {
		if !utf8.ValidString(k) {
			return false
		}
		switch x := v.(type) {
		case string:
			if !utf8.ValidString(x) {
				return false
			}
		case nil, bool, int, int8, int16, int32, int64, uint8, uint16, uint32:
		default:
			return false
		}
	}
	return true
}

func noFloats(x any) error {
	switch v := x.(type) {
	case json.Number:
		if _, err := v.Int64(); err != nil {
			return fmt.Errorf("audit data holds a non-integer number %s", v)
		}
	case map[string]any:
		for _, e := range v {
			if err := noFloats(e); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range v {
			if err := noFloats(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// History returns the entries about one record, oldest first.
func History(ctx context.Context, q sqldb.Querier, schoolID int64, entity string, entityID int64) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, school_id, seq, at, actor_id, action, entity, entity_id, before_data, after_data, prev_hash, hash
		FROM audit_log WHERE entity = $1 AND entity_id = $2 AND school_id = $3 ORDER BY id`, entity, entityID, schoolID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(...any) error }

func scanEntry(s scanner) (Entry, error) {
	var e Entry
	var at int64
	var before, after string
	if err := s.Scan(&e.ID, &e.SchoolID, &e.Seq, &at, &e.ActorID, &e.Action, &e.Entity, &e.EntityID, &before, &after, &e.PrevHash, &e.Hash); err != nil {
		return Entry{}, err
	}
	e.At = time.UnixMilli(at).UTC()
	e.Before = json.RawMessage(before)
	e.After = json.RawMessage(after)
	return e, nil
}

// Head is the newest entry of one school's chain.
type Head struct {
	SchoolID int64
	Seq      int64
	Hash     string
}

// Heads returns the stored head of every chain.
func Heads(ctx context.Context, q sqldb.Querier) ([]Head, error) {
	rows, err := q.QueryContext(ctx, `SELECT school_id, seq, hash FROM audit_heads ORDER BY school_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Head
	for rows.Next() {
		var h Head
		if err := rows.Scan(&h.SchoolID, &h.Seq, &h.Hash); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SchoolHead returns one school's head; a school with no entries has seq 0.
func SchoolHead(ctx context.Context, q sqldb.Querier, schoolID int64) (Head, error) {
	h := Head{SchoolID: schoolID, Hash: Genesis}
	err := q.QueryRowContext(ctx, `SELECT seq, hash FROM audit_heads WHERE school_id = $1`, schoolID).Scan(&h.Seq, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return h, nil
	}
	return h, err
}
