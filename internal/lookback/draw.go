package lookback

import (
	"context"
	"fmt"
	"slices"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/notify"
	"safecampus/internal/sqldb"
)

// DrawInput is the office's new draw: the filter with Count or Percent
// (exactly one), an optional seed (0: a fresh one; a seed copied from an
// earlier draw repeats it), the inspectors (people) and the due day.
type DrawInput struct {
	Filter       Filter
	Seed         int64
	InspectorIDs []int64
	DueOn        string
}

// Preview is the population size the filter gives now, for the form.
func (s *Service) Preview(ctx context.Context, a *auth.Actor, school int64, flt Filter) (int, error) {
	if err := mayDraw(a, school); err != nil {
		return 0, err
	}
	q := s.DB.Read()
	var f fieldErrs
	if err := flt.check(ctx, q, school, &f); err != nil {
		return 0, err
	}
	if err := f.err("lookback.filter_invalid"); err != nil {
		return 0, err
	}
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return 0, err
	}
	ids, err := population(ctx, q, school, flt, loc)
	return len(ids), err
}

// Create draws the sample and creates one re-check per drawn hazard, all
// in one transaction with its audit entry and the inspectors' inbox
// messages. A refused draw stores nothing.
func (s *Service) Create(ctx context.Context, a *auth.Actor, school int64, in DrawInput) (*Draw, error) {
	if err := mayDraw(a, school); err != nil {
		return nil, err
	}
	now := s.Now()
	var id int64
	err := s.DB.Transact(ctx, func(tx *sqldb.Tx) error {
		loc, err := schoolLocation(ctx, tx, school)
		if err != nil {
			return err
		}
		var f fieldErrs
		if err := in.check(ctx, tx, school, now, loc, &f); err != nil {
			return err
		}
		if err := f.err("lookback.draw_invalid"); err != nil {
			return err
		}
		pop, err := population(ctx, tx, school, in.Filter, loc)
		if err != nil {
			return err
		}
		n := SampleSize(len(pop), in.Filter.Count, in.Filter.Percent)
		switch {
		case len(pop) == 0:
			return apperr.Invalidf("lookback.empty", "没有符合条件的已销号隐患，请放宽筛选条件。")
		case n > maxDrawn:
			return apperr.Invalidf("lookback.too_many", "本次将抽取 %d 条，超过一次回头看的上限 %d 条，请缩小范围或降低比例。", n, maxDrawn)
		}
		if in.Seed == 0 {
			in.Seed = NewSeed()
		}
		drawn := Sample(pop, in.Seed, n)
		who := assign(drawn, in.InspectorIDs)
		if err := tx.QueryRowContext(ctx, `INSERT INTO lookback_draws (school_id, seed, filter, population, drawn, due_on, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			school, in.Seed, in.Filter.JSON(), len(pop), len(drawn), in.DueOn, a.AccountID, now.UnixMilli()).Scan(&id); err != nil {
			return err
		}
		for i, h := range drawn {
			if _, err := tx.ExecContext(ctx, `INSERT INTO lookback_checks (school_id, draw_id, hazard_id, inspector_person_id) VALUES ($1, $2, $3, $4)`,
				school, id, h, who[i]); err != nil {
				return err
			}
		}
		if _, err := audit.Append(ctx, tx, now, audit.Record{SchoolID: school, ActorID: a.AccountID, Action: "lookback.draw", Entity: "lookback_draw", EntityID: id,
			After: map[string]any{"seed": in.Seed, "filter": in.Filter.JSON(), "population": len(pop), "drawn": len(drawn), "due_on": in.DueOn,
				"hazard_ids": drawn, "inspector_person_ids": who}}); err != nil {
			return err
		}
		return s.tellInspectors(ctx, tx, now, school, id, in)
	})
	if err != nil {
		return nil, err
	}
	return s.draw(ctx, s.DB.Read(), school, id)
}

// check validates the draw's input into f: the filter, exactly one of a
// count or a share, a due day not in the past, and the inspectors.
func (in *DrawInput) check(ctx context.Context, q sqldb.Querier, school int64, now time.Time, loc *time.Location, f *fieldErrs) error {
	if err := in.Filter.check(ctx, q, school, f); err != nil {
		return err
	}
	c, p := in.Filter.Count, in.Filter.Percent
	switch {
	case c != 0 && p != 0:
		f.add("size", "请只填写抽取数量或抽取比例中的一项。")
	case c == 0 && p == 0:
		f.add("size", "请填写抽取数量或抽取比例。")
	case c < 0 || c > maxDrawn:
		f.add("count", fmt.Sprintf("抽取数量须在 1 到 %d 之间。", maxDrawn))
	case c == 0 && (p < 1 || p > 100):
		f.add("percent", "抽取比例须在 1% 到 100% 之间。")
	}
	if in.Seed < 0 {
		f.add("seed", "随机种子须为正整数。")
	}
	if d, err := time.ParseInLocation(time.DateOnly, in.DueOn, loc); err != nil {
		f.add("due_on", "请填写复查期限（如 2026-03-31）。")
	} else if d.Format(time.DateOnly) < now.In(loc).Format(time.DateOnly) {
		f.add("due_on", "复查期限不能早于今天。")
	}
	slices.Sort(in.InspectorIDs)
	in.InspectorIDs = slices.Compact(in.InspectorIDs)
	switch {
	case len(in.InspectorIDs) == 0:
		f.add("inspector_id", "请至少选择一名复查人员。")
	case len(in.InspectorIDs) > maxInspectors:
		f.add("inspector_id", fmt.Sprintf("复查人员不能超过 %d 名。", maxInspectors))
	default:
		for _, p := range in.InspectorIDs {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM people WHERE id = $1 AND school_id = $2 AND active`, p, school).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				f.add("inspector_id", "所选复查人员不存在或已停用。")
				break
			}
		}
	}
	return nil
}

// tellInspectors puts the new re-checks in each inspector's inbox.
func (s *Service) tellInspectors(ctx context.Context, tx *sqldb.Tx, now time.Time, school, draw int64, in DrawInput) error {
	accounts, err := notify.AccountsOfPeople(ctx, tx, school, in.InspectorIDs)
	if err != nil || len(accounts) == 0 {
		return err
	}
	_, err = notify.Enqueue(ctx, tx, now, notify.Message{SchoolID: school, Kind: "lookback", Title: "回头看复查任务",
		Body: "专项整治办公室抽取了已销号隐患进行回头看复查，请在 " + in.DueOn + " 前完成您名下的复查并记录结果。",
		Link: "/lookback/mine", Recipients: accounts, DedupKey: fmt.Sprintf("lookback:%d", draw)})
	return err
}
