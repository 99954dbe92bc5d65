package plan

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/sqldb"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// errBuiltin refuses changes to the RUL-4 rhythm: the notice requires it
// of every school, so it cannot be edited away or switched off.
var errBuiltin = apperr.New(apperr.Invalid, "plan.builtin", "内置检查计划（RUL-4 检查频次）不能修改或停用。")

type fieldErrs []apperr.FieldError

func (f *fieldErrs) add(field, msg string) {
	*f = append(*f, apperr.FieldError{Field: field, Message: msg})
}

// ref adds a field error when id is set but is not a (usable) row of the school.
func (f *fieldErrs) ref(ctx context.Context, q sqldb.Querier, table, field, label string, school, id int64, activeOnly bool) error {
	if id == 0 {
		return nil
	}
	ok, err := exists(ctx, q, table, school, id, activeOnly)
	if err == nil && !ok {
		f.add(field, label+"不存在、已停用或不属于本校。")
	}
	return err
}

// validate checks a custom plan inside the transaction that stores it.
func validate(ctx context.Context, q sqldb.Querier, school int64, p *Plan) error {
	var f fieldErrs
	p.Name = strings.TrimSpace(p.Name)
	switch {
	case p.Name == "":
		f.add("name", "请填写计划名称。")
	case utf8.RuneCountInString(p.Name) > 100:
		f.add("name", "计划名称过长。")
	}
	if KindLabel(p.Kind) == p.Kind {
		f.add("kind", "请选择检查类型。")
	}
	if !p.Recurrence.valid() {
		f.add("recurrence", "请选择检查频次。")
	}
	if p.Recurrence == EveryN {
		if p.EveryN < 1 || p.EveryN > 366 {
			f.add("every_n", "间隔天数应为 1 到 366 之间的整数。")
		}
	} else {
		p.EveryN = 1
	}
	p.StartDate = strings.TrimSpace(p.StartDate)
	if _, err := time.Parse(dateLayout, p.StartDate); err != nil {
		f.add("start_date", "请填写开始日期，格式如 2026-03-02。")
	}
	p.PlaceIDs = normalizeIDs(p.PlaceIDs)
	if p.GridID != 0 && len(p.PlaceIDs) > 0 {
		f.add("places", "请在“网格”和“指定场所”中选择一种。")
	}
	if p.AssigneePersonID == 0 && p.AssigneeUnitID == 0 {
		f.add("assignee_person_id", "请选择负责人员或负责单位。")
	}
	for _, r := range []struct {
		table, field, label string
		id                  int64
	}{
		{"item_sets", "item_set_id", "检查项目集", p.ItemSetID},
		{"grids", "grid_id", "网格", p.GridID},
		{"people", "assignee_person_id", "负责人员", p.AssigneePersonID},
		{"units", "assignee_unit_id", "负责单位", p.AssigneeUnitID},
	} {
		if err := f.ref(ctx, q, r.table, r.field, r.label, school, r.id, true); err != nil {
			return err
		}
	}
	for _, id := range p.PlaceIDs {
		ok, err := exists(ctx, q, "places", school, id, true)
		if err != nil {
			return err
		}
		if !ok {
			f.add("places", "所选场所不存在、已停用或不属于本校。")
			break
		}
	}
	if len(f) > 0 {
		return apperr.Fields("plan.invalid", f)
	}
	return nil
}

// SavePlan creates (ID 0) or updates a custom plan. Changes apply to the
// periods generated from now on; rows already owed stay as they are.
func (s *Service) SavePlan(ctx context.Context, a *auth.Actor, school int64, in Plan) (Plan, error) {
	if err := require(a, auth.PermPlanManage, auth.SchoolScope(school)); err != nil {
		return Plan{}, err
	}
	in.SchoolID, in.Rule = school, ""
	err := s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "inspection_plan", Action: "plan.create"}
		var before *Plan
		if in.ID != 0 {
			old, err := findPlan(ctx, tx, school, in.ID)
			if err != nil {
				return rec, err
			}
			if old.Builtin() {
				return rec, errBuiltin
			}
			before, in.Active, rec.Action = &old, old.Active, "plan.update"
		} else {
			in.Active = true
		}
		if err := validate(ctx, tx, school, &in); err != nil {
			return rec, err
		}
		var err error
		if in.ID == 0 {
			err = tx.QueryRowContext(ctx, `INSERT INTO inspection_plans (school_id, name, kind, rule, recurrence, every_n, start_date, item_set_id, grid_id, assignee_person_id, assignee_unit_id, active, created_at)
				VALUES ($1, $2, $3, '', $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
				school, in.Name, in.Kind, string(in.Recurrence), in.EveryN, in.StartDate, nullID(in.ItemSetID), nullID(in.GridID),
				nullID(in.AssigneePersonID), nullID(in.AssigneeUnitID), true, s.Now().UnixMilli()).Scan(&in.ID)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE inspection_plans SET name = $3, kind = $4, recurrence = $5, every_n = $6, start_date = $7, item_set_id = $8,
				grid_id = $9, assignee_person_id = $10, assignee_unit_id = $11 WHERE id = $1 AND school_id = $2`,
				in.ID, school, in.Name, in.Kind, string(in.Recurrence), in.EveryN, in.StartDate, nullID(in.ItemSetID), nullID(in.GridID),
				nullID(in.AssigneePersonID), nullID(in.AssigneeUnitID))
		}
		if err != nil {
			return rec, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plan_places WHERE plan_id = $1`, in.ID); err != nil {
			return rec, err
		}
		for _, pid := range in.PlaceIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO plan_places (school_id, plan_id, place_id) VALUES ($1, $2, $3)`, school, in.ID, pid); err != nil {
				return rec, err
			}
		}
		rec.EntityID, rec.After = in.ID, in
		if before != nil {
			rec.Before = *before
		}
		return rec, nil
	})
	return in, err
}

// SetPlanActive switches a custom plan off or on again. Switching off
// withdraws what it still owes for the current and coming periods, unless
// someone already started an inspection for it; missed rows stay as history.
func (s *Service) SetPlanActive(ctx context.Context, a *auth.Actor, school, id int64, active bool) error {
	if err := require(a, auth.PermPlanManage, auth.SchoolScope(school)); err != nil {
		return err
	}
	now := s.Now()
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		rec := audit.Record{SchoolID: school, Entity: "inspection_plan", EntityID: id, Action: "plan.activate"}
		p, err := findPlan(ctx, tx, school, id)
		if err != nil {
			return rec, err
		}
		if p.Builtin() {
			return rec, errBuiltin
		}
		if _, err := tx.ExecContext(ctx, `UPDATE inspection_plans SET active = $3 WHERE id = $1 AND school_id = $2`, id, school, active); err != nil {
			return rec, err
		}
		withdrawn := int64(0)
		if !active {
			rec.Action = "plan.deactivate"
			loc, err := schoolLocation(ctx, tx, school)
			if err != nil {
				return rec, err
			}
			res, err := tx.ExecContext(ctx, `DELETE FROM due_inspections WHERE plan_id = $1 AND school_id = $2 AND status = 'open' AND due_on >= $3
				AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.due_id = due_inspections.id)`, id, school, Today(now, loc))
			if err != nil {
				return rec, err
			}
			withdrawn, _ = res.RowsAffected()
		}
		rec.Before = map[string]any{"active": p.Active}
		rec.After = map[string]any{"active": active, "withdrawn_dues": withdrawn}
		return rec, nil
	})
}
