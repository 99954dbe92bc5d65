package benchseed

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/ledger"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// TestSeedSmall seeds a small school on each database and reads it back
// through the ledger; on PostgreSQL an ordinary insert afterwards must not
// collide with the ids the seeder chose.
func TestSeedSmall(t *testing.T) {
	for _, dialect := range testkit.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := testkit.OpenDB(t, dialect)
			ctx := context.Background()
			o := Defaults()
			o.Units, o.Places, o.People, o.Inspectors, o.Inspections, o.PerTx = 12, 20, 30, 5, 130, 50
			o.Now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			res, err := Seed(ctx, db, o)
			if err != nil {
				t.Fatal(err)
			}
			var answers, inspections int
			db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM inspection_answers WHERE school_id = $1`, res.SchoolID).Scan(&answers)
			db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM inspections WHERE school_id = $1 AND status = 'submitted'`, res.SchoolID).Scan(&inspections)
			if inspections != 130 || answers != 130*30 || res.Answers != answers {
				t.Errorf("inspections %d, answers %d (result %d); want 130 and 3900", inspections, answers, res.Answers)
			}
			a := &auth.Actor{Grants: []auth.Grant{{Role: auth.RoleSchoolAdmin, SchoolID: res.SchoolID, ScopeKind: auth.ScopeSchool}}}
			page, err := ledger.NewService(db, func() time.Time { return o.Now }).List(ctx, a, res.SchoolID, ledger.Filter{}, ledger.Page{Limit: 10})
			if err != nil || len(page.Rows) != 10 || page.Next == nil || page.Rows[0].AnswerCount != 30 {
				t.Fatalf("ledger page: %+v, %v", page, err)
			}
			if _, err := db.Raw().ExecContext(ctx, `INSERT INTO units (school_id, name, kind) VALUES ($1, '新单位', 'office')`, res.SchoolID); err != nil {
				t.Errorf("insert after seeding: %v", err)
			}
		})
	}
}
