package benchseed

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"safecampus/internal/sqldb/bulk"
)

var kinds = []string{"leader", "unit_monthly", "grid_patrol", "special", "open_visit", "unannounced", "random", "look_back"}

var (
	inspectionCols = []string{"id", "school_id", "client_id", "kind", "status", "place_id", "unit_id", "inspector_person_id", "inspector_account_id",
		"started_at", "submitted_at", "period", "late", "result", "failed_count", "answer_count", "note", "signature"}
	answerCols  = []string{"id", "school_id", "inspection_id", "item_id", "item_code", "area", "question_code", "question_text", "result", "note"}
	findingCols = []string{"school_id", "inspection_id", "answer_id", "item_code", "area", "place_id", "unit_id", "level", "note", "created_at"}
	coCols      = []string{"school_id", "inspection_id", "person_id"}
)

// inspections writes o.Inspections submitted inspections, oldest first, in
// transactions of o.PerTx.
func (s *seeder) inspections(ctx context.Context) error {
	o := s.o
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	start := o.Now.Add(-time.Duration(o.Days) * 24 * time.Hour).UnixMilli()
	step := max(int64(1), (o.Now.UnixMilli()-start)/int64(max(1, o.Inspections)))
	for done := 0; done < o.Inspections; {
		n := min(o.PerTx, o.Inspections-done)
		err := bulk.InTx(ctx, s.db, func(tx *sql.Tx) error {
			iid, err := bulk.NextID(ctx, tx, "inspections")
			if err != nil {
				return err
			}
			aid, err := bulk.NextID(ctx, tx, "inspection_answers")
			if err != nil {
				return err
			}
			var ins, ans, fin, co [][]any
			for k := range n {
				i := done + k
				at := start + int64(i)*step + s.rnd.Int64N(step)
				place := s.res.Places[s.rnd.IntN(len(s.res.Places))]
				unit := s.unitOf[place]
				insp := s.res.Inspectors[s.rnd.IntN(len(s.res.Inspectors))]
				failed := 0
				off := s.rnd.IntN(len(s.qs))
				for j := range o.Questions {
					q := s.qs[(off+j)%len(s.qs)]
					result, note := "pass", ""
					switch r := s.rnd.IntN(100); {
					case r < o.FailPercent:
						result, note = "fail", "发现问题，需整改"
						failed++
						fin = append(fin, []any{s.school, iid, aid, q.itemCode, q.area, place, unit, "general", note, at})
					case r < o.FailPercent+5:
						result = "na"
					}
					ans = append(ans, []any{aid, s.school, iid, q.itemID, q.itemCode, q.area, q.code, q.text, result, note})
					aid++
				}
				result := "pass"
				if failed > 0 {
					result = "fail"
				}
				ins = append(ins, []any{iid, s.school, fmt.Sprintf("seed-%s-%08d", o.Code, i), kinds[s.rnd.IntN(len(kinds))], "submitted", place, unit,
					insp.PersonID, insp.AccountID, at - 20*60*1000, at, time.UnixMilli(at).In(loc).Format("2006-01"), s.rnd.IntN(20) == 0,
					result, failed, o.Questions, "", "检查员"})
				if s.rnd.IntN(10) < 3 {
					if p := s.people[s.rnd.IntN(len(s.people))]; p != insp.PersonID {
						co = append(co, []any{s.school, iid, p})
					}
				}
				iid++
			}
			for _, step := range []struct {
				table string
				cols  []string
				rows  [][]any
			}{{"inspections", inspectionCols, ins}, {"inspection_answers", answerCols, ans}, {"findings", findingCols, fin}, {"inspection_coinspectors", coCols, co}} {
				if err := bulk.Insert(ctx, tx, step.table, step.cols, step.rows); err != nil {
					return fmt.Errorf("%s: %w", step.table, err)
				}
			}
			s.res.Answers += len(ans)
			return nil
		})
		if err != nil {
			return err
		}
		done += n
		s.res.Inspections = done
		if o.Progress != nil {
			o.Progress(done)
		}
	}
	return nil
}
