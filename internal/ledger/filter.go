package ledger

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"safecampus/internal/apperr"
	"safecampus/internal/inspection"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// Filter narrows the ledger. Zero values mean "any".
type Filter struct {
	From              string // first day, YYYY-MM-DD in the school's time zone
	To                string // last day (inclusive)
	Kind              string // inspection.Kind value
	UnitID            int64  // the inspected unit, with its sub-units
	InspectorPersonID int64  // inspector or co-inspector
	Area              string // inspections with an answer in this area (FIRE …)
	Result            string // "pass" (no failed question) or "fail"
	PlaceID           int64
}

// Empty reports whether f filters nothing.
func (f Filter) Empty() bool { return f == Filter{} }

// sqlBuilder collects the conditions and arguments of one statement; the
// school is always $1.
type sqlBuilder struct {
	conds []string
	args  []any
	tree  org.Tree // the school's units when already loaded (visibility)
	// byID reads the matching inspections by id and sorts them instead of
	// walking inspections_ledger in order (listSQL): set for the inspector
	// filter on SQLite, whose set of ids is small next to the school's.
	byID bool
}

func newBuilder(school int64) *sqlBuilder {
	return &sqlBuilder{conds: []string{"i.school_id = $1", "i.status = 'submitted'"}, args: []any{school}}
}

func (b *sqlBuilder) arg(v any) string {
	b.args = append(b.args, v)
	return "$" + strconv.Itoa(len(b.args))
}

func (b *sqlBuilder) list(ids []int64) string {
	ps := make([]string, len(ids))
	for i, id := range ids {
		ps[i] = b.arg(id)
	}
	return strings.Join(ps, ", ")
}

func (b *sqlBuilder) where() string { return " WHERE " + strings.Join(b.conds, " AND ") }

// dayStart is midnight of date in loc, in Unix milliseconds.
func dayStart(date string, loc *time.Location) (int64, bool) {
	t, err := time.ParseInLocation("2006-01-02", date, loc)
	if err != nil {
		return 0, false
	}
	return t.UnixMilli(), true
}

// addFilter validates f and adds its conditions. Dates are whole days of
// the school's time zone: To includes the whole of its day.
func (b *sqlBuilder) addFilter(ctx context.Context, q sqldb.Querier, school int64, f Filter, loc *time.Location) error {
	var errs []apperr.FieldError
	bad := func(field, msg string) { errs = append(errs, apperr.FieldError{Field: field, Message: msg}) }
	var from, to int64
	var okFrom, okTo bool
	if f.From != "" {
		if from, okFrom = dayStart(f.From, loc); !okFrom {
			bad("from", "开始日期格式应为 2026-03-01。")
		}
	}
	if f.To != "" {
		if t, err := time.ParseInLocation("2006-01-02", f.To, loc); err != nil {
			bad("to", "结束日期格式应为 2026-03-31。")
		} else {
			to, okTo = t.AddDate(0, 0, 1).UnixMilli(), true
		}
	}
	if okFrom && okTo && from >= to {
		bad("to", "结束日期不能早于开始日期。")
	}
	if f.Kind != "" && !inspection.Kind(f.Kind).Valid() {
		bad("kind", "检查类型无效。")
	}
	if f.Result != "" && f.Result != "pass" && f.Result != "fail" {
		bad("result", "检查结果无效。")
	}
	if utf8.RuneCountInString(f.Area) > 16 {
		bad("area", "领域无效。")
	}
	if len(errs) > 0 {
		return apperr.Fields("ledger.filter_invalid", errs)
	}
	if okFrom {
		b.conds = append(b.conds, "i.submitted_at >= "+b.arg(from))
	}
	if okTo {
		b.conds = append(b.conds, "i.submitted_at < "+b.arg(to))
	}
	if f.Kind != "" {
		b.conds = append(b.conds, "i.kind = "+b.arg(f.Kind))
	}
	if f.UnitID != 0 {
		if b.tree == nil {
			tree, err := org.LoadUnitTree(ctx, q, school)
			if err != nil {
				return err
			}
			b.tree = tree
		}
		ids := b.tree.Subtree([]int64{f.UnitID})
		b.conds = append(b.conds, "i.unit_id IN ("+b.list(ids)+")")
	}
	if f.InspectorPersonID != 0 {
		b.conds = append(b.conds, "i.id IN ("+b.personInspections(f.InspectorPersonID)+")")
	}
	if f.Area != "" {
		b.conds = append(b.conds, "EXISTS (SELECT 1 FROM inspection_answers an WHERE an.inspection_id = i.id AND an.area = "+b.arg(f.Area)+")")
	}
	switch f.Result {
	case "pass":
		b.conds = append(b.conds, "i.failed_count = 0")
	case "fail":
		b.conds = append(b.conds, "i.failed_count > 0")
	}
	if f.PlaceID != 0 {
		b.conds = append(b.conds, "i.place_id = "+b.arg(f.PlaceID))
	}
	return nil
}

// addVisibility restricts the rows to those v may read.
func (b *sqlBuilder) addVisibility(v visibility) {
	if v.all {
		return
	}
	var or []string
	if len(v.unitIDs) > 0 {
		or = append(or, "i.unit_id IN ("+b.list(v.unitIDs)+")")
	}
	if len(v.campusIDs) > 0 {
		or = append(or, "i.place_id IN (SELECT pc.id FROM places pc WHERE pc.school_id = $1 AND pc.campus_id IN ("+b.list(v.campusIDs)+"))")
	}
	var own []string
	if v.accountID != 0 {
		own = append(own, "SELECT xa.id FROM inspections xa WHERE xa.school_id = $1 AND xa.inspector_account_id = "+b.arg(v.accountID))
	}
	if v.personID != 0 {
		own = append(own, b.personInspections(v.personID))
	}
	if len(own) > 0 {
		or = append(or, "i.id IN ("+strings.Join(own, " UNION ALL ")+")")
	}
	if len(or) == 0 {
		b.conds = append(b.conds, "1 = 0")
		return
	}
	b.conds = append(b.conds, "("+strings.Join(or, " OR ")+")")
}

// personInspections is a subquery of the ids of the inspections person
// did or co-inspected. As an uncorrelated "i.id IN (…)" list it is built
// once per query from the two indexes by person, instead of a subquery per
// ledger row (a person with few inspections made the page scan every row
// with two lookups each: 35 ms on 33 000 inspections; now ~5 ms).
func (b *sqlBuilder) personInspections(person int64) string {
	p := b.arg(person)
	return "SELECT xp.id FROM inspections xp WHERE xp.school_id = $1 AND xp.inspector_person_id = " + p +
		" UNION ALL SELECT xc.inspection_id FROM inspection_coinspectors xc WHERE xc.school_id = $1 AND xc.person_id = " + p
}
