package lists

import (
	"context"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/checklist"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Filter narrows a list. Zero values mean "any"; each list uses the fields
// that make sense for it (see the list's doc comment) and ignores others.
type Filter struct {
	UnitID   int64  // the unit with its sub-units
	PersonID int64  // the person who answers for the row
	Area     string // check area code (FIRE …); GEN for "other"
	Level    string // general | major
	Status   string // the list's own status values
	Kind     string // the list's own kinds of row
	From, To string // first and last day (inclusive), YYYY-MM-DD in the school's zone
	Overdue  bool   // only rows past their deadline
}

// Empty reports whether f filters nothing.
func (f Filter) Empty() bool { return f == Filter{} }

// Statuses and kinds each list accepts in Filter.Status and Filter.Kind.
var (
	WorkStatuses    = []string{"open", "overdue", "done", "cancelled"}
	WorkKinds       = []string{KindTask, KindInspection}
	ProblemStatuses = []string{"reported", "confirmed", "rejected", "assigned", "rectifying", "submitted", "closed", "finding"}
	ProblemKinds    = []string{KindHazard, KindFinding}
	RectStatuses    = []string{"confirmed", "assigned", "rectifying", "submitted"}
	DutyKinds       = []string{DutyPlace, DutyGridLeader, DutyGridMember, DutyHazard, DutyTask, DutyInspection}
)

// span is a validated date range as instants: [from, to).
type span struct {
	from, to     int64 // Unix ms; 0 when open
	fromD, lastD string
}

// check validates f against a list's accepted statuses and kinds and
// returns its date range. Dates are whole days of loc: To includes the
// whole of its day.
func (f Filter) check(loc *time.Location, statuses, kinds []string) (span, error) {
	var errs []apperr.FieldError
	bad := func(field, msg string) { errs = append(errs, apperr.FieldError{Field: field, Message: msg}) }
	var sp span
	if f.From != "" {
		if t, err := time.ParseInLocation(time.DateOnly, f.From, loc); err != nil {
			bad("from", "开始日期格式应为 2026-03-01。")
		} else {
			sp.from, sp.fromD = t.UnixMilli(), f.From
		}
	}
	if f.To != "" {
		if t, err := time.ParseInLocation(time.DateOnly, f.To, loc); err != nil {
			bad("to", "结束日期格式应为 2026-03-31。")
		} else {
			sp.to, sp.lastD = t.AddDate(0, 0, 1).UnixMilli(), f.To
		}
	}
	if sp.from != 0 && sp.to != 0 && sp.from >= sp.to {
		bad("to", "结束日期不能早于开始日期。")
	}
	if f.Status != "" && !oneOf(f.Status, statuses) {
		bad("status", "状态无效。")
	}
	if f.Kind != "" && !oneOf(f.Kind, kinds) {
		bad("kind", "类别无效。")
	}
	if f.Level != "" && f.Level != checklist.LevelGeneral && f.Level != checklist.LevelMajor {
		bad("level", "隐患等级无效。")
	}
	if utf8.RuneCountInString(f.Area) > 16 {
		bad("area", "领域无效。")
	}
	if len(errs) > 0 {
		return sp, apperr.Fields("lists.filter_invalid", errs)
	}
	return sp, nil
}

func oneOf(s string, xs []string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// unitFilter is the unit filter expanded to the unit's sub-units (nil when
// there is no unit filter).
func unitFilter(ctx context.Context, q sqldb.Querier, school int64, f Filter) ([]int64, error) {
	if f.UnitID == 0 {
		return nil, nil
	}
	tree, err := org.LoadUnitTree(ctx, q, school)
	if err != nil {
		return nil, err
	}
	return tree.Subtree([]int64{f.UnitID}), nil
}
