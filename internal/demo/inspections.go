package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/checklist"
	"safecampus/internal/hazard"
	"safecampus/internal/inspection"
	"safecampus/internal/photo"
	"safecampus/internal/plan"
	"safecampus/internal/sqldb"
)

// Option adjusts Load.
type Option func(*options)

type options struct {
	photos *photo.Store
}

// WithPhotoStore gives the demo inspections photos of their failed
// questions, stored where the running program keeps photos. Without it the
// demo fails only questions that need no photo.
func WithPhotoStore(st *photo.Store) Option { return func(o *options) { o.photos = st } }

// demoInspection is one inspection of the demo's past weeks.
type demoInspection struct {
	daysAgo int
	hour    int
	who     string // account username
	kind    inspection.Kind
	place   string // place name; "" for a unit's own check
	unit    string // the inspected unit (unit checks; else the place's)
	fails   int    // how many questions fail
	areas   []checklist.Area
	note    string
	dueOf   int // unit checks settle the unit's row of their month, or of this many months before it
}

// demoInspections: a few weeks of plausible work. Grid members, the grid
// leader and the guard walk their places; the leaders do their rhythm
// inspections; units check themselves (one of them for the month before,
// recorded late); the office runs a special, an unannounced and a
// look-back visit.
var demoInspections = []demoInspection{
	{daysAgo: 27, hour: 9, who: "inspector", kind: inspection.KindGridPatrol, place: "1号学生公寓", fails: 2},
	{daysAgo: 26, hour: 15, who: "guard", kind: inspection.KindGridPatrol, place: "南大门", fails: 0},
	{daysAgo: 25, hour: 10, who: "gridleader", kind: inspection.KindGridPatrol, place: "学生食堂", fails: 1},
	{daysAgo: 24, hour: 14, who: "inspector", kind: inspection.KindGridPatrol, place: "教学楼A", fails: 0},
	{daysAgo: 22, hour: 9, who: "office", kind: inspection.KindUnitMonthly, unit: "学生处", areas: selfCheck, fails: 1, dueOf: 1, note: "补做上月自查"},
	{daysAgo: 21, hour: 16, who: "guard", kind: inspection.KindGridPatrol, place: "北门", fails: 1},
	{daysAgo: 20, hour: 10, who: "inspector", kind: inspection.KindGridPatrol, place: "化学实验室", fails: 2},
	{daysAgo: 19, hour: 9, who: "gridleader", kind: inspection.KindRandom, place: "1号配电房", fails: 1},
	{daysAgo: 18, hour: 11, who: "office", kind: inspection.KindSpecial, place: "危化品仓库", fails: 2, note: "危化品专项检查"},
	{daysAgo: 17, hour: 14, who: "inspector", kind: inspection.KindGridPatrol, place: "2号学生公寓", fails: 0},
	{daysAgo: 16, hour: 10, who: "supervisor", kind: inspection.KindOpenVisit, place: "校园警务室", fails: 0},
	{daysAgo: 15, hour: 9, who: "office", kind: inspection.KindUnitMonthly, unit: "教务处", areas: selfCheck, fails: 0},
	{daysAgo: 14, hour: 15, who: "guard", kind: inspection.KindGridPatrol, place: "地下车库", fails: 1},
	{daysAgo: 13, hour: 10, who: "inspector", kind: inspection.KindGridPatrol, place: "食堂后厨", fails: 1},
	{daysAgo: 12, hour: 9, who: "principal", kind: inspection.KindLeader, place: "1号学生公寓", fails: 1, note: "主要领导带队检查学生公寓"},
	{daysAgo: 11, hour: 14, who: "gridleader", kind: inspection.KindGridPatrol, place: "消防泵房", fails: 1},
	{daysAgo: 10, hour: 10, who: "inspector", kind: inspection.KindGridPatrol, place: "学生机房（A101）", fails: 0},
	{daysAgo: 9, hour: 16, who: "office", kind: inspection.KindUnannounced, place: "校内超市（出租）", fails: 2, note: "暗访：出租场所消防安全"},
	{daysAgo: 8, hour: 9, who: "unithead", kind: inspection.KindUnitMonthly, unit: "后勤管理处", areas: selfCheck, fails: 0},
	{daysAgo: 8, hour: 11, who: "guard", kind: inspection.KindGridPatrol, place: "南大门", fails: 0},
	{daysAgo: 7, hour: 10, who: "supervisor", kind: inspection.KindLeader, place: "学生食堂", fails: 1, note: "分管领导检查联系点"},
	{daysAgo: 6, hour: 14, who: "inspector", kind: inspection.KindGridPatrol, place: "药剂实验室", fails: 1},
	{daysAgo: 5, hour: 9, who: "office", kind: inspection.KindUnitMonthly, unit: "安全保卫处", areas: selfCheck, fails: 0},
	{daysAgo: 5, hour: 15, who: "gridleader", kind: inspection.KindGridPatrol, place: "图书馆扩建工地", fails: 2},
	{daysAgo: 4, hour: 10, who: "inspector", kind: inspection.KindGridPatrol, place: "1号学生公寓", fails: 0},
	{daysAgo: 3, hour: 9, who: "office", kind: inspection.KindLookBack, place: "危化品仓库", fails: 0, note: "回头看：上次发现的问题已整改"},
	{daysAgo: 3, hour: 14, who: "guard", kind: inspection.KindGridPatrol, place: "海安校区大门", fails: 0},
	{daysAgo: 2, hour: 10, who: "inspector", kind: inspection.KindGridPatrol, place: "科教综合楼", fails: 1},
	{daysAgo: 1, hour: 9, who: "gridleader", kind: inspection.KindGridPatrol, place: "海安校区食堂", fails: 1},
	{daysAgo: 1, hour: 15, who: "inspector", kind: inspection.KindGridPatrol, place: "体育馆", fails: 0},
}

// selfCheck is what a unit checks of itself: its responsibilities, rules
// and training, not a building's equipment.
var selfCheck = []checklist.Area{checklist.AreaResp, checklist.AreaRul, checklist.AreaEdu}

// failNotes are what an inspector writes under a failed question.
var failNotes = map[checklist.Area][]string{
	checklist.AreaFire: {"灭火器压力不足，已通知更换", "疏散通道堆放杂物", "应急照明灯不亮", "楼道内电动自行车充电"},
	checklist.AreaLog:  {"燃气软管老化", "配电箱未上锁", "食品留样记录不全"},
	checklist.AreaLab:  {"危化品台账未及时更新", "通风橱故障", "废液未分类存放"},
	checklist.AreaSec:  {"监控探头画面模糊", "门卫登记不完整"},
	checklist.AreaTra:  {"校门口减速带破损"},
	checklist.AreaResp: {"安全责任书未签订", "安全工作清单未更新"},
	checklist.AreaRul:  {"值班记录缺页", "制度未上墙"},
	checklist.AreaEdu:  {"本月未组织安全培训"},
}

// loadInspections records demoInspections at their times before now,
// through the inspection service as the accounts would have, so that
// findings, photos, the ledger and the rhythm's settled rows are true.
// It runs after the places, accounts and plans exist. It also leaves one
// unfinished draft of the grid member's, and an unannounced visit still in
// progress (hidden from the unit it visits).
func (l *loader) loadInspections() {
	if l.err != nil {
		return
	}
	db := l.org.DB
	now := l.org.Now()
	if err := checklist.EnsureBuiltins(l.ctx, db, now); err != nil {
		l.err = err
		return
	}
	at := now
	clock := func() time.Time { return at }
	svc := inspection.NewService(db, checklist.NewService(db, clock), clock)
	hazards := hazard.NewService(db, l.opt.photos, clock)
	svc.OnSubmitted = func(ctx context.Context, tx *sqldb.Tx, at time.Time, school, id int64) error {
		_, err := hazards.FromFindings(ctx, tx, at, school, id) // as app.Open wires it
		return err
	}
	loc := demoLocation()
	rng := rand.New(rand.NewPCG(2026, 3))
	day := now.In(loc)
	for i, d := range demoInspections {
		if l.err != nil {
			return
		}
		at = time.Date(day.Year(), day.Month(), day.Day()-d.daysAgo, d.hour, 7*i%60, 0, 0, loc)
		if !at.Before(now) {
			at = now.Add(-time.Duration(len(demoInspections)-i) * time.Minute)
		}
		sub, a, err := l.demoSubmission(svc, d, i, at, loc, rng)
		if err == nil {
			_, err = svc.Submit(l.ctx, a, l.school, sub)
		}
		if err != nil {
			l.err = fmt.Errorf("demo inspection %d (%s at %s): %w", i+1, d.kind, d.place+d.unit, err)
		}
	}
	at = now.Add(-20 * time.Minute)
	l.demoDraft(svc, "inspector", inspection.KindGridPatrol, "2号学生公寓", 5)
	l.demoDraft(svc, "office", inspection.KindUnannounced, "学生食堂", 3)
}

// demoSubmission builds the form d would have been: every question asked
// at the place (or of the unit's areas) answered, d.fails of them failed.
func (l *loader) demoSubmission(svc *inspection.Service, d demoInspection, i int, at time.Time, loc *time.Location, rng *rand.Rand) (inspection.Submission, *auth.Actor, error) {
	a, err := l.demoActor(d.who)
	if err != nil {
		return inspection.Submission{}, nil, err
	}
	sub := inspection.Submission{ClientID: fmt.Sprintf("demo-inspection-%03d", i+1), Kind: d.kind, Note: d.note, Signature: a.DisplayName}
	if d.place != "" {
		if sub.PlaceID, err = l.demoPlaceID(d.place); err != nil {
			return sub, nil, err
		}
	}
	if d.unit != "" {
		sub.UnitID = l.unit[d.unit]
	}
	if d.kind == inspection.KindUnitMonthly {
		// Named explicitly: the unit's row, not one of the inspector's own unit.
		month := time.Date(at.In(loc).Year(), at.In(loc).Month()-time.Month(d.dueOf), 1, 12, 0, 0, 0, loc)
		sub.DueID = l.demoUnitDue(sub.UnitID, plan.PeriodOf(plan.Month, month, loc).Key)
	}
	form, err := svc.Form(l.ctx, a, l.school, sub)
	if err != nil {
		return sub, nil, err
	}
	var qs []demoQuestion
	for _, it := range form.Items {
		if d.areas != nil && !hasArea(d.areas, it.Area) {
			continue
		}
		for _, q := range it.Questions {
			qs = append(qs, demoQuestion{item: it, code: q.Code})
		}
	}
	failed := map[int]bool{}
	for tries := 0; len(failed) < d.fails && tries < 100; tries++ {
		k := rng.IntN(len(qs))
		if qs[k].item.PhotoRequiredOnFail && l.opt.photos == nil {
			continue // no photo to prove it: choose another question
		}
		failed[k] = true
	}
	for k, q := range qs {
		an := inspection.Answer{QuestionCode: q.code, Result: inspection.ResultPass}
		if failed[k] {
			notes := failNotes[q.item.Area]
			an.Result, an.Note = inspection.ResultFail, "现场发现问题，已要求整改"
			if len(notes) > 0 {
				an.Note = notes[rng.IntN(len(notes))]
			}
			if l.opt.photos != nil {
				id, err := l.demoPhoto(svc, a, 1000*i+k)
				if err != nil {
					return sub, nil, err
				}
				an.PhotoIDs = []int64{id}
			}
		} else if rng.IntN(25) == 0 {
			an.Result = inspection.ResultNA
		}
		sub.Answers = append(sub.Answers, an)
	}
	return sub, a, nil
}

type demoQuestion struct {
	item checklist.Item
	code string
}

func hasArea(as []checklist.Area, a checklist.Area) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}
