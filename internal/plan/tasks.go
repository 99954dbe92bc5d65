package plan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/auth"
)

// Due is one inspection owed, as its owner sees it.
type Due struct {
	ID            int64
	PlanID        int64
	PlanName      string
	Kind          string
	ItemSetID     int64
	PlaceID       int64
	PlaceName     string
	Period        string
	PeriodLabel   string
	StartsOn      string
	DueOn         string
	Status        string
	OwnerPersonID int64
	OwnerUnitID   int64
}

// Title is the task line of the home page, e.g.
// 2026年第一季度 分管领导检查（应于3月31日前完成）.
func (d Due) Title() string {
	what := d.PeriodLabel + " " + d.PlanName
	if d.PlaceName != "" {
		what += " · " + d.PlaceName
	}
	when := d.DueOn
	if t, err := time.Parse(dateLayout, d.DueOn); err == nil {
		when = fmt.Sprintf("%d月%d日", t.Month(), t.Day())
		if d.DueOn[:4] != d.StartsOn[:4] {
			when = cnDate(t)
		}
	}
	if d.Status == StatusMissed {
		return what + "（已逾期，应于" + when + "前完成）"
	}
	return what + "（应于" + when + "前完成）"
}

// URL starts the inspection that fulfils the due row.
func (d Due) URL() string { return fmt.Sprintf("/inspections/new?due=%d", d.ID) }

// Missed reports whether the deadline has passed.
func (d Due) Missed() bool { return d.Status == StatusMissed }

const dueCols = `d.id, d.plan_id, p.name, p.kind, COALESCE(p.item_set_id, 0), d.place_id, COALESCE(pl.name, ''), d.period, d.starts_on, d.due_on, d.status,
	d.owner_person_id, d.owner_unit_id`

const dueFrom = ` FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id LEFT JOIN places pl ON pl.id = d.place_id`

func scanDue(s interface{ Scan(...any) error }, today string) (Due, error) {
	var d Due
	err := s.Scan(&d.ID, &d.PlanID, &d.PlanName, &d.Kind, &d.ItemSetID, &d.PlaceID, &d.PlaceName, &d.Period, &d.StartsOn, &d.DueOn, &d.Status,
		&d.OwnerPersonID, &d.OwnerUnitID)
	if p, perr := ParsePeriod(d.Period); perr == nil {
		d.PeriodLabel = p.Label
	}
	if d.Status == StatusOpen && d.DueOn < today {
		d.Status = StatusMissed
	}
	return d, err
}

// ownsDue is the SQL condition "the row is owed by person $2": by them, or
// by a unit they head.
const ownsDue = `(d.owner_person_id = $2 OR (d.owner_person_id = 0 AND d.owner_unit_id IN (SELECT u.id FROM units u WHERE u.school_id = $1 AND u.head_person_id = $2)))`

// MyDues lists what the actor still owes in the school: open rows whose
// period has begun, then missed ones (a late inspection still counts), at
// most limit rows. An account without a person owes nothing.
func (s *Service) MyDues(ctx context.Context, a *auth.Actor, school int64, limit int) ([]Due, error) {
	if a == nil || a.PersonID == 0 || school == 0 {
		return nil, nil
	}
	q := s.DB.Read()
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return nil, err
	}
	today := Today(s.Now(), loc)
	rows, err := q.QueryContext(ctx, `SELECT `+dueCols+dueFrom+` WHERE d.school_id = $1 AND d.status IN ('open', 'missed') AND d.starts_on <= $3 AND `+ownsDue+`
		ORDER BY CASE WHEN d.status = 'open' AND d.due_on >= $3 THEN 0 ELSE 1 END, d.due_on, d.id LIMIT $4`, school, a.PersonID, today, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Due
	for rows.Next() {
		d, err := scanDue(rows, today)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// FindDue returns one due row for the page that starts its inspection:
// visible to whoever owes it and to plan managers; to anyone else, and for
// another school's id, it does not exist.
func (s *Service) FindDue(ctx context.Context, a *auth.Actor, school, id int64) (Due, error) {
	notFound := apperr.NotFoundf("due.not_found", "待检任务不存在。")
	if a == nil {
		return Due{}, notFound
	}
	q := s.DB.Read()
	loc, err := schoolLocation(ctx, q, school)
	if err != nil {
		return Due{}, err
	}
	today := Today(s.Now(), loc)
	var row interface{ Scan(...any) error }
	if auth.Can(a, auth.PermPlanManage, auth.SchoolScope(school)) {
		row = q.QueryRowContext(ctx, `SELECT `+dueCols+dueFrom+` WHERE d.school_id = $1 AND d.id = $2`, school, id)
	} else if a.PersonID != 0 {
		row = q.QueryRowContext(ctx, `SELECT `+dueCols+dueFrom+` WHERE d.school_id = $1 AND d.id = $3 AND `+ownsDue, school, a.PersonID, id)
	} else {
		return Due{}, notFound
	}
	d, err := scanDue(row, today)
	if errors.Is(err, sql.ErrNoRows) {
		return Due{}, notFound
	}
	return d, err
}
