package task

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"safecampus/internal/apperr"
	"safecampus/internal/sqldb"
)

// Filter selects tasks of one school. Zero fields do not filter.
//
// UnitID and PersonID together select the tasks owned by the unit OR by the
// person — the shape of one person's work list (their own tasks plus their
// unit's); alone, each selects that owner only. Status is open, done or
// cancelled. DueBefore ('YYYY-MM-DD') keeps tasks due strictly before that
// date (tasks without a due date are left out). SourceKind/SourceID select
// the tasks one record produced (e.g. a milestone's).
type Filter struct {
	SchoolID, UnitID, PersonID int64
	Status                     string
	DueBefore                  string
	SourceKind                 string
	SourceID                   int64
	Limit                      int // 0: 1000
}

const taskCols = `id, school_id, title, detail, source_kind, source_id, COALESCE(owner_unit_id, 0), COALESCE(owner_person_id, 0), due_on, status, done_at, created_at`

// List returns the tasks matching f, ordered by due date (undated last),
// then id. A filter without SchoolID is refused: tasks are school data.
func List(ctx context.Context, q sqldb.Querier, f Filter) ([]Task, error) {
	if f.SchoolID == 0 {
		return nil, fmt.Errorf("task list without school")
	}
	where := []string{"school_id = $1"}
	args := []any{f.SchoolID}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	switch {
	case f.UnitID != 0 && f.PersonID != 0:
		where = append(where, "(owner_unit_id = "+arg(f.UnitID)+" OR owner_person_id = "+arg(f.PersonID)+")")
	case f.UnitID != 0:
		where = append(where, "owner_unit_id = "+arg(f.UnitID))
	case f.PersonID != 0:
		where = append(where, "owner_person_id = "+arg(f.PersonID))
	}
	if f.Status != "" {
		where = append(where, "status = "+arg(f.Status))
	}
	if f.DueBefore != "" {
		where = append(where, "due_on <> '' AND due_on < "+arg(f.DueBefore))
	}
	if f.SourceKind != "" {
		where = append(where, "source_kind = "+arg(f.SourceKind))
	}
	if f.SourceID != 0 {
		where = append(where, "source_id = "+arg(f.SourceID))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	rows, err := q.QueryContext(ctx, `SELECT `+taskCols+` FROM tasks WHERE `+strings.Join(where, " AND ")+
		` ORDER BY CASE WHEN due_on = '' THEN 1 ELSE 0 END, due_on, id LIMIT `+arg(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		t, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Get returns task id of school, NotFound when it is not there.
func Get(ctx context.Context, q sqldb.Querier, school, id int64) (Task, error) {
	t, err := scan(q.QueryRowContext(ctx, `SELECT `+taskCols+` FROM tasks WHERE id = $1 AND school_id = $2`, id, school))
	if errors.Is(err, sql.ErrNoRows) {
		return Task{}, apperr.NotFoundf("task.not_found", "任务不存在。")
	}
	return t, err
}

type scanner interface{ Scan(dest ...any) error }

func scan(s scanner) (Task, error) {
	var t Task
	var doneAt sql.NullInt64
	var created int64
	if err := s.Scan(&t.ID, &t.SchoolID, &t.Title, &t.Detail, &t.SourceKind, &t.SourceID, &t.OwnerUnitID, &t.OwnerPersonID,
		&t.DueOn, &t.Status, &doneAt, &created); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return t, err
		}
		return t, fmt.Errorf("scan task: %w", err)
	}
	if doneAt.Valid {
		d := time.UnixMilli(doneAt.Int64).UTC()
		t.DoneAt = &d
	}
	t.CreatedAt = time.UnixMilli(created).UTC()
	return t, nil
}
