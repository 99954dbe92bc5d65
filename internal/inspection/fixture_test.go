package inspection

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/photo"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

// now is 2026-03-14 10:00 in Shanghai.
var now = time.Date(2026, 3, 14, 2, 0, 0, 0, time.UTC)

// fixture is a school with two units, places, people and actors, plus a
// second school, on a fresh database of one dialect.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	db     *sqldb.DB
	svc    *Service
	photos *photo.Store

	school, other                     int64
	unitA, unitB                      int64
	dorm, lab, closed, foreign, grid1 int64
	pInspector, pCo, pForeign         int64

	inspector, headA, headB, co, staff, gridOnly, office *auth.Actor
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect)}
	if err := checklist.EnsureBuiltins(f.ctx, f.db, now); err != nil {
		t.Fatal(err)
	}
	f.svc = NewService(f.db, checklist.NewService(f.db, func() time.Time { return now }), func() time.Time { return now })
	f.photos = &photo.Store{Dir: t.TempDir(), Now: func() time.Time { return now }}
	f.school = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('s1', '一中', 0) RETURNING id`)
	f.other = f.insert(`INSERT INTO schools (code, name, created_at) VALUES ('s2', '二中', 0) RETURNING id`)
	f.unitA = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '后勤处', 'office') RETURNING id`, f.school)
	f.unitB = f.insert(`INSERT INTO units (school_id, name, kind) VALUES ($1, '教务处', 'office') RETURNING id`, f.school)
	f.dorm = f.insert(`INSERT INTO places (school_id, name, level, place_type, unit_id) VALUES ($1, '1号宿舍楼', 'building', 'student_dormitory', $2) RETURNING id`, f.school, f.unitA)
	f.lab = f.insert(`INSERT INTO places (school_id, name, level, place_type, unit_id) VALUES ($1, '化学实验室', 'area', 'laboratory', $2) RETURNING id`, f.school, f.unitB)
	f.closed = f.insert(`INSERT INTO places (school_id, name, level, place_type, active) VALUES ($1, '旧仓库', 'area', 'other', FALSE) RETURNING id`, f.school)
	f.foreign = f.insert(`INSERT INTO places (school_id, name, level, place_type) VALUES ($1, '他校食堂', 'area', 'canteen') RETURNING id`, f.other)
	f.grid1 = f.insert(`INSERT INTO grids (school_id, name) VALUES ($1, '宿舍网格') RETURNING id`, f.school)
	f.exec(`INSERT INTO grid_places (school_id, grid_id, place_id) VALUES ($1, $2, $3)`, f.school, f.grid1, f.dorm)
	f.pInspector = f.insert(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, '冯磊') RETURNING id`, f.school, f.unitA)
	f.pCo = f.insert(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, '王芳') RETURNING id`, f.school, f.unitB)
	pHeadA := f.insert(`INSERT INTO people (school_id, unit_id, name) VALUES ($1, $2, '李主任') RETURNING id`, f.school, f.unitA)
	f.pForeign = f.insert(`INSERT INTO people (school_id, name) VALUES ($1, '外校人') RETURNING id`, f.other)

	sg := func(r auth.Role) auth.Grant {
		return auth.Grant{Role: r, SchoolID: f.school, ScopeKind: auth.ScopeSchool}
	}
	f.inspector = f.actor("inspector", f.pInspector, sg(auth.RoleGridMember))
	f.headA = f.actor("head_a", pHeadA, auth.Grant{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeUnit, ScopeID: f.unitA})
	f.headB = f.actor("head_b", 0, auth.Grant{Role: auth.RoleUnitHead, SchoolID: f.school, ScopeKind: auth.ScopeUnit, ScopeID: f.unitB})
	f.co = f.actor("co", f.pCo, sg(auth.RoleStaff))
	f.staff = f.actor("staff", 0, sg(auth.RoleStaff))
	f.gridOnly = f.actor("grid_only", 0, auth.Grant{Role: auth.RoleGridMember, SchoolID: f.school, ScopeKind: auth.ScopeGrid, ScopeID: f.grid1})
	f.office = f.actor("office", 0, sg(auth.RoleSchoolAdmin))
	return f
}

func (f *fixture) insert(q string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.Raw().QueryRowContext(f.ctx, q, args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return id
}

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.db.Raw().ExecContext(f.ctx, q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.Read().QueryRowContext(f.ctx, q, args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (f *fixture) actor(name string, person int64, g auth.Grant) *auth.Actor {
	id := f.insert(`INSERT INTO accounts (username, display_name, password_hash, school_id, person_id, created_at, password_changed_at)
		VALUES ($1, $1, 'x', $2, $3, 0, 0) RETURNING id`, name, f.school, nullID(person))
	return &auth.Actor{AccountID: id, Username: name, PersonID: person, HomeSchool: f.school, Grants: []auth.Grant{g}}
}

// upload stores a small PNG as a's pending photo.
func (f *fixture) upload(a *auth.Actor) int64 {
	f.t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 20, 10))); err != nil {
		f.t.Fatal(err)
	}
	saved, err := f.photos.Put(&buf, 0)
	if err != nil {
		f.t.Fatal(err)
	}
	id, err := f.svc.AddPendingPhoto(f.ctx, a, f.school, saved)
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

// dormForm answers every question asked at the dormitory: RESP-1.1 fails
// with a note, FIRE-1.1 fails with photo (if given), the rest pass.
func (f *fixture) dormForm(cid string, photoID int64) Submission {
	f.t.Helper()
	items, err := f.svc.Checklist.ItemsForInspection(f.ctx, f.db.Read(), f.school, 0, "student_dormitory")
	if err != nil {
		f.t.Fatal(err)
	}
	sub := Submission{ClientID: cid, Kind: KindGridPatrol, PlaceID: f.dorm, Signature: "冯磊", CoInspectors: []int64{f.pCo}}
	for _, it := range items {
		for _, q := range it.Questions {
			an := Answer{QuestionCode: q.Code, Result: ResultPass}
			switch q.Code {
			case "RESP-1.1":
				an.Result, an.Note = ResultFail, "责任书未签"
			case "FIRE-1.1":
				an.Result, an.Note = ResultFail, "楼道内充电"
				if photoID != 0 {
					an.PhotoIDs = []int64{photoID}
				}
			}
			sub.Answers = append(sub.Answers, an)
		}
	}
	return sub
}

// photoSaved saves a file without a row.
func (f *fixture) photoSaved() photo.Saved {
	f.t.Helper()
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4)))
	s, err := f.photos.Put(&buf, 0)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}
