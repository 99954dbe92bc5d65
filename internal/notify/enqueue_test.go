package notify

import (
	"errors"
	"slices"
	"testing"

	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestEnqueueDedupAndRollback(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			staff, office := f.actor["staff"].AccountID, f.actor["office"].AccountID
			ch := f.addChannel(f.school, "wecom", "安全办群")
			f.addChannel(f.other, "wecom", "外校群") // another school's channel gets nothing
			m := Message{SchoolID: f.school, Kind: "assigned", Title: "新的整改任务", Body: "配电房线路老化，请于3月9日前整改。", Link: "/hazards/42",
				Recipients: []int64{staff, office, staff, 999999}, DedupKey: "assigned:42", External: true}

			if !f.enqueue(m) {
				t.Fatal("first Enqueue reported nothing new")
			}
			if f.enqueue(m) {
				t.Fatal("second Enqueue with the same key reported something new")
			}
			// The same key in another school is another message.
			other := m
			other.SchoolID, other.Recipients = f.other, []int64{f.actor["otheradmin"].AccountID}
			if !f.enqueue(other) {
				t.Fatal("same key in another school was deduplicated")
			}
			if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE school_id = $1`, f.school); n != 1 {
				t.Errorf("messages = %d, want 1", n)
			}
			// Duplicate and unknown recipients are skipped, not errors.
			if n := f.count(`SELECT COUNT(*) FROM notify_inbox WHERE school_id = $1`, f.school); n != 2 {
				t.Errorf("inbox rows = %d, want 2 (staff, office)", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM notify_outbox WHERE channel_id = $1 AND status = 'pending'`, ch); n != 1 {
				t.Errorf("outbox rows for the school's channel = %d, want 1", n)
			}
			if n := f.count(`SELECT COUNT(*) FROM notify_outbox`); n != 2 {
				t.Errorf("outbox rows in all = %d, want 2 (one per school)", n)
			}

			// A rolled-back business transaction leaves no message behind.
			boom := errors.New("business rule failed")
			err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
				if _, err := Enqueue(f.ctx, tx, f.clock.now(), Message{SchoolID: f.school, Kind: "returned", Title: "整改被退回", DedupKey: "returned:42:1", Recipients: []int64{staff}, External: true}); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("transaction: %v", err)
			}
			if n := f.count(`SELECT COUNT(*) FROM notify_messages WHERE dedup_key = 'returned:42:1'`); n != 0 {
				t.Errorf("rolled-back message stored %d times", n)
			}
			// Internal-only messages make no outbox rows.
			f.enqueue(Message{SchoolID: f.school, Kind: "notice", Title: "内部通知", DedupKey: "notice:1", Recipients: []int64{staff}})
			if n := f.count(`SELECT COUNT(*) FROM notify_outbox WHERE channel_id = $1`, ch); n != 1 {
				t.Errorf("internal message reached the outbox: %d rows", n)
			}
		})
	}
}

func TestEnqueueRejectsIncompleteMessages(t *testing.T) {
	f := newFixture(t, "sqlite")
	for name, m := range map[string]Message{
		"no school": {Kind: "notice", Title: "t", DedupKey: "k"},
		"no key":    {SchoolID: f.school, Kind: "notice", Title: "t"},
		"no title":  {SchoolID: f.school, Kind: "notice", DedupKey: "k"},
		"no kind":   {SchoolID: f.school, Title: "t", DedupKey: "k"},
	} {
		err := f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
			_, err := Enqueue(f.ctx, tx, f.clock.now(), m)
			return err
		})
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if n := f.count(`SELECT COUNT(*) FROM notify_messages`); n != 0 {
		t.Errorf("%d messages stored from rejected input", n)
	}
}

func TestAccountsOfPeople(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newFixture(t, dialect)
			got, err := AccountsOfPeople(f.ctx, f.db.Read(), f.school, []int64{f.person, f.person, 0, 424242})
			if err != nil {
				t.Fatal(err)
			}
			if want := []int64{f.actor["staff"].AccountID}; !slices.Equal(got, want) {
				t.Errorf("accounts = %v, want %v", got, want)
			}
			// Another school's view of the same person: nobody.
			if got, _ := AccountsOfPeople(f.ctx, f.db.Read(), f.other, []int64{f.person}); len(got) != 0 {
				t.Errorf("other school sees accounts %v", got)
			}
			// A disabled account is not notified.
			f.must(f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
				_, err := tx.ExecContext(f.ctx, `UPDATE accounts SET disabled = TRUE WHERE id = $1`, f.actor["staff"].AccountID)
				return err
			}))
			if got, _ := AccountsOfPeople(f.ctx, f.db.Read(), f.school, []int64{f.person}); len(got) != 0 {
				t.Errorf("disabled account returned: %v", got)
			}
		})
	}
}

// addChannel stores an active channel directly (the settings service is
// tested on its own) and returns its id.
func (f *fixture) addChannel(school int64, kind, name string) int64 {
	f.t.Helper()
	var id int64
	f.must(f.db.Transact(f.ctx, func(tx *sqldb.Tx) error {
		return tx.QueryRowContext(f.ctx, `INSERT INTO notify_channels (school_id, kind, name, config, created_at, updated_at)
			VALUES ($1, $2, $3, '{}', $4, $4) RETURNING id`, school, kind, name, f.clock.ms()).Scan(&id)
	}))
	return id
}
