package demo

import (
	"context"
	"testing"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/rules"
	"safecampus/internal/testkit"
)

// TestDemoRules loads the demo's organisation and rules (SQLite; the loader
// is dialect-blind and the rules package's own tests cover both) and checks
// what the rules register, policy items and meetings show.
func TestDemoRules(t *testing.T) {
	ctx := context.Background()
	db := testkit.OpenDB(t, "sqlite")
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	// Only the loaders rules need, so this test does not depend on the rest.
	o := org.NewService(db, now)
	l := &loader{ctx: ctx, auth: auth.NewService(db, now), org: o, sys: auth.System(), campus: map[string]int64{}, unit: map[string]int64{},
		person: map[string]int64{}, res: &Result{}}
	sc, err := o.CreateSchool(ctx, l.sys, org.School{Code: SchoolCode, Name: "江苏省南通卫生高等职业技术学校", Timezone: "Asia/Shanghai"})
	if err != nil {
		t.Fatal(err)
	}
	l.school, l.res.SchoolID = sc.ID, sc.ID
	l.loadOrganisation()
	l.loadPlacesAndGrids()
	l.loadLeadership()
	l.loadAccounts("")
	l.loadRules()
	if l.err != nil {
		t.Fatal(l.err)
	}
	res := l.res
	q := db.Read()
	c, err := rules.CountRules(ctx, q, res.SchoolID, "2020-01-01", "2020-12-31")
	if err != nil {
		t.Fatal(err)
	}
	// 13 rules in force at the end of 2020; the hazardous-chemicals rule
	// adopted and the power-room rule revised in 2020.
	if c != (rules.RuleCounts{InForceAtEnd: 13, Adopted: 1, Revised: 1}) {
		t.Errorf("rule counts 2020: %+v", c)
	}
	missing, err := rules.MissingPostings(ctx, q, res.SchoolID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range missing {
		seen[m.RuleCode+"@"+m.PlaceName] = m.SeenMissing
		if m.RuleCode == "ZD-LOG-01" && m.PlaceName == "1号配电房" {
			t.Errorf("the verified main power room is listed missing: %+v", m)
		}
	}
	if v, ok := seen["ZD-LOG-01@海安校区配电房"]; !ok || !v {
		t.Errorf("Hai'an power room not reported as seen missing: %v", seen)
	}
	if _, ok := seen["ZD-FIRE-01@学生食堂 / 1层 / 食堂后厨"]; ok {
		t.Errorf("the fire rule is required in the canteen kitchen, which is not a dormitory or high-rise")
	}
	p, err := rules.CountPolicyItems(ctx, q, res.SchoolID, "2026-01-01", "2026-03-31")
	if err != nil {
		t.Fatal(err)
	}
	if p.ByStatus[rules.PolicyAdopted] != 1 || p.ByStatus[rules.PolicyDrafting] != 1 || p.ByStatus[rules.PolicyProposed] != 1 || p.AdoptedInPeriod != 1 {
		t.Errorf("policy items: %+v", p)
	}
	held, err := rules.MeetingsHeld(ctx, q, res.SchoolID, "2026-01-01", "2026-03-02")
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != 2 || held[0].Decisions != 2 || held[1].Decisions != 2 || held[0].Attendees != 13 || !held[0].HasSituation {
		t.Errorf("meetings held: %+v", held)
	}
	var tasks int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM tasks WHERE school_id = $1 AND source_kind = 'meeting'`, res.SchoolID).Scan(&tasks); err != nil || tasks != 4 {
		t.Errorf("%d meeting tasks (%v), want 4", tasks, err)
	}
}
