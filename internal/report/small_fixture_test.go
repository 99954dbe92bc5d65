package report

import (
	"context"
	"fmt"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/campaign"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
	"safecampus/internal/testkit"
)

// small is two schools with nothing but a campaign each and a few
// accounts: enough for permissions, bad input and reminders.
type small struct {
	t           *testing.T
	ctx         context.Context
	db          *sqldb.DB
	now         time.Time
	svc         *Service
	auth        *auth.Service
	school      int64
	other       int64
	campaign    int64 // of school, report due 2026-03-09
	otherCamp   int64 // of other
	office      *auth.Actor
	staff       *auth.Actor
	otherOffice *auth.Actor
	accounts    int
}

func newSmall(t *testing.T, dialect string) *small {
	t.Helper()
	s := &small{t: t, ctx: context.Background(), db: testkit.OpenDB(t, dialect), now: pinned}
	clock := func() time.Time { return s.now }
	s.svc, s.auth = NewService(s.db, clock), auth.NewService(s.db, clock)
	o, sys := org.NewService(s.db, clock), auth.System()
	sc, err := o.CreateSchool(s.ctx, sys, org.School{Code: "t", Name: "测试学校", Timezone: "Asia/Shanghai"})
	s.must(err)
	other, err := o.CreateSchool(s.ctx, sys, org.School{Code: "o", Name: "另一所学校", Timezone: "Asia/Shanghai"})
	s.must(err)
	s.school, s.other = sc.ID, other.ID
	s.office = s.account(auth.RoleSchoolAdmin, s.school)
	s.staff = s.account(auth.RoleStaff, s.school)
	s.otherOffice = s.account(auth.RoleSchoolAdmin, s.other)
	cs := campaign.NewService(s.db, clock)
	c, err := cs.SaveCampaign(s.ctx, sys, s.school, campaign.Campaign{Name: "2026年校园安全专项整治", Authority: "市卫健委办公室",
		StartsOn: "2026-01-01", EndsOn: "2026-12-31", ReportDueOn: "2026-03-09"})
	s.must(err)
	oc, err := cs.SaveCampaign(s.ctx, sys, s.other, campaign.Campaign{Name: "另一校专项整治", StartsOn: "2026-01-01", EndsOn: "2026-12-31", ReportDueOn: "2026-03-09"})
	s.must(err)
	s.campaign, s.otherCamp = c.ID, oc.ID
	return s
}

func (s *small) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatalf("setup: %v", err)
	}
}

func (s *small) account(role auth.Role, school int64) *auth.Actor {
	s.t.Helper()
	s.accounts++
	acc, _, err := s.auth.CreateAccount(s.ctx, auth.System(), auth.NewAccount{Username: fmt.Sprintf("u%d", s.accounts), DisplayName: "测试账号",
		Password: "pw-test-2026-long", SchoolID: school, Grants: []auth.Grant{{Role: role, SchoolID: school, ScopeKind: auth.ScopeSchool}}})
	s.must(err)
	a, err := s.auth.LoadActor(s.ctx, acc.ID)
	s.must(err)
	return a
}

func (s *small) count(query string, args ...any) int {
	s.t.Helper()
	var n int
	s.must(s.db.Read().QueryRowContext(s.ctx, query, args...).Scan(&n))
	return n
}
