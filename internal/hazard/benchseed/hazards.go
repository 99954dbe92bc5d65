package benchseed

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"safecampus/internal/sqldb/bulk"
)

// areas and their weights: fire and logistics problems are the most common.
var areas = []struct {
	code   string
	weight int
	descs  []string
}{
	{"FIRE", 30, []string{"楼道内电动自行车充电，疏散通道被占用", "灭火器压力不足，已过检验期", "安全出口指示灯不亮", "消防栓箱内水带缺失", "宿舍内使用大功率电器"}},
	{"LOG", 20, []string{"配电房未放置绝缘垫", "食堂燃气报警器失灵", "电梯年检标志过期", "教学楼私拉乱接电线"}},
	{"LAB", 15, []string{"危化品未双人双锁管理", "实验废液未分类存放", "通风橱故障未维修"}},
	{"SEC", 12, []string{"校门口防冲撞设施缺失", "监控探头损坏", "周界报警失效"}},
	{"TRA", 5, []string{"校门口减速带损坏", "上下学时段无人护导"}},
	{"RUL", 8, []string{"安全制度未上墙", "值班记录不全"}},
	{"EDU", 5, []string{"新进教职工未参加安全培训", "学生宿舍安全教育记录缺失"}},
	{"RESP", 5, []string{"未签订安全责任书", "安全工作清单未更新"}},
}

var (
	hazardCols = []string{"id", "school_id", "number", "source", "found_at", "found_by_account_id", "found_by_person_id", "place_id", "area",
		"level", "description", "unit_id", "responsible_person_id", "measures", "deadline", "acceptor_person_id", "status", "reject_reason",
		"rectified_by_person_id", "result_note", "acceptance_result", "accepted_by_person_id", "listed", "overdue", "overdue_since",
		"escalation_step", "closed_at", "created_at", "updated_at", "version"}
	eventCols = []string{"id", "school_id", "hazard_id", "at", "actor_account_id", "actor_name", "action", "from_status", "to_status", "note"}
	photoCols = []string{"school_id", "owner_kind", "owner_id", "file_name", "sha256", "width", "height", "bytes", "uploaded_by", "created_at"}
)

// path is the workflow a hazard in status went through, as timeline actions.
var path = map[string][]string{
	"reported":   {"report"},
	"rejected":   {"report", "reject"},
	"confirmed":  {"report", "confirm"},
	"assigned":   {"report", "confirm", "assign"},
	"rectifying": {"report", "confirm", "assign", "start"},
	"submitted":  {"report", "confirm", "assign", "start", "submit"},
	"closed":     {"report", "confirm", "assign", "start", "submit", "accept"},
}

var toStatus = map[string]string{"report": "reported", "reject": "rejected", "confirm": "confirmed", "assign": "assigned",
	"start": "rectifying", "submit": "submitted", "accept": "closed"}

// status picks a status by age: old hazards are mostly closed, recent
// ones spread over the workflow.
func (s *seeder) status(ageDays float64) string {
	r := s.rnd.IntN(100)
	if ageDays > 60 {
		switch {
		case r < 90:
			return "closed"
		case r < 94:
			return "rejected"
		case r < 97:
			return "rectifying"
		default:
			return "assigned"
		}
	}
	for _, c := range []struct {
		st string
		p  int
	}{{"reported", 8}, {"confirmed", 15}, {"rejected", 20}, {"assigned", 40}, {"rectifying", 65}, {"submitted", 75}} {
		if r < c.p {
			return c.st
		}
	}
	return "closed"
}

// hazards writes o.Hazards hazards in the order they were found, each at
// a random school, in transactions of o.PerTx, then the number counters.
func (s *seeder) hazards(ctx context.Context) error {
	o := s.o
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	day := int64(24 * time.Hour / time.Millisecond)
	end := o.Now.UnixMilli()
	start := end - int64(o.Days)*day
	step := max(int64(1), (end-start)/int64(max(1, o.Hazards)))
	today := o.Now.In(loc).Format(time.DateOnly)
	totalWeight := 0
	for _, a := range areas {
		totalWeight += a.weight
	}
	for done := 0; done < o.Hazards; {
		n := min(o.PerTx, o.Hazards-done)
		err := bulk.InTx(ctx, s.db, func(tx *sql.Tx) error {
			hid, err := bulk.NextID(ctx, tx, "hazards")
			if err != nil {
				return err
			}
			eid, err := bulk.NextID(ctx, tx, "hazard_events")
			if err != nil {
				return err
			}
			var hs, evs, phs [][]any
			for k := range n {
				i := done + k
				found := start + int64(i)*step + s.rnd.Int64N(step)
				sc := &s.res.Schools[s.rnd.IntN(len(s.res.Schools))]
				w := s.rnd.IntN(totalWeight)
				ai := 0
				for ; w >= areas[ai].weight; ai++ {
					w -= areas[ai].weight
				}
				ar := areas[ai]
				year := time.UnixMilli(found).In(loc).Year()
				key := counterKey{sc.ID, year, ar.code}
				s.counters[key]++
				number := fmt.Sprintf("%d-%s-%04d", year, ar.code, s.counters[key])
				place := sc.Places[s.rnd.IntN(len(sc.Places))]
				unit := sc.unitOf[place]
				staff := sc.byUnit[unit]
				st := s.status(float64(end-found) / float64(day))
				level := "general"
				if s.rnd.IntN(100) < 3 {
					level = "major"
				}
				source, reporter := "report", any(sc.People[s.rnd.IntN(len(sc.People))])
				if s.rnd.IntN(10) == 0 {
					source, reporter = "anonymous", nil
				}
				var account any
				if sc.Office != 0 {
					account = sc.Office
				}
				acts := path[st]
				at := found
				var resp, acceptor, rectifier, accepted, closed, overdueSince any
				deadline, reject, measures, resultNote, acceptance := "", "", "", "", ""
				overdue, listed, escalation := false, false, 0
				if len(acts) >= 3 { // assigned or further
					resp, acceptor = staff[s.rnd.IntN(len(staff))], sc.People[s.rnd.IntN(len(sc.People))]
					measures = "按要求立即整改，落实专人负责并留存整改前后照片。"
					d := time.UnixMilli(found).In(loc).AddDate(0, 0, 7+s.rnd.IntN(24))
					deadline = d.Format(time.DateOnly)
					open := st == "assigned" || st == "rectifying"
					if open && deadline < today {
						overdue, escalation = true, 1+s.rnd.IntN(4)
						overdueSince = d.AddDate(0, 0, 1).UnixMilli()
					}
					listed = level == "major" && st != "closed" && s.rnd.IntN(2) == 0
				}
				if st == "submitted" || st == "closed" {
					rectifier, resultNote = resp, "已整改完毕，附整改后照片。"
				}
				if st == "rejected" {
					reject = "经核实不属于安全隐患。"
				}
				for j, act := range acts {
					if j > 0 {
						at = min(end, at+s.rnd.Int64N(3*day)+3600_000)
					}
					from := ""
					if j > 0 {
						from = toStatus[acts[j-1]]
					}
					evs = append(evs, []any{eid, sc.ID, hid, at, account, "压测办公室", act, from, toStatus[act], ""})
					eid++
				}
				if st == "closed" {
					accepted, closed, acceptance = acceptor, at, "passed"
				}
				hs = append(hs, []any{hid, sc.ID, number, source, found, account, reporter, place, ar.code, level,
					ar.descs[s.rnd.IntN(len(ar.descs))], unit, resp, measures, deadline, acceptor, st, reject, rectifier, resultNote,
					acceptance, accepted, listed, overdue, overdueSince, escalation, closed, found, at, len(acts)})
				phs = append(phs, []any{sc.ID, "hazard_before", hid, fmt.Sprintf("bench/h%d-before.jpg", hid), "bench", 1600, 1200, 250_000, 0, found})
				if st == "closed" {
					phs = append(phs, []any{sc.ID, "hazard_after", hid, fmt.Sprintf("bench/h%d-after.jpg", hid), "bench", 1600, 1200, 250_000, 0, at})
				}
				hid++
			}
			s.res.Events += len(evs)
			if err := bulk.Insert(ctx, tx, "hazards", hazardCols, hs); err != nil {
				return err
			}
			if err := bulk.Insert(ctx, tx, "hazard_events", eventCols, evs); err != nil {
				return err
			}
			return bulk.Insert(ctx, tx, "photos", photoCols, phs)
		})
		if err != nil {
			return err
		}
		done += n
		s.res.Hazards = done
		if o.Progress != nil {
			o.Progress(done)
		}
	}
	return bulk.InTx(ctx, s.db, func(tx *sql.Tx) error {
		var rows [][]any
		for k, last := range s.counters {
			rows = append(rows, []any{k.school, k.year, k.area, last})
		}
		return bulk.Insert(ctx, tx, "hazard_counters", []string{"school_id", "year", "area", "last"}, rows)
	})
}
