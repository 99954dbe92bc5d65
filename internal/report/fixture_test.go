package report

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/demo"
	"safecampus/internal/org"
	"safecampus/internal/photo"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// pinned is the clock of every test: the demo's data lie in the four
// weeks before it, inside the demo's 2026 campaign.
var pinned = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// demoEnv is the demo school loaded at the pinned clock.
type demoEnv struct {
	ctx      context.Context
	db       *sqldb.DB
	svc      *Service
	auth     *auth.Service
	school   int64
	campaign int64 // the 2026 campaign
	notice   int64 // the notice's 2019–2020 campaign
}

func loadDemo(t *testing.T, dialect string) *demoEnv {
	t.Helper()
	ctx := context.Background()
	db := testkit.OpenDB(t, dialect)
	now := func() time.Time { return pinned }
	a := auth.NewService(db, now)
	// With a photo store the demo's oldest hazards carry their evidence
	// and get closed, so the report shows rectified hazards too.
	res, err := demo.Load(ctx, db, a, org.NewService(db, now), "", demo.WithPhotoStore(photo.NewStore(t.TempDir(), now)))
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	e := &demoEnv{ctx: ctx, db: db, svc: NewService(db, now), auth: a, school: res.SchoolID}
	if err := db.Read().QueryRowContext(ctx, `SELECT id FROM campaigns WHERE school_id = $1 AND name = $2`, res.SchoolID, demo.CurrentCampaignName(2026)).Scan(&e.campaign); err != nil {
		t.Fatalf("the demo's 2026 campaign: %v", err)
	}
	if err := db.Read().QueryRowContext(ctx, `SELECT id FROM campaigns WHERE school_id = $1 AND name = $2`, res.SchoolID, demo.CampaignName).Scan(&e.notice); err != nil {
		t.Fatalf("the notice's campaign: %v", err)
	}
	return e
}

// actor loads the demo account username.
func (e *demoEnv) actor(t *testing.T, username string) *auth.Actor {
	t.Helper()
	acc, err := e.auth.FindAccountByUsername(e.ctx, auth.System(), username)
	if err != nil {
		t.Fatalf("account %s: %v", username, err)
	}
	a, err := e.auth.LoadActor(e.ctx, acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (e *demoEnv) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := e.db.Read().QueryRowContext(e.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
